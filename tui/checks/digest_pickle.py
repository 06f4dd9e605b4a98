"""How a `Digest` travels from an import worker to the store's process: as plain values (numbers as text,
dates as ordinals, the lines' lookups left out and made again from the lines).

A Decimal, a date and a named tuple each pickle through a ``__reduce__`` of their own, every one
memoised: with a filing's digest in it, a worker's result pickled at 3-4 times the cost of one
without. Plain str, int, bool, None and tuples pickle and unpickle in C.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from tui.checks.digest import Digest, LineDigest, lookups

_MISSING = object()


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)  # str() of a Decimal gives it back exactly, exponent and all


#: what the store's process turns pickled digests back into: figures and dates repeat from filing to
#: filing, and a dict lookup costs a fifth of making a Decimal from its text (cleared when full)
_NUMBERS: dict[str | None, Decimal | None] = {None: None}
_DAYS: dict[int | None, date | None] = {None: None}
_MEMO_SIZE = 1 << 16


def _made(table: dict[Any, Any], key: Any, make: Callable[[Any], Any]) -> Any:
    """``make(key)``, kept in ``table`` (a memo of values that repeat: emptied when full, None kept)."""
    if len(table) > _MEMO_SIZE:
        table.clear()
        table[None] = None
    found = table[key] = make(key)
    return found


def _number(text: str | None) -> Decimal | None:
    found = _NUMBERS.get(text, _MISSING)
    return _made(_NUMBERS, text, Decimal) if found is _MISSING else found  # type: ignore[return-value]


def _ordinal(day: date | None) -> int | None:
    return None if day is None else day.toordinal()


def _day(ordinal: int | None) -> date | None:
    found = _DAYS.get(ordinal, _MISSING)
    return _made(_DAYS, ordinal, date.fromordinal) if found is _MISSING else found  # type: ignore[return-value]


def line_plain(line: LineDigest) -> tuple[Any, ...]:
    """A LineDigest as str, int, bool, None and tuples of those (``loose`` shares all but its title with
    ``exact``)."""
    title, direct, nature, price, expires = line.described
    first, last = line.first_date, line.last_date
    return (
        line.exact,
        line.loose[0],
        line.identifiable,
        line.first_ref,
        (title, direct, nature, _text(price), expires),
        _text(line.before),
        _text(line.after),
        _text(line.change),
        line.stated,
        line.adjusted,
        None if first is None else first.toordinal(),
        None if last is None else last.toordinal(),
        _text(line.last_after),
        line.last_ref,
    )


def lines_from_plain(plain: tuple[tuple[Any, ...], ...]) -> tuple[LineDigest, ...]:
    """The lines of `_digest_plain` (one loop, the memos looked up inline: this runs in the store's
    process for every filing a worker sends, and a call per value cost as much as the unpickling)."""
    numbers, days, number, day, new = _NUMBERS, _DAYS, _number, _day, tuple.__new__
    made = []
    for exact, loose, identifiable, first_ref, words, before, after, change, stated, adjusted, *rest in plain:
        first, last, last_after, last_ref = rest
        title, direct, nature, price, expires = words
        made.append(
            new(
                LineDigest,
                (
                    exact,
                    (loose, *exact[1:]),
                    identifiable,
                    first_ref,
                    words if price is None else (title, direct, nature, number(price), expires),
                    numbers[before] if before in numbers else number(before),
                    numbers[after] if after in numbers else number(after),
                    numbers[change] if change in numbers else number(change),
                    stated,
                    adjusted,
                    days[first] if first in days else day(first),
                    days[last] if last in days else day(last),
                    numbers[last_after] if last_after in numbers else number(last_after),
                    last_ref,
                ),
            )
        )
    return tuple(made)


def line_from_plain(plain: tuple[Any, ...]) -> LineDigest:
    return lines_from_plain((plain,))[0]


def digest_plain(found: Digest) -> tuple[Any, ...]:
    start, end, rank, when, accession = found.order
    return (
        found.id,
        found.issuer,
        found.owners,
        found.form,
        _ordinal(found.period),
        found.period_text,
        (start.toordinal(), end.toordinal(), rank, when.toordinal(), accession),
        found.is_amendment,
        _ordinal(found.original_date),
        _ordinal(found.submitted),
        found.stand_in,
        tuple(line_plain(line) for line in found.lines),
    )


def digest_from_plain(plain: tuple[Any, ...]) -> Digest:
    fid, issuer, owners, form, period, period_text, order, is_amendment, original, submitted, stand_in, lines = plain
    start, end, rank, when, accession = order
    made = lines_from_plain(lines)
    exact, loose = lookups(made)
    return tuple.__new__(
        Digest,
        (
            fid,
            issuer,
            owners,
            form,
            _day(period),
            period_text,
            (_day(start), _day(end), rank, _day(when), accession),
            is_amendment,
            _day(original),
            _day(submitted),
            stand_in,
            made,
            exact,
            loose,
        ),
    )
