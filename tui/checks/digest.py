"""What the checks that compare filings need of each filing, worked out once: a small record that a
store can keep for every filing it knows, so that a new filing is compared with its owner-issuer group
without reading the group's filings again.

A digest holds the filing's order among the owner's filings, what links an amendment to its original,
and for each ownership line what continuity compares: the keys the line is found by in another filing,
what its first row implies was held before it, what its last row leaves, and what the footnotes on the
first row's figure state (so that a difference they explain is not called a break).
"""

from __future__ import annotations

import marshal
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
    LineKey,
    ValueMemo,
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

#: (first day, last day, form rank, filed day, accession): the days as ordinals (only compared)
Order = tuple[int, int, int, int, str]
_FIRST_DAY = date.min.toordinal()
format_number = lru_cache(maxsize=1 << 14)(_format_number)  # see `holdings_continuity`
#: where `plain_of` keeps what the following rows of a line update
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
    """One ownership line of a filing, as plain values: figures as the text of their Decimal (exact, exponent
    and all: ``str`` of a Decimal gives it back), days as ordinals (only compared), a derivative's price in
    ``described`` as text. A worker sends a filing's lines as plain tuples, made LineDigests in the store's
    process (in C: `Lines.made`) only for a filing it compares, and a figure is made a Decimal only where a
    comparison subtracts it (`number`)."""

    exact: LineKey  # found by in another filing: the words of the line, footnote ids set aside
    loose: LineKey  # the same with the title's par-value clause dropped
    identifiable: bool  # a Table II award without dates cannot be found again
    first_ref: RowRef
    described: PlainDescribed  # see `description`
    before: str | None  # what the first row implies was held before it
    after: str | None  # the first row's owned-following figure
    change: str | None  # the first row's shares, + acquired / - disposed (None for a holding)
    stated: frozenset[str]  # numbers stated by the footnotes on the first row's figure
    adjusted: bool  # one of those footnotes says the figure was adjusted
    first_date: int | None  # (ordinals)
    last_date: int | None
    last_after: str | None  # what the line's last row with a figure leaves
    last_ref: RowRef | None

    @property
    def description(self) -> str:
        """ "Common Stock, direct" (worked out only for a finding's sentence)."""
        title, direct, nature, price, expires = self.described
        return describe(title, direct, nature, None if price is None else Decimal(price), expires)

    @property
    def how(self) -> str:
        """How ``before`` follows from the first row."""
        if self.after is None:
            return ""
        after = Decimal(self.after)
        if self.change is None:
            return f"the row reports {format_number(after)} held"
        change = Decimal(self.change)
        if change >= 0:
            return f"{format_number(after)} owned after minus {format_number(change)} acquired"
        return f"{format_number(after)} owned after plus {format_number(-change)} disposed"


#: a line's `Described` with the exercise price as the text of its Decimal
PlainDescribed = tuple[str | None, str, str | None, str | None, str | None]
#: ``number(text)``: the Decimal a LineDigest's figure spells (figures repeat from filing to filing)
number: ValueMemo[Decimal] = ValueMemo(Decimal)
_new_line = partial(tuple.__new__, LineDigest)


#: `Lines.made`: (the lines as plain tuples in LineDigest's field order, the line found by each exact key,
#: by each loose key)
PlainLine = tuple[Any, ...]
Made = tuple[tuple[PlainLine, ...], dict[LineKey, PlainLine | None], dict[LineKey, PlainLine | None]]
#: where a plain line holds LineDigest's fields (the comparisons read them by index: a line is made a
#: LineDigest only for a finding's sentence, `tuple.__new__` of each line cost as much as its lookups)
_AT = {name: at for at, name in enumerate(LineDigest._fields)}
EXACT, LOOSE, IDENTIFIABLE, BEFORE, STATED, ADJUSTED = (
    _AT[name] for name in ("exact", "loose", "identifiable", "before", "stated", "adjusted")
)
FIRST_DATE, LAST_DATE, LAST_AFTER, LAST_REF = (
    _AT[name] for name in ("first_date", "last_date", "last_after", "last_ref")
)


