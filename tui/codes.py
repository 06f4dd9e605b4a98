"""The transaction codes of Forms 4 and 5 and their meanings, from the SEC's General Instructions
for Form 4 (Instruction 8, "Transaction Codes")."""

from __future__ import annotations

#: code -> (group, meaning)
TRANSACTION_CODES: dict[str, tuple[str, str]] = {
    "P": ("General", "Open market or private purchase of non-derivative or derivative security"),
    "S": ("General", "Open market or private sale of non-derivative or derivative security"),
    "V": ("General", "Transaction voluntarily reported earlier than required"),
    "A": ("Rule 16b-3", "Grant, award or other acquisition pursuant to Rule 16b-3(d)"),
    "D": ("Rule 16b-3", "Disposition to the issuer of issuer equity securities pursuant to Rule 16b-3(e)"),
    "F": (
        "Rule 16b-3",
        "Payment of exercise price or tax liability by delivering or withholding securities incident to "
        "the receipt, exercise or vesting of a security issued in accordance with Rule 16b-3",
    ),
    "I": (
        "Rule 16b-3",
        "Discretionary transaction in accordance with Rule 16b-3(f) resulting in acquisition or "
        "disposition of issuer securities",
    ),
    "M": ("Rule 16b-3", "Exercise or conversion of derivative security exempted pursuant to Rule 16b-3"),
    "C": ("Derivative securities", "Conversion of derivative security"),
    "E": ("Derivative securities", "Expiration of short derivative position"),
    "H": ("Derivative securities", "Expiration (or cancellation) of long derivative position with value received"),
    "O": ("Derivative securities", "Exercise of out-of-the-money derivative security"),
    "X": ("Derivative securities", "Exercise of in-the-money or at-the-money derivative security"),
    "G": ("Other Section 16(b) exempt", "Bona fide gift"),
    "L": ("Other Section 16(b) exempt", "Small acquisition under Rule 16a-6"),
    "W": (
        "Other Section 16(b) exempt",
        "Acquisition or disposition by will or the laws of descent and distribution",
    ),
    "Z": ("Other Section 16(b) exempt", "Deposit into or withdrawal from voting trust"),
    "J": ("Other", "Other acquisition or disposition (describe transaction)"),
    "K": ("Other", "Transaction in equity swap or instrument with similar characteristics"),
    "U": ("Other", "Disposition pursuant to a tender of shares in a change of control transaction"),
}


def describe(code: str | None) -> str:
    """The meaning of a code, or an honest "unknown code" for anything else."""
    if not code:
        return ""
    entry = TRANSACTION_CODES.get(code.strip().upper())
    return entry[1] if entry else f"Unknown code {code!r}"
