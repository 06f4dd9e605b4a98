"""Ownership lines: which rows report the same holding. A line is one security held one way: the same
title, direct (D) or indirect (I) with the same nature of ownership, and in Table II the same
derivative (title, exercise price, expiration date)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import TypeVar

from tui.formatting import format_number
from tui.model import Amount, DerivativeRow, FiledDate, Row

LineKey = tuple[str, ...]
_V = TypeVar("_V")


class ValueMemo(dict[str, _V]):
    """The value the model reads from a text (`Amount.value`, `FiledDate.value`), by the text, kept in a
    plain dict: the checks ask for a row's figures and dates on every row, and a subscript of this costs a
    third of the property. Cleared when full."""

    def __init__(self, read: Callable[[str], _V], size: int = 1 << 16) -> None:
        super().__init__()
        self._read, self._size = read, size

    def __missing__(self, text: str) -> _V:
        if len(self) >= self._size:
            self.clear()
        value = self[text] = self._read(text)
        return value


#: ``AMOUNTS[amount.text]`` is ``amount.value``, ``DATES[filed_date.text]`` is ``filed_date.value``
AMOUNTS: ValueMemo[Decimal | None] = ValueMemo(lambda text: Amount(text).value)
DATES: ValueMemo[date | None] = ValueMemo(lambda text: FiledDate(text).value)

_PAR_VALUE = re.compile(r"[,;(]?\s*(?:\$\s*[\d.]+\s+)?par\s+value.*$", re.IGNORECASE)


def fold(text: str | None) -> str:
    return _fold(text) if text else ""


@lru_cache(maxsize=1 << 14)
def _fold(text: str) -> str:
    """Titles, codes and natures repeat across rows and filings: each is folded once."""
    return " ".join(text.split()).casefold()


@lru_cache(maxsize=1 << 14)
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
    return direct, fold(row.nature_of_ownership) if direct == "I" and row.nature_of_ownership else ""


#: footnotes on these fields tell lines apart within a filing: "See footnote" (1) and (3) are two holders,
#: RSUs whose vesting dates are told in footnotes (4) and (6) are two grants
_DISTINGUISHING = ("direct_indirect", "nature_of_ownership")
_DISTINGUISHING_TERMS = ("conversion_or_exercise_price", "exercise_date", "expiration_date")
_DISTINGUISHING_ALL = _DISTINGUISHING + _DISTINGUISHING_TERMS


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
    notes = row.footnotes
    if not notes:
        return ""
    names = _DISTINGUISHING_ALL if isinstance(row, DerivativeRow) else _DISTINGUISHING
    if notes.keys().isdisjoint(names):  # most rows: footnotes on their figures, none telling lines apart
        return ""
    return _spelled_notes(tuple((name, tuple(notes[name])) for name in names if notes.get(name)))


@lru_cache(maxsize=1 << 12)
def _spelled_notes(cited: tuple[tuple[str, tuple[str, ...]], ...]) -> str:
    """ "direct_indirect=F1;nature_of_ownership=F2": the same few footnote ids on row after row."""
    return ";".join(f"{name}={','.join(ids)}" for name, ids in cited)


def line_key(row: Row, *, footnotes: bool = True) -> LineKey:
    """The line of a row; without ``footnotes`` the key compares across filings."""
    key = (fold(row.security_title), *holding_key(row))
    return (*key, footnote_key(row)) if footnotes else key


def decimals(*amounts: Decimal) -> int:
    """The fewest decimal places among the fractional figures (0 when all are whole numbers)."""
    places = [-exponent for a in amounts if (exponent := int(a.as_tuple().exponent)) < 0]
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


Described = tuple[str | None, str, str | None, Decimal | None, str | None]


def described(row: Row) -> Described:
    """What :func:`describe` says of a row's line: (title, D/I, nature, exercise price, expiration)."""
    direct = (row.direct_indirect or "").strip().upper()
    if not isinstance(row, DerivativeRow):
        return row.security_title, direct, row.nature_of_ownership, None, None
    price = row.conversion_or_exercise_price
    expires = _date_key(row.expiration_date) if row.expiration_date is not None else None
    return row.security_title, direct, row.nature_of_ownership, price.value if price else None, expires


def describe(title: str | None, direct: str, nature: str | None, price: Decimal | None, expires: str | None) -> str:
    """ "Common Stock, direct" / "Stock Option (Right to Buy) at $12.5 expiring 2030-01-01, indirect (By Trust)"."""
    how = "direct" if direct == "D" else f"indirect ({nature})" if nature else "indirect"
    text = title or "(no title)"
    if price is not None:
        text += f" at {format_number(price, money=True)}"
    if expires is not None:
        text += f" expiring {expires}"
    return f"{text}, {how}"


def describe_line(row: Row) -> str:
    return describe(*described(row))


def number(amount: Amount | None) -> Decimal | None:
    return AMOUNTS[amount.text] if amount is not None else None


def signed_shares(row: Row) -> Decimal | None:
    """+shares for an acquisition, -shares for a disposition, None when either is missing."""
    direction = row.acquired_disposed
    if direction != "A" and direction != "D":  # (as filed, nearly always)
        direction = (direction or "").strip().upper()
        if direction not in ("A", "D"):
            return None
    shares = number(row.shares)
    if shares is None:
        return None
    return shares if direction == "A" else -shares
