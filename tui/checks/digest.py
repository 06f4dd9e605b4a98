"""What the checks that compare filings need of each filing, worked out once: a small record that a
store can keep for every filing it knows, so that a new filing is compared with its owner-issuer group
without reading the group's filings again.

A digest holds the filing's order among the owner's filings, what links an amendment to its original,
and for each ownership line what continuity compares: the keys the line is found by in another filing,
what its first row implies was held before it, what its last row leaves, and what the footnotes on the
first row's figure state (so that a difference they explain is not called a break).
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import lru_cache, partial
from typing import Any, NamedTuple

from tui.checks.finding import Known, RowRef, tables_of
from tui.checks.lines import (
    AMOUNTS,
    BASE_FORMS,
    DATES,
    Described,
    LineKey,
    describe,
    line_words,
    signed_shares,
)
from tui.formatting import format_number as _format_number
from tui.model import Filing

#: on one day, a Form 3 (holdings when the person became an insider) comes before a Form 4, a Form 4 before a 5
_FORM_ORDER = {"3": 0, "4": 1, "5": 2}
#: a footnote on the figure saying the filer adjusted it (a change in the form of ownership under Rule 16a-13,
#: a split): the filing explains its own break with the previous one
_ADJUSTED = re.compile(r"\badjust(?:ed|ment)\b|16a-13|\bstock split\b", re.IGNORECASE)
_NUMBER = re.compile(r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\d]|[.,]\d)")

Order = tuple[date, date, int, date, str]
format_number = lru_cache(maxsize=1 << 14)(_format_number)  # see `holdings_continuity`
#: where `_line` keeps what the following rows of a line update
_LAST_DATE, _LAST_AFTER, _LAST_REF = 11, 12, 13


def number_key(value: Decimal) -> str:
    """A number as one spelling: 3,019 / 3019 / 3019.00 -> "3019"."""
    return format(abs(value).normalize(), "f")


def stated_numbers(texts: list[str]) -> frozenset[str]:
    """Every number the texts state, each as :func:`number_key` spells it."""
    found = set()
    for text in texts:
        for match in _NUMBER.finditer(text):
            try:
                found.add(number_key(Decimal(match.group(0).replace(",", ""))))
            except InvalidOperation:
                continue
    return frozenset(found)


class LineDigest(NamedTuple):
    """One ownership line of a filing. A named tuple, not a frozen dataclass: a filing has several, each
    made in an import worker and sent to the store's process, and a tuple is made and unpickled in C
    where a frozen dataclass sets its 14 fields one by one."""

    exact: LineKey  # found by in another filing: the words of the line, footnote ids set aside
    loose: LineKey  # the same with the title's par-value clause dropped
    identifiable: bool  # a Table II award without dates cannot be found again
    first_ref: RowRef
    described: Described  # see `description`
    before: Decimal | None  # what the first row implies was held before it
    after: Decimal | None  # the first row's owned-following figure
    change: Decimal | None  # the first row's shares, + acquired / - disposed (None for a holding)
    stated: frozenset[str]  # numbers stated by the footnotes on the first row's figure
    adjusted: bool  # one of those footnotes says the figure was adjusted
    first_date: date | None
    last_date: date | None
    last_after: Decimal | None  # what the line's last row with a figure leaves
    last_ref: RowRef | None

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        """Pickled as plain values (see `Digest.__reduce__`)."""
        from tui.checks import digest_pickle

        return digest_pickle.line_from_plain, (digest_pickle.line_plain(self),)

    @property
    def description(self) -> str:
        """ "Common Stock, direct" (worked out only for a finding's sentence)."""
        return describe(*self.described)

    @property
    def how(self) -> str:
        """How ``before`` follows from the first row."""
        if self.after is None:
            return ""
        if self.change is None:
            return f"the row reports {format_number(self.after)} held"
        if self.change >= 0:
            return f"{format_number(self.after)} owned after minus {format_number(self.change)} acquired"
        return f"{format_number(self.after)} owned after plus {format_number(-self.change)} disposed"


class Digest(NamedTuple):
    """What the group checks know of a filing (a named tuple for the reasons of :class:`LineDigest`)."""

    id: str
    issuer: str
    owners: frozenset[str]
    form: str
    period: date | None
    period_text: str
    order: Order
    is_amendment: bool
    original_date: date | None  # an amendment's dateOfOriginalSubmission
    submitted: date | None  # filed date, else the latest signature date
    stand_in: bool  # True when ``submitted`` is a signature date
    lines: tuple[LineDigest, ...]
    #: the line found by each key: the LineDigest where exactly one line has that key, None where several
    exact_lines: dict[LineKey, LineDigest | None]
    loose_lines: dict[LineKey, LineDigest | None]

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        """Pickled as plain values: numbers as text, dates as ordinals, the lines' lookups left out (made
        again from the lines). A worker sends one digest per filing to the store's process, and a Decimal,
        a date or a named tuple each pickle through a ``__reduce__`` of their own, every one memoised:
        this is what made a filing's pickle with its checks 3-4 times the cost of one without."""
        from tui.checks import digest_pickle  # (it imports this module)

        return digest_pickle.digest_from_plain, (digest_pickle.digest_plain(self),)

    def with_id(self, fid: str) -> Digest:
        """The same digest under the store's id (a worker works it out before the filing has one)."""
        return tuple.__new__(Digest, (fid, *self[1:]))

    @property
    def base_form(self) -> str:
        return self.form.split("/")[0].strip()


def lookups(
    lines: tuple[LineDigest, ...],
) -> tuple[dict[LineKey, LineDigest | None], dict[LineKey, LineDigest | None]]:
    """`Digest.exact_lines` and `Digest.loose_lines`: each key's line, None where several lines have it."""
    exact: dict[LineKey, LineDigest | None] = {}
    loose: dict[LineKey, LineDigest | None] = {}
    for line in lines:
        # (a key met again: None; one hash of each key where there is none)
        if exact.setdefault(line.exact, line) is not line:
            exact[line.exact] = None
        if loose.setdefault(line.loose, line) is not line:
            loose[line.loose] = None
    return exact, loose


_NOTHING: frozenset[str] = frozenset()


def _cik(value: str | None) -> str:
    return (value or "").strip().lstrip("0")


@lru_cache(maxsize=1 << 14)
def _note_says(text: str) -> tuple[frozenset[str], bool]:
    """(the numbers a footnote states, whether it says a figure was adjusted): a filer's footnotes repeat
    from filing to filing, each read once."""
    return stated_numbers([text]), _ADJUSTED.search(text) is not None


def _notes_say(filing: Filing, notes: tuple[str, ...]) -> tuple[frozenset[str], bool]:
    """What the footnotes ``notes`` of the filing state, and whether one says the figure was adjusted."""
    if len(notes) == 1:
        return _note_says(filing.footnotes.get(notes[0], ""))
    said = [_note_says(filing.footnotes.get(note, "")) for note in notes]
    return frozenset().union(*(numbers for numbers, _ in said)), any(adjusted for _, adjusted in said)


_new_line = partial(tuple.__new__, LineDigest)


def digest(known: Known) -> Digest:
    return digest_of(known.filing, known.id)


def digest_of(filing: Filing, fid: str = "") -> Digest:
    """The digest of ``filing`` under the id ``fid`` (see `digest`)."""
    period_of_report = filing.period_of_report
    period = DATES[period_of_report.text] if period_of_report is not None else None
    # each line's LineDigest fields, in order; the rows after its first update the last three
    lines: dict[str, list[Any]] = {}
    start = end = None
    for (table, rows), words_of in zip(tables_of(filing), line_words(filing), strict=True):
        for index, row in enumerate(rows):
            words = words_of[index]
            when = row.transaction_date
            day = (DATES[when.text] if when is not None else None) or period
            if day is not None:
                if start is None or day < start:
                    start = day
                if end is None or day > end:
                    end = day
            figure = row.shares_owned_following
            after = AMOUNTS[figure.text] if figure is not None else None
            key = words.key
            line = lines.get(key)
            if line is None:
                # what the first row implies was held before it, and what its figure's footnotes state
                if after is None:
                    before = change = None
                elif row.kind != "transaction":
                    before, change = after, None
                else:
                    change = signed_shares(row)
                    before = after - change if change is not None else None
                cited = row.footnotes
                if cited and ("shares_owned_following" in cited or "shares" in cited):
                    notes = (*cited.get("shares_owned_following", ()), *cited.get("shares", ()))
                    stated, adjusted = _notes_say(filing, notes) if notes else (_NOTHING, False)
                else:
                    stated, adjusted = _NOTHING, False
                ref = (table, index)
                _, cross, loose_key, identifiable, described, _ = words  # (one unpacking, not five look-ups)
                lines[key] = [
                    cross,
                    loose_key,
                    identifiable,
                    ref,
                    described,
                    before,
                    after,
                    change,
                    stated,
                    adjusted,
                    day,
                    day,
                    after,
                    ref if after is not None else None,
                ]
                continue
            if after is not None:
                line[_LAST_AFTER], line[_LAST_REF] = after, (table, index)
            last = line[_LAST_DATE]
            if day is not None and (last is None or day > last):
                line[_LAST_DATE] = day
    digests = tuple(map(_new_line, lines.values()))
    exact, loose = lookups(digests)
    filed_date = filing.filed_date
    filed = DATES[filed_date.text] if filed_date is not None else None
    signatures = filing.signatures
    if len(signatures) == 1:
        signed_date = signatures[0].date
        signed = DATES[signed_date.text] if signed_date is not None else None
    else:
        signed = max((s.date.value for s in signatures if s.date and s.date.value), default=None)
    if start is None or end is None:
        start = end = period or date.min
    form = filing.form
    owners = filing.owners
    return tuple.__new__(
        Digest,
        (
            fid,
            _cik(filing.issuer.cik),
            frozenset((_cik(owners[0].cik),) if len(owners) == 1 else [_cik(o.cik) for o in owners]),
            form,
            period,
            period_of_report.text if period_of_report is not None else "no period",
            (
                start,
                end,
                _FORM_ORDER.get(BASE_FORMS[form], 3),
                filed or signed or date.min,
                filing.accession_number or "",
            ),
            filing.is_amendment,
            filing.date_of_original_submission.value if filing.date_of_original_submission else None,
            filed or signed,
            filed is None,
            digests,
            exact,
            loose,
        ),
    )


def is_original_of(original: Digest, amendment: Digest) -> bool:
    """Same issuer, same reporting owner(s), same form without "/A", same period, and the original's filed
    date (signature date where that is all there is) is the amendment's dateOfOriginalSubmission."""
    return (
        amendment.is_amendment
        and not original.is_amendment
        and original.issuer == amendment.issuer
        and original.owners == amendment.owners
        and original.base_form == amendment.base_form
        and original.period == amendment.period
        and amendment.original_date is not None
        and original.submitted == amendment.original_date
    )
