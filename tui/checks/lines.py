"""Ownership lines: which rows report the same holding. A line is one security held one way: the same
title, direct (D) or indirect (I) with the same nature of ownership, and in Table II the same
derivative (title, exercise price, expiration date)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple, TypeVar

from tui.formatting import format_number
from tui.model import Amount, DerivativeRow, FiledDate, Filing, Row

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
#: ``BASE_FORMS[filing.form]``: the form without "/A" ("4/A" -> "4")
BASE_FORMS: ValueMemo[str] = ValueMemo(lambda form: form.split("/")[0].strip(), 1 << 10)

#: Table II titles that name awards made grant by grant: without dates two grants cannot be told apart
_AWARD = re.compile(r"\b(?:units?|rsus?|psus?|options?|warrants?|rights?|performance|phantom|awards?)\b", re.IGNORECASE)
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


def identifiable(row: Row) -> bool:
    """Whether a row's line can be found again in another filing: a Table II award without dates cannot."""
    if not isinstance(row, DerivativeRow) or not _is_award(row.security_title or ""):
        return True
    return any(d is not None and d.value is not None for d in (row.exercise_date, row.expiration_date))


@lru_cache(maxsize=1 << 12)
def _is_award(title: str) -> bool:
    return _AWARD.search(title) is not None


class Words(NamedTuple):
    """What a row's line is, worked out once per spelling of it (a filer repeats it on every row and filing).
    The two keys within a filing are strings (`repr` of their parts), whose hash is kept: they are looked up
    for every row."""

    key: str  # the line for the digest: ``exact`` and the footnotes that tell lines apart (`footnote_key`)
    exact: LineKey  # the line's key across filings (`line_key` without footnotes)
    loose: LineKey  # the same with the title's par-value clause dropped
    identifiable: bool
    described: Described
    #: the line for the arithmetic check, from the text as filed: the filer writes one line's title, price and
    #: dates the same way on each row (a line spelled two ways is two lines: fewer sums, no false alarm); with
    #: the ids of the footnotes that tell lines apart and of one on the exercise date
    as_filed: str


#: the `Words` of each spelling of a row's line (see `_words`); cleared when full, between two filings
_WORDS: dict[tuple[object, ...], Words] = {}
_WORDS_SIZE = 1 << 14
#: the last filing `line_words` was asked for, and its answer
_last: tuple[object, tuple[list[Words], list[Words]]] = (None, ([], []))


def line_words(filing: Filing) -> tuple[list[Words], list[Words]]:
    """The `Words` of each row of Table I and of Table II (in the order of `tables_of`; not to be changed).
    The digest and the arithmetic check walk the same rows one after the other: the last filing's are kept."""
    global _last
    last = _last
    if last[0] is filing:
        return last[1]
    if len(_WORDS) >= _WORDS_SIZE:
        _WORDS.clear()
    found = ([_words(row) for row in filing.non_derivative], [_words(row) for row in filing.derivative])
    _last = (filing, found)
    return found


def _words(row: Row) -> Words:
    """The `Words` of a row's line, from its words as filed: title, ownership, a derivative's price and
    dates as text, and the footnote ids on the fields that tell lines apart."""
    notes = row.footnotes
    title, direct, nature = row.security_title, row.direct_indirect, row.nature_of_ownership
    spelled: tuple[object, ...]
    if isinstance(row, DerivativeRow):
        price, exercise, expires = row.conversion_or_exercise_price, row.exercise_date, row.expiration_date
        price_text = price.text if price is not None else None
        exercise_text = exercise.text if exercise is not None else None
        expires_text = expires.text if expires is not None else None
        if notes:
            spelled = (
                title,
                direct,
                nature,
                price_text,
                exercise_text,
                expires_text,
                notes.get("direct_indirect"),
                notes.get("nature_of_ownership"),
                notes.get("conversion_or_exercise_price"),
                notes.get("exercise_date"),
                notes.get("expiration_date"),
            )
        else:
            spelled = (title, direct, nature, price_text, exercise_text, expires_text, None, None, None, None, None)
    elif notes:
        spelled = (title, direct, nature, notes.get("direct_indirect"), notes.get("nature_of_ownership"))
    else:
        spelled = (title, direct, nature, None, None)
    found = _WORDS.get(spelled)
    if found is None:
        exact = line_key(row, footnotes=False)
        loose = (loose_title(row.security_title), *exact[1:])
        found = _WORDS[spelled] = Words(
            repr((exact, footnote_key(row))),
            exact,
            exact if loose == exact else loose,  # (one object: a digest's lines marshal it once)
            identifiable(row),
            described(row),
            # (a derivative's spelling without the exercise date's text)
            repr(spelled if len(spelled) == 5 else (*spelled[:4], *spelled[5:])),
        )
    return found
