"""Ownership lines: which rows report the same holding. A line is one security held one way: the same
title, direct (D) or indirect (I) with the same nature of ownership, and in Table II the same
derivative (title, exercise price, expiration date)."""

from __future__ import annotations

import re
from decimal import Decimal

from tui.formatting import format_number
from tui.model import Amount, DerivativeRow, FiledDate, Row

LineKey = tuple[str, ...]

_PAR_VALUE = re.compile(r"[,;(]?\s*(?:\$\s*[\d.]+\s+)?par\s+value.*$", re.IGNORECASE)


def fold(text: str | None) -> str:
    return " ".join(text.split()).casefold() if text else ""


def loose_title(title: str | None) -> str:
    """ "Common Stock, par value $0.001 per share" -> "common stock" (only the par-value clause goes)."""
    return fold(_PAR_VALUE.sub("", title or "")).strip(" ,;")


def _amount_key(amount: Amount | None) -> str:
    if amount is None:
        return ""
    number = amount.value
    return format(number.normalize(), "f") if number is not None else fold(amount.text)


def _date_key(value: FiledDate | None) -> str:
    if value is None:
        return ""
    parsed = value.value
    return parsed.isoformat() if parsed else fold(value.text)


def ownership(row: Row) -> tuple[str, str]:
    direct = (row.direct_indirect or "").strip().upper()
    return direct, fold(row.nature_of_ownership) if direct == "I" else ""


#: footnotes on these fields tell lines apart within a filing: "See footnote" (1) and (3) are two holders,
#: RSUs whose vesting dates are told in footnotes (4) and (6) are two grants
_DISTINGUISHING = ("direct_indirect", "nature_of_ownership")
_DISTINGUISHING_TERMS = ("conversion_or_exercise_price", "exercise_date", "expiration_date")


def holding_key(row: Row) -> tuple[str, ...]:
    """Everything but the title: the ownership, and for a derivative its exercise price and expiration."""
    if isinstance(row, DerivativeRow):
        return (
            "table2",
            *ownership(row),
            _amount_key(row.conversion_or_exercise_price),
            _date_key(row.expiration_date),
        )
    return ("table1", *ownership(row))


def footnote_key(row: Row) -> str:
    """The footnotes that tell this row's line apart from another with the same words (within one filing:
    footnote ids mean nothing across filings)."""
    names = _DISTINGUISHING + (_DISTINGUISHING_TERMS if isinstance(row, DerivativeRow) else ())
    return ";".join(f"{name}={','.join(row.footnotes_of(name))}" for name in names if row.footnotes_of(name))


def line_key(row: Row, *, footnotes: bool = True) -> LineKey:
    """The line of a row; without ``footnotes`` the key compares across filings."""
    key = (fold(row.security_title), *holding_key(row))
    return (*key, footnote_key(row)) if footnotes else key


def decimals(*amounts: Decimal) -> int:
    """The fewest decimal places among the fractional figures (0 when all are whole numbers)."""
    places = [-int(a.as_tuple().exponent) for a in amounts if int(a.as_tuple().exponent) < 0]
    return min(places) if places else 0


def within_rounding(difference: Decimal, *figures: Decimal) -> bool:
    """A difference no larger than one unit of the coarsest fractional figure filed is rounding."""
    places = decimals(*figures)
    return places > 0 and abs(difference) <= Decimal(1).scaleb(-places)


def explained_by_footnote(difference: Decimal, note_texts: list[str]) -> bool:
    """A footnote on the figure that states the difference exactly ("Includes 3,019 shares acquired …")."""
    size = abs(difference)
    spellings = {format(size.normalize(), "f"), format_number(size)}
    pattern = re.compile(r"(?<![\d.,])(?:" + "|".join(re.escape(s) for s in spellings) + r")(?![\d]|[.,]\d)")
    return any(pattern.search(text) for text in note_texts)


def describe_line(row: Row) -> str:
    """ "Common Stock, direct" / "Stock Option (Right to Buy) at $12.5 expiring 2030-01-01, indirect (By Trust)"."""
    direct, _ = ownership(row)
    how = (
        "direct"
        if direct == "D"
        else f"indirect ({row.nature_of_ownership})"
        if row.nature_of_ownership
        else "indirect"
    )
    title = row.security_title or "(no title)"
    if isinstance(row, DerivativeRow):
        price = row.conversion_or_exercise_price
        if price is not None and price.value is not None:
            title += f" at {format_number(price.value, money=True)}"
        if row.expiration_date is not None:
            title += f" expiring {_date_key(row.expiration_date)}"
    return f"{title}, {how}"


def number(amount: Amount | None) -> Decimal | None:
    return amount.value if amount is not None else None


def signed_shares(row: Row) -> Decimal | None:
    """+shares for an acquisition, -shares for a disposition, None when either is missing."""
    shares = number(row.shares)
    direction = (row.acquired_disposed or "").strip().upper()
    if shares is None or direction not in ("A", "D"):
        return None
    return shares if direction == "A" else -shares
