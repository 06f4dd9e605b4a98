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
    ``exact``; the line unpacked at once: this runs in the worker for every line of every filing)."""
    (exact, loose, identifiable, first_ref, words, before, after, change, stated, adjusted, first, last, last_after,
     last_ref) = line  # fmt: skip
    return (
        exact,
        loose[0],
        identifiable,
        first_ref,
        words if words[3] is None else (*words[:3], str(words[3]), words[4]),
        None if before is None else str(before),  # str() of a Decimal gives it back exactly, exponent and all
        None if after is None else str(after),
        None if change is None else str(change),
        stated,
        adjusted,
        None if first is None else first.toordinal(),
        None if last is None else last.toordinal(),
        None if last_after is None else str(last_after),
        last_ref,
    )


def lines_from_plain(plain: tuple[tuple[Any, ...], ...]) -> tuple[LineDigest, ...]:
    """The lines of `digest_plain`, in one loop with the memos looked up inline: this runs in the store's
    process for every filing a worker sends, and a call per value cost as much as the unpickling."""
    numbers, days, number, day, new = _NUMBERS, _DAYS, _number, _day, tuple.__new__
    made = []
    for (
        exact,
        loose_title,
        identifiable,
        first_ref,
        words,
        before,
        after,
        change,
        stated,
        adjusted,
        first,
        last,
        last_after,
        last_ref,
    ) in plain:
        if words[3] is not None:  # (the exercise price)
            words = (*words[:3], number(words[3]), words[4])
        made.append(
            new(
                LineDigest,
                (
                    exact,
                    (loose_title, *exact[1:]),
                    identifiable,
                    first_ref,
                    words,
                    before if before is None else numbers.get(before) or number(before),
                    after if after is None else numbers.get(after) or number(after),
                    change if change is None else numbers.get(change) or number(change),
                    stated,
                    adjusted,
                    first if first is None else days.get(first) or day(first),
                    last if last is None else days.get(last) or day(last),
                    last_after if last_after is None else numbers.get(last_after) or number(last_after),
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
