"""Code against direction (``code_direction``): a transaction code that says the insider acquired
while the row says (D)isposed, or the other way round.

The rule table follows the meaning of each code in the SEC's code list (General Instructions for
Form 4, Instruction 8 "Transaction Codes"; the same list is in tui/codes.py). Only codes whose meaning
fixes the direction are in it; G (a gift is given or received), J, K, I, Z, W, E and V go either way
and are never flagged. M, X and O (exercise of a derivative) acquire the underlying in Table I; in
Table II they dispose of the option, warrant, right or unit exercised, but acquire what the exercise
brings when that is a derivative itself (warrants exercised into convertible Class B stock): so in
Table II only a row whose title names the exercised kind of security is held to (D). C (conversion) is
left alone: its direction depends on which side of the conversion a row reports.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from tui.checks.finding import Finding, RowRef, row_label, tables_of
from tui.model import Filing

Direction = Literal["A", "D"]

#: code -> (direction in Table I, direction in Table II, the code's meaning in the SEC's list); None: either
RULES: dict[str, tuple[Direction | None, Direction | None, str]] = {
    "P": ("A", "A", "open market or private purchase"),
    "S": ("D", "D", "open market or private sale"),
    "A": ("A", "A", "grant, award or other acquisition under Rule 16b-3(d)"),
    "D": ("D", "D", "disposition to the issuer under Rule 16b-3(e)"),
    "F": ("D", "D", "payment of exercise price or tax liability by delivering or withholding securities"),
    "L": ("A", "A", "small acquisition under Rule 16a-6"),
    "U": ("D", "D", "disposition by tender of shares in a change of control"),
    "H": (None, "D", "expiration or cancellation of a long derivative position with value received"),
    "M": ("A", None, "exercise or conversion of a derivative security under Rule 16b-3"),
    "X": ("A", None, "exercise of an in-the-money or at-the-money derivative security"),
    "O": ("A", None, "exercise of an out-of-the-money derivative security"),
}

_WORD = {"A": "acquired (A)", "D": "disposed (D)"}
#: Table II titles of what an exercise uses up (the exercised security, not what the exercise brings)
_EXERCISED = re.compile(r"\b(?:options?|warrants?|rights?|units?|rsus?|psus?)\b", re.IGNORECASE)
_EXERCISES = frozenset({"M", "X", "O"})


@lru_cache(maxsize=1 << 12)  # titles repeat from row to row and filing to filing
def _names_exercised(title: str) -> bool:
    return _EXERCISED.search(title) is not None


def check_code_direction(filing: Filing) -> list[Finding]:
    findings: list[Finding] = []
    for table, rows in tables_of(filing):
        for index, row in enumerate(rows):
            code = row.code
            if row.kind != "transaction" or not code:
                continue
            rule = RULES.get(code)  # (codes and directions as filed are nearly always the plain letter)
            if rule is None:
                code = code.strip().upper()
                rule = RULES.get(code)
                if rule is None:
                    continue
            direction = row.acquired_disposed
            if direction != "A" and direction != "D":
                direction = (direction or "").strip().upper()
                if direction not in _WORD:
                    continue
            expected = rule[0] if table == "table1" else rule[1]
            if table == "table2" and code in _EXERCISES and _names_exercised(row.security_title or ""):
                expected = "D"
            if expected is None or expected == direction:
                continue
            ref: RowRef = (table, index)
            findings.append(
                Finding(
                    "code_direction",
                    f"{row_label(ref)}: code {code} ({rule[2]}) means {_WORD[expected]}, "
                    f"but the row says {_WORD[direction]}",
                    rows=(ref,),
                    fields=("code", "acquired_disposed"),
                )
            )
    return findings
