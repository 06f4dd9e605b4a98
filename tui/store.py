"""The store: parsed filings (rebuildable from the files) apart from the user's own state (never lost).

A store is a folder of TinyDB files, each written atomically (`tui.storage.AtomicJSONStorage`):

- ``index.json``: one small summary per filing (what the list, the filters and the name search need);
- ``documents/<nnnnnn>.json``: the full filings in the interchange format, a few hundred per file,
  each file written once by the import batch that brought its filings: opening the store reads
  none of them, showing a filing reads one, and an import never rewrites filings already stored;
- ``sources.json``: the sha256 of every file imported and the filing it gave, so that importing a
  folder again skips the files it has seen without parsing them (a cache: losing it costs time only);
- ``user_state.json``: reviewed marks, their time and notes, keyed by filing id. Nothing but the
  user writes it; importing, re-importing or rebuilding the filings never touches it.

A filing's id comes from its content (`Filing.content_key`), not from the file it came from, so the
XML, the full submission and a PDF printout of one filing are one filing, and a rebuilt store gives
every filing the id it had: the user's state finds its filing again. Writers take an exclusive
`flock` on ``lock``, so two processes can write the same store safely.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Literal

from tinydb import Query, TinyDB

from tui.interchange import filing_from_dict, filing_to_dict
from tui.model import Filing
from tui.names import NameIndex
from tui.storage import AtomicJSONStorage, store_lock

AddOutcome = Literal["imported", "unchanged", "updated"]

_INDEX_TABLE = "filings"
_DOCUMENT_TABLE = "documents"
_STATE_TABLE = "state"
_SOURCES_TABLE = "sources"
ID_LENGTH = 16
#: documents per shard file: small enough that showing one filing reads little
SHARD_SIZE = 200


def filing_id(filing: Filing) -> str:
    """The store's id of a filing: derived from what the filing says, so every source agrees."""
    return filing.content_key()[:ID_LENGTH]


@dataclass(frozen=True, slots=True)
class Source:
    """Where a filing was read from."""

    path: str
    sha256: str
    format: str


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

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> FilingSummary:
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
        )


class SummaryView(Mapping[str, FilingSummary]):
    """Read-only summaries of one snapshot of the index, each built when it is looked up: handing
    100k filings to the list costs nothing until a row is drawn."""

    __slots__ = ("_docs",)

    def __init__(self, docs: dict[str, dict[str, Any]]) -> None:
        self._docs = docs

    def __getitem__(self, fid: str) -> FilingSummary:
        return FilingSummary.from_doc(self._docs[fid])

    def __contains__(self, fid: object) -> bool:
        return fid in self._docs

    def __iter__(self) -> Iterator[str]:
        return iter(self._docs)

    def __len__(self) -> int:
        return len(self._docs)


@dataclass(frozen=True, slots=True)
class ReviewState:
    reviewed: bool = False
    reviewed_at: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class StoredFiling:
    id: str
    filing: Filing
    sources: tuple[Source, ...]
    state: ReviewState


@dataclass(slots=True)
class ListFilter:
    """Filters for :meth:`Store.list`. None means "any"."""

    ticker: str | None = None
    form: str | None = None
    code: str | None = None
    reviewed: bool | None = None
    since: date | None = None
    until: date | None = None
    name: str | None = None


class StoreError(Exception):
    """The store cannot be opened or written (a one-line reason)."""


def _summary_doc(fid: str, filing: Filing, source: Source, content_key: str) -> dict[str, Any]:
    signature_dates = sorted(s.date.text for s in filing.signatures if s.date and s.date.value)
    period = filing.period_of_report.text if filing.period_of_report else None
    filed = filing.filed_date.text if filing.filed_date else None
    return {
        "id": fid,
        "form": filing.form,
        "date": filed or (signature_dates[-1][:10] if signature_dates else None) or (period or "")[:10],
        "period": period,
        "filed": filed,
        "accession": filing.accession_number,
        "ticker": filing.issuer.ticker,
        "issuer": filing.issuer.name,
        "issuer_cik": filing.issuer.cik,
        "owners": list(filing.owner_names),
        "codes": list(filing.transaction_codes),
        "rows": len(filing.rows),
        "source_format": source.format,
        "content_key": content_key,
    }


