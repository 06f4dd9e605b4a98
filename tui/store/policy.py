"""The store's policies, shared by every backend: a filing's id, and which of two sources of one
filing is kept ("a richer source replaces a poorer one").

A filing's id comes from its content (`Filing.content_key`), not from the file it came from, so the
XML, the full submission and a PDF printout of one filing are one filing, and a rebuilt store gives
every filing the id it had: the reviewers' state finds its filing again. The accession number is
kept and accepted wherever an id is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Generic, Protocol, TypeVar

from tui.model import Filing
from tui.store.api import AddOutcome, Source

ID_LENGTH = 16

#: the ranks (on the reader registry's scale, `tui.readers.registry`) of the formats that stores
#: written before ranks were registered knew: used only for those stores' records (a new source's
#: rank comes from the registry through the importer; the store never imports a reader)
LEGACY_RANKS = {"pdf": 10, "xml": 30, "submission": 40}
#: ranks below this were written on the first, small scale (0, 1, 2) and are read by format instead
_FIRST_REGISTRY_RANK = 10


def filing_id(filing: Filing) -> str:
    """The store's id of a filing: derived from what the filing says, so every source agrees."""
    return filing.content_key()[:ID_LENGTH]


def legacy_rank(source_format: str | None) -> int:
    return LEGACY_RANKS.get(source_format or "", 0)


def stored_rank(rank: int | None, source_format: str | None) -> int:
    """A stored record's rank on the registry's scale (older records: from their format)."""
    return rank if rank is not None and rank >= _FIRST_REGISTRY_RANK else legacy_rank(source_format)


class Keyed(Protocol):
    """What the policy needs of a filing: a parsed `Filing`, or what an import worker prepared of one."""

    @property
    def accession_number(self) -> str | None: ...

    def content_key(self) -> str: ...


K = TypeVar("K", bound=Keyed)


def is_richer(filing: Keyed, source: Source, stored_accession: str | None, stored_rank: int) -> bool:
    """True when ``filing`` from ``source`` says more than the stored copy did: it brings the
    accession number (a full submission after the XML) or comes from a richer format (the XML
    after its PDF printout)."""
    if filing.accession_number and not stored_accession:
        return True
    return source.rank > stored_rank


#: what a backend knows of one stored filing for the policy: (accession, source rank)
StoredInfo = tuple[str | None, int]


@dataclass(slots=True)
class Plan(Generic[K]):
    """What one batch does: an outcome and id per item, and the filings to write (by id)."""

    results: list[tuple[AddOutcome, str]] = field(default_factory=list)
    staged: dict[str, tuple[K, Source, str]] = field(default_factory=dict)  # id -> filing, source, key


def plan_batch(
    items: Iterable[tuple[K, Source]],
    *,
    by_content: Callable[[str], str | None],
    by_accession: Callable[[str], str | None],
    stored: Callable[[str], StoredInfo | None],
) -> Plan[K]:
    """Decide, for each item, whether it is new, a richer copy of a stored filing, or nothing new.

    A filing already stored (same content) is left as it is unless it now comes from a richer
    source: then its parsed data is replaced under the same id. A filing with a stored accession
    number but other content is never put under the stored filing's id: a reviewer's mark and note
    belong to the content they were made on, so other content is a filing of its own, its id from
    its content (``by_accession`` stays in the signature for the backends; it no longer decides an
    id). Duplicates within the batch count once. ``by_content``/``by_accession``/``stored`` answer
    from what the backend holds (under its lock or in its transaction)."""
    plan: Plan[K] = Plan()
    in_batch: dict[str, str] = {}  # content key -> id
    for filing, source in items:
        key = filing.content_key()
        if key in in_batch:
            fid = in_batch[key]
            staged = plan.staged[fid]
            if is_richer(filing, source, staged[0].accession_number, staged[1].rank):
                plan.staged[fid] = (filing, source, key)
            plan.results.append(("unchanged", fid))
            continue
        existing = by_content(key)
        outcome: AddOutcome
        if existing:
            info = stored(existing)
            if info is not None and not is_richer(filing, source, *info):
                plan.results.append(("unchanged", existing))
                continue
            fid, outcome = existing, "updated"
        else:
            fid = key[:ID_LENGTH]  # not by_accession(): other content never replaces a stored filing
            outcome = "updated" if stored(fid) is not None else "imported"
        in_batch[key] = fid
        plan.staged[fid] = (filing, source, key)
        plan.results.append((outcome, fid))
    return plan
