"""The store interface: what the CLI, the importer and the explorer may call, and the records they get.

A backend (a folder of TinyDB files, a PostgreSQL database) subclasses :class:`Store` and implements
its abstract methods; the query logic (`tui.store.query`) and the id and richer-source policies
(`tui.store.policy`) are shared, so a second backend copies neither. Every backend passes the same
contract suite (tests/store/test_contract.py).

Parsed filings (rebuildable from the files) live apart from the reviewers' own state (never lost):
importing, re-importing or rebuilding the filings never touches a mark or a note.
"""

from __future__ import annotations

import contextlib
import time
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from tui.checks.finding import Finding
from tui.model import Filing

if TYPE_CHECKING:
    from tui.store.documents import Prepared

AddOutcome = Literal["imported", "unchanged", "updated"]


class StoreError(Exception):
    """The store cannot be opened, read or written (a one-line reason naming the store)."""


@dataclass(frozen=True, slots=True)
class Source:
    """Where a filing was read from. ``rank`` says how much of a filing the format carries (higher
    is richer); the importer sets it from the reader registry, so the store never imports a reader."""

    path: str
    sha256: str
    format: str
    rank: int = 0
    size: int | None = None  # the file's size and modification time when it was read: with them
    mtime_ns: int | None = None  # a later import skips an unchanged file without reading it

    def as_doc(self) -> dict[str, Any]:
        return {"path": self.path, "sha256": self.sha256, "format": self.format, "rank": self.rank}


@dataclass(frozen=True, slots=True)
class FilingSummary:
    """What the list shows and filters on, for one filing."""

    id: str
    form: str
    date: str  # ISO: filed date, else latest signature date, else period of report
    period: str | None
    filed: str | None
    accession: str | None
    ticker: str | None
    issuer: str | None
    issuer_cik: str | None
    owners: tuple[str, ...]
    codes: tuple[str, ...]
    rows: int
    source_format: str
    source_rank: int = 0
    owner_ciks: tuple[str, ...] = ()  # leading zeros dropped: with issuer_cik, the owner-issuer groups
    #: what the review checks found (`tui.checks`), worked out at import
    findings: tuple[Finding, ...] = ()
    plan: bool | None = None  # the Rule 10b5-1 box (None: the form has no such box)
    #: the kinds of ``findings``, one per finding (kept in the index where the sentences are not)
    finding_kinds: tuple[str, ...] = ()

    @classmethod
    def from_doc(cls, doc: Mapping[str, Any], findings: Iterable[Mapping[str, Any]] | None = None) -> FilingSummary:
        """From a summary document (see `tui.store.documents.summary_doc`); ``findings``: the finding
        documents where the summary document keeps only their kinds (a TinyDB index, see
        `tui.store.tinydb_findings`)."""
        found = doc.get("findings") if findings is None else findings
        kinds = doc.get("kinds")
        parsed = tuple(Finding.from_dict(f) for f in found or ())
        return cls(
            id=doc["id"],
            form=doc.get("form") or "?",
            date=doc.get("date") or "",
            period=doc.get("period"),
            filed=doc.get("filed"),
            accession=doc.get("accession"),
            ticker=doc.get("ticker"),
            issuer=doc.get("issuer"),
            issuer_cik=doc.get("issuer_cik"),
            owners=tuple(doc.get("owners") or ()),
            codes=tuple(doc.get("codes") or ()),
            rows=int(doc.get("rows") or 0),
            source_format=doc.get("source_format") or "",
            source_rank=int(doc.get("source_rank") or 0),
            owner_ciks=tuple(doc.get("owner_ciks") or ()),
            findings=parsed,
            plan=doc.get("plan"),
            finding_kinds=tuple(f.kind for f in parsed) if kinds is None or found else tuple(kinds),
        )


@dataclass(frozen=True, slots=True)
class ReviewState:
    """A filing's review mark and note, each with who set it and when (ISO UTC, seconds)."""

    reviewed: bool = False
    reviewed_at: str | None = None
    note: str | None = None
    reviewed_by: str | None = None
    note_by: str | None = None
    note_at: str | None = None


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One change of a filing's review state, as appended to the history (never rewritten)."""

    filing_id: str
    at: str  # ISO UTC
    reviewer: str
    old_reviewed: bool
    new_reviewed: bool
    old_note: str | None
    new_note: str | None


@dataclass(frozen=True, slots=True)
class StoredFiling:
    id: str
    filing: Filing
    sources: tuple[Source, ...]
    state: ReviewState


