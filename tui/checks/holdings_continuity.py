"""Holdings continuity (``holdings_continuity``): for one owner and one issuer, what a filing implies
was held before its first row on a line must be what the owner's previous filing (any form, by date)
left on that line.

Never guessed: only filings by exactly the same reporting owner(s) are compared (in a joint filing the
direct line is not one person's); a title matches loosely ("Common Stock" and "Common Stock, par value
$0.001") only when exactly one line on each side fits; a line that starts before the previous filing's
last row on it is left alone (a Form 5 reports the whole year); amendments are left out of the chain,
and a previous filing that was amended is not compared with (which of its figures stand is the
amendment's business, see ``amendment``). A difference that a footnote on the figure states exactly
("Represents the receipt of 87,828 shares … pursuant to pro rata distributions") is explained, and one
within the rounding of fractional figures is rounding; a footnote on the figure that says the figure was
adjusted (Rule 16a-13 changes in the form of ownership, a split) is the filer explaining the break.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache

from tui.checks.digest import (
    ADJUSTED,
    BEFORE,
    EXACT,
    FIRST_DATE,
    IDENTIFIABLE,
    LAST_AFTER,
    LAST_DATE,
    LAST_REF,
    LOOSE,
    STATED,
    Digest,
    LineDigest,
    Made,
    PlainLine,
    is_original_of,
    number,
    number_key,
)
from tui.checks.finding import Finding, row_label
from tui.checks.lines import within_rounding
from tui.formatting import format_number as _format_number

#: a group is compared again whenever a filing joins it, and its findings' sentences with it: the same
#: figures are written again and again (equal Decimals are written alike, so caching by value is exact)
format_number = lru_cache(maxsize=1 << 14)(_format_number)


def amended_ids(group: Sequence[Digest]) -> set[str]:
    """Ids of the filings in ``group`` that an amendment in ``group`` amends."""
    amendments = [d for d in group if d.is_amendment]
    return {o.id for a in amendments for o in group if o.id != a.id and is_original_of(o, a)}


def _match(line: PlainLine, mine: Made, theirs: Made) -> PlainLine | None:
    """The previous filing's line for ``line``: by exact title, else by the title without its par-value
    clause; either way only where exactly one line on each side fits (``mine``, ``theirs``: `Lines.made`)."""
    if not line[IDENTIFIABLE]:
        return None
    key = line[EXACT]
    if mine[1].get(key) is None:
        return None
    other = theirs[1].get(key)
    if other is not None:
        return other
    key = line[LOOSE]
    if not key[0] or mine[2].get(key) is None:
        return None
    return theirs[2].get(key)


def comparable_pairs(
    ties: Iterable[Sequence[Digest]], amended: Callable[[Digest], bool]
) -> Iterator[tuple[Digest, Digest]]:
    """(previous, current) for each filing of an owner's chain that continuity compares with the one before
    it: ``ties`` is the chain as runs of filings that tie in order (filings that nothing orders, same dates,
    same form, no accession numbers, are compared with nothing: which came first would be a guess); both
    filings alone in their run, by the same reporting owners, the previous one not ``amended``."""
    for earlier, later in itertools.pairwise(ties):
        if len(earlier) == 1 and len(later) == 1:
            previous, current = earlier[0], later[0]
            if previous.owners == current.owners and not amended(previous):
                yield previous, current


def check_holdings_continuity(group: Sequence[Digest], only: set[str] | None = None) -> dict[str, list[Finding]]:
    """Findings per filing id, over one owner-issuer group (filings of any form); with ``only``, of those
    filings alone."""
    if len(group) < 2:
        return {}
    amended = amended_ids(group)
    chain = sorted((d for d in group if not d.is_amendment), key=lambda d: (d.order, d.id))
    ties = [list(g) for _, g in itertools.groupby(chain, key=lambda d: d.order)]
    findings: dict[str, list[Finding]] = {}
    for previous, current in comparable_pairs(ties, lambda d: d.id in amended):
        if only is not None and current.id not in only:
            continue
        found = compare_filings(current, previous)
        if found:
            findings[current.id] = found
    return findings


def compare_filings(current: Digest, previous: Digest) -> list[Finding]:
    """The findings of ``current``'s lines against the owner's previous filing."""
    mine, theirs = current.body.made(), previous.body.made()
    return [found for line in mine[0] if (found := _compare(line, mine, theirs, current, previous)) is not None]


def _compare(line: PlainLine, mine: Made, theirs: Made, current: Digest, previous: Digest) -> Finding | None:
    # (the cheap tests first: at a bulk import's end every filing is compared with the one before it)
    if line[BEFORE] is None or line[ADJUSTED]:
        return None
    other = _match(line, mine, theirs)
    if other is None or other[LAST_AFTER] is None or other[LAST_REF] is None:
        return None
    first, last = line[FIRST_DATE], other[LAST_DATE]
    if first and last and first < last:
        return None
    before, last_after = number[line[BEFORE]], number[other[LAST_AFTER]]
    difference = before - last_after
    if (
        difference == 0
        or within_rounding(difference, before, last_after)
        or (line[STATED] and number_key(difference) in line[STATED])
    ):
        return None
    found, ended = LineDigest._make(line), LineDigest._make(other)
    return Finding(
        "holdings_continuity",
        f"{row_label(found.first_ref)} ({found.description}): {format_number(before)} held before this filing "
        f"({found.how}), but the owner's previous filing in the store, Form {previous.form} of "
        f"{previous.period_text} ({previous.id}), ended at {format_number(last_after)} "
        f"({row_label(ended.last_ref)}): a difference of {'+' if difference > 0 else ''}"  # type: ignore[arg-type]
        f"{format_number(difference)} (a figure is wrong, or a filing between the two is not in the store)",
        rows=(found.first_ref,),
        fields=("shares_owned_following", "shares"),
        related=(previous.id,),
    )
