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
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from tui.checks.amendment import amended_ids
from tui.checks.finding import Finding, Known, RowRef, row_label, row_ref
from tui.checks.lines import (
    LineKey,
    describe_line,
    explained_by_footnote,
    holding_key,
    line_key,
    loose_title,
    number,
    signed_shares,
    within_rounding,
)
from tui.formatting import format_number
from tui.model import DerivativeRow, Filing, Row


@dataclass(frozen=True, slots=True)
class _Line:
    key: LineKey
    first: tuple[RowRef, Row]
    last_after: tuple[RowRef, Decimal] | None
    first_date: date | None
    last_date: date | None


def _row_date(row: Row, filing: Filing) -> date | None:
    if row.transaction_date is not None and row.transaction_date.value is not None:
        return row.transaction_date.value
    return filing.period_of_report.value if filing.period_of_report else None


def _lines(filing: Filing) -> dict[LineKey, _Line]:
    lines: dict[LineKey, _Line] = {}
    for index, row in enumerate(filing.rows):
        key = line_key(row)
        ref = row_ref(filing, index)
        after = number(row.shares_owned_following)
        day = _row_date(row, filing)
        line = lines.get(key)
        if line is None:
            line = _Line(key, (ref, row), None, day, day)
        dates = [d for d in (line.last_date, day) if d is not None]
        lines[key] = _Line(
            key,
            line.first,
            (ref, after) if after is not None else line.last_after,
            line.first_date,
            max(dates) if dates else None,
        )
    return lines


def _owners(filing: Filing) -> frozenset[str]:
    return frozenset((o.cik or "").lstrip("0") for o in filing.owners)


def _order(known: Known) -> tuple[date, date, date, str]:
    filing = known.filing
    dates = [d for d in (_row_date(r, filing) for r in filing.rows) if d is not None]
    period = filing.period_of_report.value if filing.period_of_report else None
    start = min(dates) if dates else period or date.min
    end = max(dates) if dates else period or date.min
    filed = filing.filed_date.value if filing.filed_date else None
    signed = max((s.date.value for s in filing.signatures if s.date and s.date.value), default=None)
    return start, end, filed or signed or date.min, known.id


def _unique(lines: dict[LineKey, _Line], wanted: LineKey, *, loose: bool) -> _Line | None:
    """The one line of a filing that fits ``wanted`` across filings (footnote ids set aside), or None."""
    fits = [line for line in lines.values() if _cross_key(line.first[1], loose=loose) == wanted]
    return fits[0] if len(fits) == 1 else None


#: Table II titles that name awards made grant by grant: without dates two grants cannot be told apart
_AWARD = re.compile(r"\b(?:units?|rsus?|psus?|options?|warrants?|rights?|performance|phantom|awards?)\b", re.IGNORECASE)


#: a footnote on the figure saying the filer adjusted it (a change in the form of ownership under Rule 16a-13,
#: a split): the filing explains its own break with the previous one
_ADJUSTED = re.compile(r"\badjust(?:ed|ment)\b|16a-13|\bstock split\b", re.IGNORECASE)


def _identifiable(row: Row) -> bool:
    """Whether a row's line can be found again in another filing: a Table II award needs its dates."""
    if not isinstance(row, DerivativeRow) or not _AWARD.search(row.security_title or ""):
        return True
    return any(d is not None and d.value is not None for d in (row.exercise_date, row.expiration_date))


def _cross_key(row: Row, *, loose: bool) -> LineKey:
    if loose:
        return (loose_title(row.security_title), *holding_key(row))
    return line_key(row, footnotes=False)


def _match(line: _Line, mine: dict[LineKey, _Line], theirs: dict[LineKey, _Line]) -> _Line | None:
    """The previous filing's line for ``line``: by exact title, else by the title without its par-value
    clause; either way only where exactly one line on each side fits."""
    row = line.first[1]
    if not _identifiable(row):
        return None
    for loose in (False, True):
        wanted = _cross_key(row, loose=loose)
        if loose and not wanted[0]:
            return None
        if _unique(mine, wanted, loose=loose) is None:
            return None
        other = _unique(theirs, wanted, loose=loose)
        if other is not None:
            return other
    return None


def _before(row: Row) -> tuple[Decimal, str] | None:
    """What a line's first row implies was held before it, and how that follows from the row."""
    after = number(row.shares_owned_following)
    if after is None:
        return None
    if row.kind != "transaction":
        return after, f"the row reports {format_number(after)} held"
    change = signed_shares(row)
    if change is None:
        return None
    verb = f"minus {format_number(change)} acquired" if change >= 0 else f"plus {format_number(-change)} disposed"
    return after - change, f"{format_number(after)} owned after {verb}"


def _describe_filing(known: Known) -> str:
    filing = known.filing
    when = filing.period_of_report.text if filing.period_of_report else "no period"
    return f"Form {filing.form} of {when} ({known.id})"


def check_holdings_continuity(group: Sequence[Known]) -> dict[str, list[Finding]]:
    """Findings per filing id, over one owner-issuer group (filings of any form)."""
    amended = amended_ids(group)
    chain = sorted((k for k in group if not k.filing.is_amendment), key=_order)
    findings: dict[str, list[Finding]] = {}
    for previous, current in itertools.pairwise(chain):
        if previous.id in amended or _owners(previous.filing) != _owners(current.filing):
            continue
        mine = _lines(current.filing)
        theirs = _lines(previous.filing)
        for line in mine.values():
            other = _match(line, mine, theirs)
            if other is None or other.last_after is None:
                continue
            if line.first_date and other.last_date and line.first_date < other.last_date:
                continue
            ref, row = line.first
            before = _before(row)
            if before is None:
                continue
            implied, how = before
            other_ref, other_after = other.last_after
            difference = implied - other_after
            notes = [*row.footnotes_of("shares_owned_following"), *row.footnotes_of("shares")]
            if (
                difference == 0
                or within_rounding(difference, implied, other_after)
                or explained_by_footnote(difference, texts := [current.filing.footnotes.get(n, "") for n in notes])
                or any(_ADJUSTED.search(t) for t in texts)
            ):
                continue
            findings.setdefault(current.id, []).append(
                Finding(
                    "holdings_continuity",
                    f"{row_label(ref)} ({describe_line(row)}): {format_number(implied)} held before this filing "
                    f"({how}), but the owner's previous filing in the store, {_describe_filing(previous)}, ended at "
                    f"{format_number(other_after)} ({row_label(other_ref)}): a difference of "
                    f"{'+' if difference > 0 else ''}{format_number(difference)} (a figure is wrong, or a filing "
                    "between the two is not in the store)",
                    rows=(ref,),
                    fields=("shares_owned_following", "shares"),
                    related=(previous.id,),
                )
            )
    return findings
