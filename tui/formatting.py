"""The one place that turns model values into screen text (CLI tables and the explorer alike).

Numbers print like the SEC's rendering (thousands separators, "$" on prices, the digits filed kept),
dates as ISO (unambiguous, sortable), footnote references as the form prints them: "(1)" for "F1".
Everything returns `rich.text.Text` or plain `str` built from the filing's text literally: nothing a
filer wrote is ever read as markup.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime
from decimal import Decimal

from rich.text import Text

from tui.model import Amount, FiledDate

FOOTNOTE_STYLE = "bold green"
_FOOTNOTE_ID = re.compile(r"^F(\d+)$", re.IGNORECASE)
#: numbers with more digits than this before or after the point are shown in scientific notation
_MAX_DIGITS_WRITTEN = 64


def format_number(number: Decimal, *, money: bool = False) -> str:
    """1234567.50 -> "1,234,567.5" (trailing fractional zeros dropped, as the SEC's page does).
    Never fails: no int() of the digits (Python limits it to 4,300), an exponent too large to write
    out is shown in scientific notation, infinity and NaN by name."""
    sign = "-" if number.is_signed() and number else ""
    if not number.is_finite():
        return f"{sign}{'∞' if number.is_infinite() else 'NaN'}"
    magnitude = number.copy_abs()  # abs() would apply the context (decimal.Overflow)
    if abs(magnitude.adjusted()) > _MAX_DIGITS_WRITTEN:
        body = f"{magnitude:.6E}"
    else:
        text = format(magnitude, "f")
        whole, _, fraction = text.partition(".")
        fraction = fraction.rstrip("0")
        body = _group_thousands(whole) + (f".{fraction}" if fraction else "")
    return f"{sign}${body}" if money else f"{sign}{body}"


def _group_thousands(digits: str) -> str:
    head = len(digits) % 3 or 3
    return ",".join([digits[:head], *(digits[i : i + 3] for i in range(head, len(digits), 3))])


def format_amount(amount: Amount | None, *, money: bool = False) -> str:
    """An amount as the form shows it; text that is not a plain number is shown as filed."""
    if amount is None:
        return ""
    number = amount.value
    return amount.text if number is None else format_number(number, money=money)


def format_date(value: FiledDate | None) -> str:
    if value is None:
        return ""
    parsed = value.value
    return parsed.isoformat() if parsed else value.text


def footnote_label(footnote_id: str) -> str:
    """ "F1" -> "(1)"; any other id is shown whole in parentheses."""
    match = _FOOTNOTE_ID.match(footnote_id.strip())
    return f"({match.group(1)})" if match else f"({footnote_id})"


def footnote_marks(ids: Iterable[str]) -> str:
    return "".join(footnote_label(i) for i in ids)


def cell(value: str | None, footnote_ids: Iterable[str] = ()) -> Text:
    """A table cell: the value literally, then its footnote marks like the form ("$1.68 (1)")."""
    text = Text(value or "")
    marks = footnote_marks(footnote_ids)
    if marks:
        if value:
            text.append(" ")
        text.append(marks, style=FOOTNOTE_STYLE)
    return text


def format_money(number: Decimal, places: int = 2) -> str:
    """A computed dollar amount (a total, an average): rounded to ``places`` decimals when it has more,
    never fewer than two ("$843,163,160.40", "$0.3621", "$12.00")."""
    if not number.is_finite() or abs(number.adjusted()) > _MAX_DIGITS_WRITTEN:
        return format_number(number, money=True)  # infinity, NaN, or too many digits to round and write out
    step = Decimal(1).scaleb(-places)
    exponent = number.as_tuple().exponent
    rounded = number.quantize(step) if isinstance(exponent, int) and exponent < -places else number
    sign = "-" if rounded < 0 else ""
    whole, _, fraction = format(abs(rounded), "f").partition(".")
    fraction = fraction.rstrip("0").ljust(2, "0")
    return f"{sign}${int(whole):,}.{fraction}"


def format_when(iso: str, now: datetime | None = None) -> str:
    """A stored UTC time stamp in the reader's local time, with how long ago:
    "2026-12-01 21:47 (2 h ago)". Text that is not a time stamp is shown as stored."""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    local = moment.astimezone()
    seconds = ((now or datetime.now(UTC)) - moment).total_seconds()
    if seconds < 60:
        ago = "just now"
    elif seconds < 3600:
        ago = f"{int(seconds // 60)} min ago"
    elif seconds < 48 * 3600:
        ago = f"{int(seconds // 3600)} h ago"
    else:
        ago = f"{int(seconds // 86400)} days ago"
    return f"{local:%Y-%m-%d %H:%M} ({ago})"
