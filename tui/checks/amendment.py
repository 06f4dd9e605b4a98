"""Amendments (``amendment``): a /A is linked to the filing it amends, and the two are compared.

The original is the filing of the same issuer and the same reporting owner(s), of the same form
without "/A", for the same period, whose filed date (its signature date where that is all we have)
is the amendment's ``dateOfOriginalSubmission``. The amendment says what it amends and what changed,
row by row and field by field ("Table II row 1 shares 1,055,000 → 1,000,000"); the original says it
was amended and by which filing. An amendment that reports holdings only leaves the original's
transactions standing: they are listed as not restated, never as removed.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from datetime import date

from tui.checks.digest import Digest, is_original_of
from tui.checks.finding import Finding, RowRef, Table, row_label
from tui.checks.lines import fold
from tui.formatting import format_amount, format_date
from tui.model import Amount, DerivativeRow, FiledDate, Filing, Row

#: row fields compared, in the order the form shows them
ROW_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(DerivativeRow) if f.name not in ("kind", "footnotes"))


@dataclass(frozen=True, slots=True)
class Change:
    """One difference: ``what`` is "changed", "added", "removed" or "not restated"; ``ref`` is the row in the
    amendment (added, changed) or in the original (removed, not restated); ``field`` is None for a whole row."""

    what: str
    ref: RowRef | None
    field: str | None
    old: str
    new: str
    text: str


def _signed(filing: Filing) -> date | None:
    return max((s.date.value for s in filing.signatures if s.date and s.date.value), default=None)


def submitted(filing: Filing) -> tuple[date | None, bool]:
    """The filed date, else the latest signature date (True when it stands in)."""
    if filing.filed_date is not None and filing.filed_date.value is not None:
        return filing.filed_date.value, False
    return _signed(filing), True


def originals_of(amendment: Digest, group: Sequence[Digest]) -> list[Digest]:
    """The filings of ``group`` that ``amendment`` amends (see `tui.checks.digest.is_original_of`)."""
    return [d for d in group if d.id != amendment.id and is_original_of(d, amendment)]


def _show(value: object) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, Amount):
        return format_amount(value)
    if isinstance(value, FiledDate):
        return format_date(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _same(a: object, b: object) -> bool:
    if isinstance(a, Amount) and isinstance(b, Amount) and a.value is not None and b.value is not None:
        return a.value == b.value
    if isinstance(a, FiledDate) and isinstance(b, FiledDate) and a.value is not None:
        return a.value == b.value
    if isinstance(a, str) and isinstance(b, str):
        return fold(a) == fold(b)
    return a == b


def _label(field_name: str) -> str:
    return field_name.replace("_", " ")


def _signature(row: Row) -> tuple[str, ...]:
    return (row.kind, fold(row.security_title), _show(row.transaction_date), fold(row.code))


def _row_changes(table: Table, old: Row, new: Row, new_index: int) -> list[Change]:
    ref: RowRef = (table, new_index)
    changes = []
    for name in ROW_FIELDS:
        a, b = getattr(old, name, None), getattr(new, name, None)
        if _same(a, b):
            continue
        text = f"{row_label(ref)} {_label(name)} {_show(a)} → {_show(b)}"
        changes.append(Change("changed", ref, name, _show(a), _show(b), text))
    if dict(old.footnotes) != dict(new.footnotes):
        text = f"{row_label(ref)} footnote references {dict(old.footnotes)} → {dict(new.footnotes)}"
        changes.append(Change("changed", ref, "footnotes", str(dict(old.footnotes)), str(dict(new.footnotes)), text))
    return changes


def _describe_row(row: Row) -> str:
    parts = [row.security_title or "(no title)", _show(row.transaction_date) if row.transaction_date else ""]
    if row.code:
        parts.append(f"code {row.code}")
    if row.shares is not None:
        parts.append(f"{format_amount(row.shares)} shares")
    if row.kind == "holding" and row.shares_owned_following is not None:
        parts.append(f"{format_amount(row.shares_owned_following)} held")
    return ", ".join(p for p in parts if p)


def _table_changes(table: Table, old: Sequence[Row], new: Sequence[Row]) -> list[Change]:
    holdings_only = bool(new) and not any(r.kind == "transaction" for r in new)
    kept = [(i, r) for i, r in enumerate(old) if not (holdings_only and r.kind == "transaction")]
    changes = [
        Change(
            "not restated",
            (table, i),
            None,
            _describe_row(r),
            "",
            f"{row_label((table, i))} of the original "
            f"({_describe_row(r)}) is not restated: a holdings-only amendment leaves it as reported",
        )
        for i, r in enumerate(old)
        if holdings_only and r.kind == "transaction"
    ]
    old_rows = [r for _, r in kept]
    matcher = difflib.SequenceMatcher(
        a=[_signature(r) for r in old_rows], b=[_signature(r) for r in new], autojunk=False
    )
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        pairs = min(a2 - a1, b2 - b1) if op in ("equal", "replace") else 0
        for k in range(pairs):
            changes += _row_changes(table, old_rows[a1 + k], new[b1 + k], b1 + k)
        for k in range(a1 + pairs, a2):
            ref = (table, kept[k][0])
            changes.append(
                Change(
                    "removed",
                    ref,
                    None,
                    _describe_row(old_rows[k]),
                    "",
                    f"{row_label(ref)} of the original removed ({_describe_row(old_rows[k])})",
                )
            )
        for k in range(b1 + pairs, b2):
            ref = (table, k)
            changes.append(
                Change(
                    "added", ref, None, "", _describe_row(new[k]), f"{row_label(ref)} added ({_describe_row(new[k])})"
                )
            )
    return changes


def diff_filings(original: Filing, amendment: Filing) -> list[Change]:
    """What the amendment changes: rows added, removed and changed field by field, then footnotes and remarks."""
    changes = _table_changes("table1", original.non_derivative, amendment.non_derivative)
    changes += _table_changes("table2", original.derivative, amendment.derivative)
    for note_id in dict.fromkeys([*original.footnotes, *amendment.footnotes]):
        a, b = original.footnotes.get(note_id), amendment.footnotes.get(note_id)
        if a is not None and b is not None and fold(a) == fold(b):
            continue
        what = "added" if a is None else "removed" if b is None else "changed"
        changes.append(Change(what, None, "footnotes", a or "", b or "", f"footnote {note_id} {what}"))
    if fold(original.remarks) != fold(amendment.remarks):
        changes.append(
            Change("changed", None, "remarks", original.remarks or "", amendment.remarks or "", "remarks changed")
        )
    return changes


def _when(filing: Filing) -> str:
    when, stand_in = submitted(filing)
    if when is None:
        return "of unknown date"
    return f"signed {when}" if stand_in else f"filed {when}"


def check_amendments(
    group: Sequence[Digest], load: Callable[[str], Filing | None], only: set[str] | None = None
) -> dict[str, list[Finding]]:
    """Findings per filing id over one owner-issuer group: on each amendment, what it amends and the diff;
    on each original, which filing amends it. ``load`` gives a filing by id (only linked pairs are read).
    With ``only``: the amendments that are in it or amend a filing in it."""
    findings: dict[str, list[Finding]] = {}
    for digest in group:
        if not digest.is_amendment:
            continue
        originals = originals_of(digest, group)
        if only is not None and digest.id not in only and not any(o.id in only for o in originals):
            continue
        if not originals:
            what = (
                f"Form {digest.base_form} submitted {digest.original_date}"
                if digest.original_date
                else "no date of original submission given"
            )
            period = digest.period.isoformat() if digest.period else "not given"
            message = f"The original this amendment amends ({what}, period {period}) is not in the store"
            findings.setdefault(digest.id, []).append(
                Finding("amendment", message, fields=("date_of_original_submission",))
            )
            continue
        if len(originals) > 1:
            ids = ", ".join(d.id for d in originals)
            message = (
                f"{len(originals)} filings in the store fit as the original of this amendment ({ids}); none is linked"
            )
            findings.setdefault(digest.id, []).append(
                Finding("amendment", message, related=tuple(d.id for d in originals))
            )
            continue
        original = originals[0]
        original_filing, amendment_filing = load(original.id), load(digest.id)
        if original_filing is None or amendment_filing is None:
            continue
        changes = diff_filings(original_filing, amendment_filing)
        listed = "; ".join(c.text for c in changes) if changes else "no change in its rows, footnotes or remarks"
        rows = tuple(dict.fromkeys(c.ref for c in changes if c.ref is not None and c.what in ("changed", "added")))
        changed_fields = tuple(dict.fromkeys(c.field for c in changes if c.field))
        findings.setdefault(digest.id, []).append(
            Finding(
                "amendment",
                f"Amends Form {original.form} {_when(original_filing)} ({original.id}): {listed}",
                rows=rows,
                fields=changed_fields,
                related=(original.id,),
            )
        )
        findings.setdefault(original.id, []).append(
            Finding(
                "amendment",
                f"Amended by Form {digest.form} {_when(amendment_filing)} ({digest.id}): "
                f"{len(changes)} change{'' if len(changes) == 1 else 's'}",
                related=(digest.id,),
            )
        )
    return findings