def lookups(lines: tuple[PlainLine, ...]) -> tuple[dict[LineKey, PlainLine | None], dict[LineKey, PlainLine | None]]:
    """`Lines.made`'s lookups: each key's line, None where several lines have it."""
    exact: dict[LineKey, PlainLine | None] = {}
    loose: dict[LineKey, PlainLine | None] = {}
    for line in lines:
        # (a key met again: None; one hash of each key where there is none)
        key = line[0]
        if exact.setdefault(key, line) is not line:
            exact[key] = None
        key = line[1]
        if loose.setdefault(key, line) is not line:
            loose[key] = None
    return exact, loose


class Lines:
    """A digest's lines: the bytes a worker sent (`plain_of`), made LineDigests with their lookups when
    first compared (`made`). Most groups of a store hold one filing, whose lines are never read; and the
    bytes take a fraction of the memory of what they are made into, for every filing a store keeps."""

    __slots__ = ("_made", "plain")

    def __init__(self, plain: bytes) -> None:
        self.plain = plain
        self._made: Made | None = None

    def made(self) -> Made:
        """(the lines, the line found by each exact key, by each loose key: the line where exactly one line
        has that key, None where several)."""
        made = self._made
        if made is None:
            lines = marshal.loads(self.plain)
            made = self._made = (lines, *lookups(lines))
        return made

    def forget(self) -> None:
        """Drop what `made` made (six times the bytes: 320 MB at 100,000 filings, for as long as the
        store's process lives); made again when next compared."""
        self._made = None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Lines) and self.made()[0] == other.made()[0]  # (the values, not the bytes)

    def __hash__(self) -> int:
        return hash(self.made()[0])

    def __repr__(self) -> str:
        return f"Lines({self.made()[0]!r})"


class Digest(NamedTuple):
    """What the group checks know of a filing (a named tuple: made in C from the plain values a worker
    sends, see `digest_from_plain`)."""

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
    body: Lines

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        """Pickled as the plain values `digest_from_plain` makes it from."""
        return digest_from_plain, (plain_of_digest(self), self.id)

    @property
    def lines(self) -> tuple[LineDigest, ...]:
        return tuple(map(_new_line, self.body.made()[0]))

    @property
    def base_form(self) -> str:
        return self.form.split("/")[0].strip()


#: what a worker sends of a filing (`plain_of`): the fields of its Digest after the id, with the days as
#: ordinals, and its lines as the `marshal` bytes of plain tuples (str, int, bool, None, frozensets and
#: tuples of those). A Decimal, a date or a named tuple each pickle through a ``__reduce__`` of their own,
#: every one memoised (what made a filing's pickle with its checks 3-4 times the cost of one without); and
#: bytes are copied, not read, by the unpickling in the store's process, which reads the lines only of a
#: filing it compares (`Lines`)
PlainDigest = tuple[Any, ...]
_DAYS: dict[int, date] = {}


def _day(ordinal: int | None) -> date | None:
    if ordinal is None:
        return None
    found = _DAYS.get(ordinal)
    if found is None:
        if len(_DAYS) >= 1 << 16:
            _DAYS.clear()
        found = _DAYS[ordinal] = date.fromordinal(ordinal)
    return found


def _ordinal(day: date | None) -> int | None:
    return None if day is None else day.toordinal()


def digest_from_plain(plain: PlainDigest, fid: str) -> Digest:
    """The Digest of `plain_of`'s values under the store's id ``fid`` (its lines made when compared)."""
    issuer, owners, form, period, period_text, order, is_amendment, original, submitted, stand_in, lines = plain
    return tuple.__new__(
        Digest,
        (
            fid,
            issuer,
            owners,
            form,
            _day(period),
            period_text,
            order,
            is_amendment,
            _day(original),
            _day(submitted),
            stand_in,
            Lines(lines),
        ),
    )


def plain_of_digest(found: Digest) -> PlainDigest:
    """The values `digest_from_plain` makes ``found`` from (without its id)."""
    return (
        found.issuer,
        found.owners,
        found.form,
        _ordinal(found.period),
        found.period_text,
        found.order,
        found.is_amendment,
        _ordinal(found.original_date),
        _ordinal(found.submitted),
        found.stand_in,
        found.body.plain,
    )


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