@dataclass(slots=True)
class ListFilter:
    """Filters for :meth:`Store.list_ids`. None means "any". ``reviewed_by`` is "me" (the store's
    reviewer), "others" or "nobody"."""

    ticker: str | None = None
    form: str | None = None
    code: str | None = None
    reviewed: bool | None = None
    since: date | None = None
    until: date | None = None
    name: str | None = None
    reviewed_by: Literal["me", "others", "nobody"] | None = None
    has_findings: bool | None = None  # with (True) or without (False) review-check findings
    finding_kind: str | None = None  # only filings with a finding of this kind (`tui.checks.KINDS`)
    plan: bool | None = None  # True: the Rule 10b5-1 box checked; False: not checked (or no box)


@dataclass(frozen=True, slots=True)
class FirstPage:
    """The newest filings of a store whose index is still being read (see :meth:`Store.first_page`)."""

    ids: list[str]  # newest first, as :meth:`Store.ids` begins
    summaries: Mapping[str, FilingSummary]
    total: int  # every filing in the store
    reviewed: set[str]  # of ``ids``: those marked reviewed
    noted: set[str]  # of ``ids``: those with a note


class Store(ABC):
    """A store of filings and review state. Reads answer from what the store last loaded; call
    :meth:`refresh` (when :meth:`has_changed` says so) to see what other processes wrote."""

    #: who marks and notes through this store (``--reviewer``, FORM4_REVIEWER, the OS user)
    reviewer: str = ""

    @property
    @abstractmethod
    def location(self) -> str:
        """The store's folder or its URL without a password, for messages."""

    # ------------------------------------------------------------------ reading
    @abstractmethod
    def __len__(self) -> int: ...

    @abstractmethod
    def __contains__(self, fid: object) -> bool: ...

    @abstractmethod
    def ids(self) -> list[str]:
        """Every filing id, newest first."""

    @abstractmethod
    def summary(self, fid: str) -> FilingSummary: ...

    def summaries(self) -> Iterator[FilingSummary]:
        """Every filing's summary, newest first."""
        return (self.summary(i) for i in self.ids())

    @abstractmethod
    def summary_view(self) -> Mapping[str, FilingSummary]:
        """Every filing's summary by id, built lazily when looked up (cheap for 100k filings)."""

    def first_page(self, limit: int) -> FirstPage | None:
        """The newest ``limit`` filings, answered without waiting for the whole index, which the
        store then reads in the background (every other read waits for it); None: the store has no
        such shortcut, ask the usual reads (TinyDB: its index is one local file)."""
        return None

    @abstractmethod
    def resolve(self, key: str) -> str | None:
        """A filing id from an id, an accession number or a unique id prefix (4+ characters)."""

    @abstractmethod
    def get(self, key: str) -> StoredFiling | None: ...

    def get_many(self, ids: Iterable[str]) -> Iterator[StoredFiling]:
        """The stored filings of these ids (those not stored are left out), in any order: a store may
        read them in the order it keeps them (TinyDB: each shard file once)."""
        return (stored for fid in ids if (stored := self.get(fid)) is not None)

    def findings_of(self, fid: str) -> tuple[Finding, ...]:
        """The review findings of one filing, as kept with its summary (a backend may answer without
        reading every summary)."""
        return self.summary(fid).findings

    @abstractmethod
    def state(self, fid: str) -> ReviewState: ...

    @abstractmethod
    def states(self) -> Mapping[str, ReviewState]:
        """Every filing's state that differs from the default, by id (read-only)."""

    def reviewed_ids(self) -> set[str]:
        return {fid for fid, state in self.states().items() if state.reviewed}

    @abstractmethod
    def history(self, key: str) -> list[HistoryEntry]:
        """Every change of one filing's review state, oldest first."""

    @abstractmethod
    def all_history(self) -> list[HistoryEntry]:
        """Every history entry of the store, oldest first (for copying a store)."""

    @abstractmethod
    def export_records(self) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
        """(summary document, full document) of every filing, as `tui.store.documents` makes them."""

    @abstractmethod
    def import_records(
        self,
        records: Iterable[tuple[dict[str, Any], dict[str, Any]]],
        states: Mapping[str, ReviewState],
        history: Iterable[HistoryEntry],
    ) -> None:
        """Load another store's filings, states and history as they are (same ids) into this empty store."""

    @abstractmethod
    def tickers(self) -> list[str]:
        """Every issuer ticker in the store, sorted."""

    @abstractmethod
    def build_name_index(self) -> None:
        """Prepare the insider-name search now (else the first search does)."""

    def search(self, name: str) -> list[FilingSummary]:
        """Filings whose insider names match ``name`` (see tui.names), best match first, then newest."""
        return [self.summary(i) for i in self.search_ids(name)]

    @abstractmethod
    def search_ids(self, name: str) -> list[str]: ...

    def list_summaries(self, flt: ListFilter | None = None) -> list[FilingSummary]:
        """Filings matching every given filter, newest first (best name match first with a name)."""
        return [self.summary(i) for i in self.list_ids(flt)]

    @abstractmethod
    def list_ids(self, flt: ListFilter | None = None) -> list[str]: ...

    @abstractmethod
    def known_source(self, sha256: str) -> str | None:
        """The id of the stored filing that a file with these bytes gave, if it was imported before."""

    def known_files(self) -> Mapping[str, tuple[int, int, str]]:
        """path -> (size, mtime_ns, sha256) of files imported before: the importer skips a file whose
        size and time are unchanged without reading it. A cache; a backend may return nothing."""
        return {}

    def cache_folder(self) -> Path | None:
        """A folder for what is derived from the filings and can be rebuilt (the row index of
        `tui.across`), or None: then it is built in memory."""
        return None

    def known_hashes(self) -> frozenset[str]:
        """The sha256 of every file imported before (the importer's workers skip these unparsed)."""
        return frozenset()

    # ------------------------------------------------------------------ writing
    #: True when :meth:`add_prepared` stores what an import worker prepared as it is (the importer then
    #: parses and prepares in its workers); otherwise the importer parses in its own process
    accepts_prepared: bool = False

    def add_prepared(
        self, items: Iterable[tuple[Prepared, Source]], *, last: bool = False
    ) -> list[tuple[AddOutcome, str]]:
        """:meth:`add_many` of filings an import worker prepared (`tui.store.documents.Prepared`); ``last``:
        the last batch of a :meth:`bulk`, with which a backend may finish what the bulk left to its end."""
        return self.add_many([(item.filing(), source) for item, source in items])

    def add(self, filing: Filing, source: Source) -> tuple[AddOutcome, str]:
        return self.add_many([(filing, source)])[0]

    @contextlib.contextmanager
    def bulk(self) -> Iterator[None]:
        """Around the batches of one import: a backend may leave what only speeds up other readers (the
        TinyDB lookup files) until the end. Each batch is still stored whole on its own."""
        yield

    @abstractmethod
    def add_many(self, items: Iterable[tuple[Filing, Source]]) -> list[tuple[AddOutcome, str]]:
        """Store filings in one atomic step (see `tui.store.policy.plan_batch` for what is kept)."""

    def remember_sources(self, sources: Iterable[tuple[Source, str]]) -> None:  # noqa: B027
        """Record that these files (already read) gave these filings; a cache, by default none."""

    @abstractmethod
    def remove(self, keys: Iterable[str]) -> list[str]:
        """Take these filings (ids, accession numbers or unique id prefixes) out of the store: their
        parsed data only. Their marks, notes and history stay, and find the filing again if it is
        imported again. Returns the ids removed, in order, each once; a key that names no filing is
        left out. Costs the same whatever the store's size (a command on one filing)."""

    @abstractmethod
    def drop_filings(self) -> None:
        """Forget every parsed filing and every source (to rebuild the store by importing the files
        again); the marks, notes and history are kept and find their filings again by id."""

    @abstractmethod
    def set_reviewed(self, key: str, reviewed: bool = True) -> ReviewState:
        """Mark (or unmark) a filing reviewed; committed before this returns."""

    @abstractmethod
    def set_note(self, key: str, note: str | None) -> ReviewState: ...

    # ------------------------------------------------------------------ life cycle
    @abstractmethod
    def has_changed(self) -> bool:
        """True when someone else wrote filings or marks since we read them (cheap: for a timer)."""

    def wait_for_change(self, timeout: float) -> bool:
        """Block until someone else wrote (or ``timeout`` seconds passed); then :meth:`has_changed`.
        For a worker that keeps a view live; a backend with notifications answers at once."""
        deadline = time.monotonic() + timeout
        while not self.has_changed():
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            time.sleep(min(0.25, left))
        return True

    @abstractmethod
    def refresh(self) -> bool:
        """Pick up what others wrote since we last looked; True if the filings changed."""

    def close(self) -> None:  # noqa: B027
        """Release what the store holds (connections); every write is complete when it returns."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