class Store:
    """A folder of TinyDB files; see the module docstring."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        if self.path.exists() and not self.path.is_dir():
            raise StoreError(f"{self.path}: not a store folder (it is a file)")
        try:
            (self.path / "documents").mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot create the store: {exc.strerror or exc}") from None
        self._lock_path = self.path / "lock"
        self._index_path = self.path / "index.json"
        self._sources_path = self.path / "sources.json"
        self._sources: dict[str, str] | None = None
        self._sources_stamp: tuple[int, int] | None = None
        self._index_storage = AtomicJSONStorage(self._index_path)
        self._state_path = self.path / "user_state.json"
        # the index in memory: filing id -> summary document (as stored), and its TinyDB doc id
        self._docs: dict[str, dict[str, Any]] = {}
        self._doc_keys: dict[str, str] = {}
        self._lookups: tuple[dict[str, str], dict[str, str]] | None = None  # accession, content key -> id
        self._order: list[str] | None = None
        self._names: NameIndex | None = None
        self._index_stamp: tuple[int, int] | None = None
        self._states: dict[str, ReviewState] = {}
        self._state_stamp: tuple[int, int] | None = None
        self._states_read = False
        self._shard_cache: dict[str, tuple[tuple[int, int] | None, dict[str, dict[str, Any]]]] = {}
        self._load_index()

    # ----------------------------------------------------------------- loading
    @staticmethod
    def _stamp(path: Path) -> tuple[int, int] | None:
        try:
            st = path.stat()
        except FileNotFoundError:
            return None
        return (st.st_mtime_ns, st.st_size)

    def _load_index(self) -> None:
        """(Re)read the summaries if the index file changed since we last read it."""
        stamp = self._stamp(self._index_path)
        if stamp is not None and stamp == self._index_stamp:
            return
        # Loading makes hundreds of thousands of objects and no cycles: the cyclic garbage collector
        # would only rescan them again and again (half the load time at 100k filings).
        collecting = gc.isenabled()
        gc.disable()
        try:
            raw = self._index_storage.read() or {}
            table = raw.get(_INDEX_TABLE, {})
            self._docs = {doc["id"]: doc for doc in table.values()}
            self._doc_keys = {doc["id"]: key for key, doc in table.items()}
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise StoreError(
                f"{self._index_path}: the store index is damaged ({exc}); it can be rebuilt: move index.json and "
                "documents/ aside and import the files again (your marks and notes are kept apart)"
            ) from None
        finally:
            if collecting:
                gc.enable()
        self._lookups = None
        self._order = list(self._docs) if _newest_first(self._docs) else None
        self._names = None
        self._index_stamp = stamp

    def _lookup(self) -> tuple[dict[str, str], dict[str, str]]:
        """accession -> id and content key -> id, built when first needed (not on open)."""
        if self._lookups is None:
            docs = self._docs
            self._lookups = (
                {d["accession"]: fid for fid, d in docs.items() if d.get("accession")},
                {d["content_key"]: fid for fid, d in docs.items() if d.get("content_key")},
            )
        return self._lookups

    def _load_states(self) -> dict[str, ReviewState]:
        stamp = self._stamp(self._state_path)
        if stamp != self._state_stamp or stamp is None:
            try:
                raw = AtomicJSONStorage(self._state_path).read() or {}
                self._states = {
                    doc["id"]: ReviewState(bool(doc.get("reviewed")), doc.get("reviewed_at"), doc.get("note"))
                    for doc in raw.get(_STATE_TABLE, {}).values()
                }
            except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
                # never overwrite what may be the only copy of the user's work: stop and say so
                raise StoreError(
                    f"{self._state_path}: your review marks and notes cannot be read ({exc}); the file is left "
                    "untouched — restore it from a backup or move it aside to start without marks"
                ) from None
            self._state_stamp = stamp
            self._states_read = True
        return self._states

    def has_changed(self) -> bool:
        """True when another process (or another Store) wrote filings or marks since we read them:
        two stats, cheap enough for a timer."""
        return self._stamp(self._index_path) != self._index_stamp or (
            self._states_read and self._stamp(self._state_path) != self._state_stamp
        )

    def refresh(self) -> bool:
        """Pick up what another process wrote since we last looked; True if the filings changed."""
        before = self._index_stamp
        self._load_index()
        self._load_states()
        return self._index_stamp != before

    # ----------------------------------------------------------------- reading
    def __len__(self) -> int:
        return len(self._docs)

    def __contains__(self, fid: object) -> bool:
        return fid in self._docs

    def ids(self) -> list[str]:
        """Every filing id, newest first."""
        if self._order is None:
            docs = self._docs
            self._order = sorted(docs, key=lambda i: (docs[i].get("date") or "", i), reverse=True)
        return self._order

    def summary(self, fid: str) -> FilingSummary:
        return FilingSummary.from_doc(self._docs[fid])

    def summaries(self) -> Iterator[FilingSummary]:
        """Every filing's summary, newest first."""
        return (FilingSummary.from_doc(self._docs[i]) for i in self.ids())

    def resolve(self, key: str) -> str | None:
        """A filing id from an id, an accession number or a unique id prefix (4+ characters)."""
        key = key.strip()
        if key in self._docs:
            return key
        by_accession = self._lookup()[0]
        if key in by_accession:
            return by_accession[key]
        if len(key) >= 4:
            prefix = key.lower()
            matches = [i for i in self._docs if i.startswith(prefix)]
            if len(matches) == 1:
                return matches[0]
        return None

    def _shard_docs(self, shard: str) -> dict[str, dict[str, Any]]:
        """The documents of one shard file by id; the last few shards read are kept in memory."""
        path = self.path / "documents" / f"{shard}.json"
        stamp = self._stamp(path)
        cached = self._shard_cache.get(shard)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        raw = AtomicJSONStorage(path).read() or {}
        docs = {doc["id"]: doc for doc in raw.get(_DOCUMENT_TABLE, {}).values()}
        if len(self._shard_cache) >= 8:
            self._shard_cache.pop(next(iter(self._shard_cache)))
        self._shard_cache[shard] = (stamp, docs)
        return docs

    def get(self, key: str) -> StoredFiling | None:
        fid = self.resolve(key)
        if fid is None:
            return None
        summary = self._docs[fid]
        if "shard" not in summary:
            raise StoreError(
                f"{self.path}: this store was made by an earlier version of form4; rebuild it: move index.json and "
                "documents/ aside and import the files again (your marks and notes are kept)"
            )
        doc = self._shard_docs(summary["shard"]).get(fid)
        if doc is None:
            return None
        filing = filing_from_dict(doc["filing"], accession_number=doc.get("accession"), filed_date=doc.get("filed"))
        sources = tuple(Source(**s) for s in doc.get("sources", []))
        return StoredFiling(id=fid, filing=filing, sources=sources, state=self.state(fid))

    def state(self, fid: str) -> ReviewState:
        return self._load_states().get(fid, ReviewState())

    def summary_view(self) -> Mapping[str, FilingSummary]:
        """Every filing's summary by id, for the current snapshot of the index (see SummaryView)."""
        return SummaryView(self._docs)

    def tickers(self) -> list[str]:
        """Every issuer ticker in the store, sorted."""
        return sorted({doc["ticker"] for doc in self._docs.values() if doc.get("ticker")})

    def reviewed_ids(self) -> set[str]:
        return {fid for fid, state in self._load_states().items() if state.reviewed}

    def states(self) -> dict[str, ReviewState]:
        """Every filing's state that differs from the default, by id (read-only view)."""
        return self._load_states()

    def build_name_index(self) -> None:
        """Build the in-memory insider-name index now (else the first search builds it)."""
        if self._names is None:
            index = NameIndex()
            collecting = gc.isenabled()
            gc.disable()  # many small objects, no cycles: see _load_index
            try:
                for fid, doc in self._docs.items():
                    index.add(fid, doc.get("owners") or ())
            finally:
                if collecting:
                    gc.enable()
            self._names = index

    def search(self, name: str) -> list[FilingSummary]:
        """Filings whose insider names match ``name`` (see tui.names), best match first, then newest."""
        return [self.summary(i) for i in self.search_ids(name)]

    def search_ids(self, name: str) -> list[str]:
        self.build_name_index()
        assert self._names is not None
        scores = self._names.search(name)
        docs = self._docs
        return sorted(scores, key=lambda i: (-scores[i], _neg_date(docs[i].get("date") or ""), i))

    def list_summaries(self, flt: ListFilter | None = None) -> list[FilingSummary]:
        """Filings matching every given filter, newest first (best name match first with a name)."""
        return [self.summary(i) for i in self.list_ids(flt)]

    def list_ids(self, flt: ListFilter | None = None) -> list[str]:
        flt = flt or ListFilter()
        candidates = self.search_ids(flt.name) if flt.name else self.ids()
        if flt == ListFilter(name=flt.name):
            return list(candidates)
        states = self._load_states() if flt.reviewed is not None else {}
        ticker = flt.ticker.upper() if flt.ticker else None
        form = flt.form.upper() if flt.form else None
        code = flt.code.upper() if flt.code else None
        since = flt.since.isoformat() if flt.since else None
        until = flt.until.isoformat() if flt.until else None
        out = []
        for fid in candidates:
            doc = self._docs[fid]
            if ticker and (doc.get("ticker") or "").upper() != ticker:
                continue
            if form and (doc.get("form") or "").upper() != form:
                continue
            if code and code not in (doc.get("codes") or ()):
                continue
            if flt.reviewed is not None and (fid in states and states[fid].reviewed) != flt.reviewed:
                continue
            day = (doc.get("date") or "")[:10]
            if (since and day < since) or (until and day > until):
                continue
            out.append(fid)
        return out

    # ----------------------------------------------------------------- writing
    def add(self, filing: Filing, source: Source) -> tuple[AddOutcome, str]:
        return self.add_many([(filing, source)])[0]

    def add_many(self, items: Iterable[tuple[Filing, Source]]) -> list[tuple[AddOutcome, str]]:
        """Store filings. A filing already stored (same content) is left as it is, unless it now
        comes from a richer source (see `_better`): then its parsed data is replaced under the same
        id. The same accession with new content also replaces the parsed data under the old id.
        New documents go to new shard files, written before the index, so a crash leaves no
        half-stored filing and never rewrites stored documents."""
        items = list(items)
        with store_lock(self._lock_path):
            self._load_index()
            results: list[tuple[AddOutcome, str]] = []
            new_docs: dict[str, dict[str, Any]] = {}
            new_summaries: dict[str, dict[str, Any]] = {}
            in_batch: dict[str, str] = {}  # content key -> id, for duplicates within this batch
            for filing, source in items:
                key = filing.content_key()
                by_accession, by_content = self._lookup()
                if key in in_batch:
                    fid = in_batch[key]
                    if _better(filing, source, new_summaries[fid]):
                        self._stage(fid, filing, source, key, new_summaries, new_docs)
                    results.append(("unchanged", fid))
                    continue
                existing = by_content.get(key)
                if existing:
                    if not _better(filing, source, self._docs[existing]):
                        results.append(("unchanged", existing))
                        continue
                    # the same filing from a richer source: its XML after its PDF, its full
                    # submission (accession number, filing date) after its XML. Same id.
                    fid, outcome = existing, "updated"
                else:
                    fid = by_accession.get(filing.accession_number or "") or key[:ID_LENGTH]
                    outcome = "updated" if fid in self._docs else "imported"
                in_batch[key] = fid
                self._stage(fid, filing, source, key, new_summaries, new_docs)
                results.append((outcome, fid))
            if new_docs:
                for fid, shard in self._write_documents(list(new_docs.values())).items():
                    new_summaries[fid]["shard"] = shard
                self._write_index(new_summaries)
            self._remember_sources({source.sha256: fid for (_, source), (_, fid) in zip(items, results, strict=True)})
        return results

    # ----------------------------------------------------------------- files already seen
    def _known_sources(self) -> dict[str, str]:
        """sha256 of every file imported -> the id of the filing it gave (read on first use)."""
        stamp = self._stamp(self._sources_path)
        if self._sources is None or stamp != self._sources_stamp:
            try:
                raw = AtomicJSONStorage(self._sources_path).read() or {}
                self._sources = {d["sha256"]: d["id"] for d in raw.get(_SOURCES_TABLE, {}).values()}
            except (OSError, ValueError, KeyError, TypeError, AttributeError):
                self._sources = {}  # only a cache: every file is read again and deduplicated by content
            self._sources_stamp = stamp
        return self._sources

    def known_source(self, sha256: str) -> str | None:
        """The id of the stored filing that a file with these bytes gave, if it was imported before."""
        fid = self._known_sources().get(sha256)
        return fid if fid in self._docs else None

    def _remember_sources(self, seen: dict[str, str]) -> None:
        known = self._known_sources()
        fresh = {sha: fid for sha, fid in seen.items() if known.get(sha) != fid}
        if not fresh:
            return
        known.update(fresh)
        table = {str(n): {"sha256": sha, "id": fid} for n, (sha, fid) in enumerate(known.items(), start=1)}
        AtomicJSONStorage(self._sources_path).write({_SOURCES_TABLE: table})
        self._sources_stamp = self._stamp(self._sources_path)

    @staticmethod
    def _stage(
        fid: str,
        filing: Filing,
        source: Source,
        key: str,
        summaries: dict[str, dict[str, Any]],
        docs: dict[str, dict[str, Any]],
    ) -> None:
        summaries[fid] = _summary_doc(fid, filing, source, key)
        docs[fid] = {
            "id": fid,
            "accession": filing.accession_number,
            "filed": filing.filed_date.text if filing.filed_date else None,
            "sources": [{"path": source.path, "sha256": source.sha256, "format": source.format}],
            "imported_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "filing": filing_to_dict(filing),
        }

    def _write_documents(self, docs: list[dict[str, Any]]) -> dict[str, str]:
        """Write documents into new shard files; return id -> shard name."""
        folder = self.path / "documents"
        numbers = [int(p.stem) for p in folder.glob("*.json") if p.stem.isdigit()]
        next_number = max(numbers, default=0) + 1
        placed: dict[str, str] = {}
        for start in range(0, len(docs), SHARD_SIZE):
            chunk = docs[start : start + SHARD_SIZE]
            shard = f"{next_number:06d}"
            next_number += 1
            table = {str(n): doc for n, doc in enumerate(chunk, start=1)}
            AtomicJSONStorage(folder / f"{shard}.json").write({_DOCUMENT_TABLE: table})
            placed.update((doc["id"], shard) for doc in chunk)
        return placed

    def _write_index(self, summaries: dict[str, dict[str, Any]]) -> None:
        """Write the whole index with ``summaries`` added or replaced (one atomic write), and keep
        the in-memory maps in step without reading the file back."""
        next_key = max((int(k) for k in self._doc_keys.values()), default=0) + 1
        by_accession, by_content = self._lookup()
        for fid, doc in summaries.items():
            if fid not in self._doc_keys:
                self._doc_keys[fid] = str(next_key)
                next_key += 1
            old = self._docs.get(fid)
            if old is not None:
                by_content.pop(old.get("content_key") or "", None)
            self._docs[fid] = doc
            if doc.get("accession"):
                by_accession[doc["accession"]] = fid
            if doc.get("content_key"):
                by_content[doc["content_key"]] = fid
        # written newest first, so that opening the store needs no sort
        self._order = None
        self._docs = {fid: self._docs[fid] for fid in self.ids()}
        self._order = list(self._docs)
        table = {self._doc_keys[fid]: doc for fid, doc in self._docs.items()}
        self._index_storage.write({_INDEX_TABLE: table})
        self._index_stamp = self._stamp(self._index_path)
        self._names = None

    def set_reviewed(self, key: str, reviewed: bool = True) -> ReviewState:
        """Mark (or unmark) a filing reviewed; saved (fsynced) before this returns."""
        fid = self._require(key)
        stamp = datetime.now(UTC).isoformat(timespec="seconds") if reviewed else None
        return self._update_state(fid, reviewed=reviewed, reviewed_at=stamp)

    def set_note(self, key: str, note: str | None) -> ReviewState:
        fid = self._require(key)
        return self._update_state(fid, note=note or None)

    def _require(self, key: str) -> str:
        fid = self.resolve(key)
        if fid is None:
            raise KeyError(key)
        return fid

    def _update_state(self, fid: str, **changes: Any) -> ReviewState:
        with store_lock(self._lock_path):
            self._state_stamp = None
            self._load_states()  # a damaged file stops here with a clear error, before any write
            # a fresh TinyDB each time: a Table caches its next document id, which another process
            # may have used since
            table = TinyDB(self._state_path, storage=AtomicJSONStorage).table(_STATE_TABLE)
            current = table.get(Query().id == fid)
            doc = {"id": fid, "reviewed": False, "reviewed_at": None, "note": None}
            if current:
                doc.update(current)
            doc.update(changes)
            if current:
                table.update(doc, doc_ids=[current.doc_id])
            else:
                table.insert(doc)
            # what we just wrote, on top of what we read under this lock: no need to read it back
            state = ReviewState(bool(doc["reviewed"]), doc["reviewed_at"], doc["note"])
            self._states = {**self._states, fid: state}
            self._state_stamp = self._stamp(self._state_path)
            return state

    def close(self) -> None:
        """Nothing to release: every write is complete when its method returns."""


#: how much of a filing a source carries: a PDF shows less than the XML (no schema version, no
#: transaction form type …), a full submission adds the accession number and the filing date
_SOURCE_RANK = {"pdf": 0, "xml": 1, "submission": 2}


def _better(filing: Filing, source: Source, stored: dict[str, Any]) -> bool:
    """True when ``filing`` from ``source`` says more than the stored summary's source did."""
    if filing.accession_number and not stored.get("accession"):
        return True
    return _SOURCE_RANK.get(source.format, 0) > _SOURCE_RANK.get(stored.get("source_format") or "", 0)


def _newest_first(docs: dict[str, dict[str, Any]]) -> bool:
    """True when the documents are already in the order of :meth:`Store.ids`."""
    previous: tuple[str, str] | None = None
    for fid, doc in docs.items():
        current = (doc.get("date") or "", fid)
        if previous is not None and current > previous:
            return False
        previous = current
    return True


def _neg_date(iso: str) -> tuple[int, ...]:
    """Sort key that puts later ISO dates first."""
    return tuple(-ord(c) for c in iso)


def open_store(location: str | os.PathLike[str]) -> Store:
    """Open the store at ``location`` (a folder: the TinyDB store). The one way callers open a store."""
    return Store(location)