def _date_ordinal(text: str) -> int | None:
    day = DATES[text]
    return None if day is None else day.toordinal()


def _figure_text(text: str) -> str | None:
    value = AMOUNTS[text]
    return None if value is None else str(value)


#: ``ORDINALS[text]``: the ordinal of ``DATES[text]``; ``FIGURES[text]``: the text of ``AMOUNTS[text]``
ORDINALS: ValueMemo[int | None] = ValueMemo(_date_ordinal)
FIGURES: ValueMemo[str | None] = ValueMemo(_figure_text)


def digest(known: Known) -> Digest:
    return digest_from_plain(plain_of(known.filing), known.id)


def plain_of(filing: Filing) -> PlainDigest:
    """What `digest_from_plain` makes a filing's Digest from, worked out in one walk of its rows (in an
    import worker: no LineDigest, Decimal text or date is made twice)."""
    period_of_report = filing.period_of_report
    period = ORDINALS[period_of_report.text] if period_of_report is not None else None
    # each line's LineDigest fields, in order; the rows after its first update the last three
    lines: dict[str, list[Any]] = {}
    start = end = None
    for (table, rows), words_of in zip(tables_of(filing), line_words(filing), strict=True):
        for index, row in enumerate(rows):
            words = words_of[index]
            when = row.transaction_date
            day = (ORDINALS[when.text] if when is not None else None) or period
            if day is not None:
                if start is None or day < start:
                    start = day
                if end is None or day > end:
                    end = day
            figure = row.shares_owned_following
            after = FIGURES[figure.text] if figure is not None else None
            key = words.key
            line = lines.get(key)
            if line is None:
                # what the first row implies was held before it, and what its figure's footnotes state
                if after is None:
                    before = change = None
                elif row.kind != "transaction":
                    before, change = after, None
                else:
                    shares = signed_shares(row)
                    if shares is None:
                        before = change = None
                    else:
                        before, change = str(AMOUNTS[figure.text] - shares), str(shares)  # type: ignore[union-attr,operator]
                cited = row.footnotes
                if cited and ("shares_owned_following" in cited or "shares" in cited):
                    notes = (*cited.get("shares_owned_following", ()), *cited.get("shares", ()))
                    stated, adjusted = _notes_say(filing, notes) if notes else (_NOTHING, False)
                else:
                    stated, adjusted = _NOTHING, False
                ref = (table, index)
                _, cross, loose_key, identifiable, described, _ = words  # (one unpacking, not five look-ups)
                price = described[3]  # (a derivative's exercise price, sent as its text)
                plain = described if price is None else (*described[:3], str(price), described[4])
                lines[key] = [
                    cross,
                    loose_key,
                    identifiable,
                    ref,
                    plain,
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
    filed_date = filing.filed_date
    filed = ORDINALS[filed_date.text] if filed_date is not None else None
    signatures = filing.signatures
    if len(signatures) == 1:
        signed_date = signatures[0].date
        signed = ORDINALS[signed_date.text] if signed_date is not None else None
    else:
        signed = _ordinal(max((s.date.value for s in signatures if s.date and s.date.value), default=None))
    if start is None or end is None:
        start = end = period or _FIRST_DAY
    form = filing.form
    owners = filing.owners
    original, accession = filing.date_of_original_submission, filing.accession_number
    return (
        _cik(filing.issuer.cik),
        frozenset((_cik(owners[0].cik),) if len(owners) == 1 else [_cik(o.cik) for o in owners]),
        form,
        period,
        period_of_report.text if period_of_report is not None else "no period",
        (start, end, _FORM_ORDER.get(BASE_FORMS[form], 3), filed or signed or _FIRST_DAY, accession or ""),
        filing.is_amendment,
        _ordinal(original.value) if original else None,
        filed or signed,
        filed is None,
        marshal.dumps(tuple(map(tuple, lines.values()))),
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
