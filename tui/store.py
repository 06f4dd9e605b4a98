"""The store: parsed filings (rebuildable from the files) apart from the user's own state (never lost).

A store is a folder of TinyDB files, each written atomically (`tui.storage.AtomicJSONStorage`):

- ``index.json``: one small summary per filing (what the list, the filters and the name search need);
- ``documents/<xx>.json``: the full filings in the interchange format, in 256 shards by id, so that
  opening the store or importing a batch never reads or rewrites every filing;
- ``user_state.json``: reviewed marks, their time and notes, keyed by filing id. Nothing but the
  user writes it; importing, re-importing or rebuilding the filings never touches it.

A filing's id comes from its content (`Filing.content_key`), not from the file it came from, so the
XML, the full submission and a PDF printout of one filing are one filing, and a rebuilt store gives
every filing the id it had: the user's state finds its filing again. Writers take an exclusive
`flock` on ``lock``, so two processes can write the same store safely.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
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
ID_LENGTH = 16


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
    extra: dict[str, Any] = field(default_factory=dict)


class StoreError(Exception):
    """The store cannot be opened or written (a one-line reason)."""


def _summary_doc(fid: str, filing: Filing, source: Source) -> dict[str, Any]:
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
        "content_key": filing.content_key(),
    }


class Store:
    """A folder of TinyDB files; see the module docstring."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        if self.path.exists() and not self.path.is_dir():
            raise StoreError(f"{self.path}: not a store folder (it is a file)")
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            (self.path / "documents").mkdir(exist_ok=True)
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot create the store: {exc.strerror or exc}") from None
        self._lock_path = self.path / "lock"
        self._index_db = TinyDB(self.path / "index.json", storage=AtomicJSONStorage)
        self._state_db = TinyDB(self.path / "user_state.json", storage=AtomicJSONStorage)
        self._summaries: dict[str, FilingSummary] = {}
        self._by_accession: dict[str, str] = {}
        self._by_content: dict[str, str] = {}
        self._order: list[str] | None = None
        self._names: NameIndex | None = None
        self._index_stamp: tuple[int, int] | None = None
        self._states: dict[str, ReviewState] = {}
        self._state_stamp: tuple[int, int] | None = None
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
        path = self.path / "index.json"
        stamp = self._stamp(path)
        if stamp is not None and stamp == self._index_stamp:
            return
        try:
            raw = self._index_db.storage.read() or {}
        except (OSError, ValueError) as exc:
            raise StoreError(f"{path}: cannot read the store index: {exc}") from None
        self._summaries.clear()
        self._by_accession.clear()
        self._by_content.clear()
        for doc in raw.get(_INDEX_TABLE, {}).values():
            summary = FilingSummary.from_doc(doc)
            self._summaries[summary.id] = summary
            if summary.accession:
                self._by_accession[summary.accession] = summary.id
            if doc.get("content_key"):
                self._by_content[doc["content_key"]] = summary.id
        self._order = None
        self._names = None
        self._index_stamp = stamp

    def _load_states(self) -> dict[str, ReviewState]:
        stamp = self._stamp(self.path / "user_state.json")
        if stamp != self._state_stamp or stamp is None:
            raw = self._state_db.storage.read() or {}
            self._states = {
                doc["id"]: ReviewState(
                    reviewed=bool(doc.get("reviewed")), reviewed_at=doc.get("reviewed_at"), note=doc.get("note")
                )
                for doc in raw.get(_STATE_TABLE, {}).values()
            }
            self._state_stamp = stamp
        return self._states

    def refresh(self) -> None:
        """Pick up what another process wrote since we last looked."""
        self._load_index()
        self._load_states()

    def _shard(self, fid: str) -> TinyDB:
        return TinyDB(self.path / "documents" / f"{fid[:2]}.json", storage=AtomicJSONStorage)

    # ----------------------------------------------------------------- reading
    def __len__(self) -> int:
        return len(self._summaries)

    def ids(self) -> list[str]:
        """Every filing id, newest first."""
        if self._order is None:
            self._order = sorted(self._summaries, key=lambda i: (self._summaries[i].date, i), reverse=True)
        return self._order

    def summary(self, fid: str) -> FilingSummary:
        return self._summaries[fid]

    def summaries(self) -> Iterator[FilingSummary]:
        """Every filing's summary, newest first."""
        return (self._summaries[i] for i in self.ids())

    def resolve(self, key: str) -> str | None:
        """A filing id from an id, an accession number or a unique id prefix (4+ characters)."""
        key = key.strip()
        if key in self._summaries:
            return key
        if key in self._by_accession:
            return self._by_accession[key]
        if len(key) >= 4:
            matches = [i for i in self._summaries if i.startswith(key.lower())]
            if len(matches) == 1:
                return matches[0]
        return None

    def get(self, key: str) -> StoredFiling | None:
        fid = self.resolve(key)
        if fid is None:
            return None
        db = self._shard(fid)
        docs = db.table(_DOCUMENT_TABLE).search(Query().id == fid)
        db.close()
        if not docs:
            return None
        doc = docs[0]
        filing = filing_from_dict(doc["filing"], accession_number=doc.get("accession"), filed_date=doc.get("filed"))
        sources = tuple(Source(**s) for s in doc.get("sources", []))
        return StoredFiling(id=fid, filing=filing, sources=sources, state=self.state(fid))

    def state(self, fid: str) -> ReviewState:
        return self._load_states().get(fid, ReviewState())

    def search(self, name: str) -> list[FilingSummary]:
        """Filings whose insider names match ``name`` (see tui.names), best match first, then newest."""
        if self._names is None:
            index = NameIndex()
            for summary in self._summaries.values():
                index.add(summary.id, summary.owners)
            self._names = index
        scores = self._names.search(name)
        ranked = sorted(scores, key=lambda i: (-scores[i], _neg_date(self._summaries[i].date), i))
        return [self._summaries[i] for i in ranked]

    def list(self, flt: ListFilter | None = None) -> list[FilingSummary]:
        """Filings matching every given filter, newest first (best name match first with a name)."""
        flt = flt or ListFilter()
        candidates = self.search(flt.name) if flt.name else list(self.summaries())
        states = self._load_states() if flt.reviewed is not None else {}
        out = []
        for s in candidates:
            if flt.ticker and (s.ticker or "").upper() != flt.ticker.upper():
                continue
            if flt.form and s.form.upper() != flt.form.upper():
                continue
            if flt.code and flt.code.upper() not in s.codes:
                continue
            if flt.reviewed is not None and states.get(s.id, ReviewState()).reviewed != flt.reviewed:
                continue
            if flt.since and s.date[:10] < flt.since.isoformat():
                continue
            if flt.until and s.date[:10] > flt.until.isoformat():
                continue
            out.append(s)
        return out

    # ----------------------------------------------------------------- writing
    def add(self, filing: Filing, source: Source) -> tuple[AddOutcome, str]:
        return self.add_many([(filing, source)])[0]

    def add_many(self, items: Iterable[tuple[Filing, Source]]) -> list[tuple[AddOutcome, str]]:
        """Store filings. A filing already stored (same content, or same accession and content) is
        left as it is; the same accession with new content replaces the parsed data under the old id.
        Documents are written before the index, so a crash leaves no half-stored filing."""
        items = list(items)
        with store_lock(self._lock_path):
            self._load_index()
            results: list[tuple[AddOutcome, str]] = []
            new_docs: dict[str, dict[str, Any]] = {}
            new_summaries: dict[str, dict[str, Any]] = {}
            in_batch: dict[str, str] = {}  # content key -> id, for duplicates within this batch
            for filing, source in items:
                key = filing.content_key()
                if key in in_batch:
                    results.append(("unchanged", in_batch[key]))
                    continue
                existing = self._by_content.get(key)
                if existing:
                    outcome: AddOutcome = "unchanged"
                    summary = self._summaries.get(existing)
                    if summary and filing.accession_number and not summary.accession:
                        outcome = "updated"  # an XML first, its full submission later: keep the accession
                        fid = existing
                    else:
                        results.append((outcome, existing))
                        continue
                else:
                    fid = self._by_accession.get(filing.accession_number or "") or key[:ID_LENGTH]
                    outcome = "updated" if fid in self._summaries else "imported"
                in_batch[key] = fid
                new_summaries[fid] = _summary_doc(fid, filing, source)
                new_docs[fid] = {
                    "id": fid,
                    "accession": filing.accession_number,
                    "filed": filing.filed_date.text if filing.filed_date else None,
                    "sources": [{"path": source.path, "sha256": source.sha256, "format": source.format}],
                    "imported_at": datetime.now(UTC).isoformat(timespec="seconds"),
                    "filing": filing_to_dict(filing),
                }
                results.append((outcome, fid))
            if new_docs:
                self._write_documents(new_docs)
                self._write_summaries(new_summaries)
        return results

    def _write_documents(self, docs: dict[str, dict[str, Any]]) -> None:
        by_shard: dict[str, list[dict[str, Any]]] = {}
        for fid, doc in docs.items():
            by_shard.setdefault(fid[:2], []).append(doc)
        for shard_docs in by_shard.values():
            db = self._shard(shard_docs[0]["id"])
            table = db.table(_DOCUMENT_TABLE)
            ids = [d["id"] for d in shard_docs]
            if table.contains(Query().id.one_of(ids)):
                table.remove(Query().id.one_of(ids))
            table.insert_multiple(shard_docs)
            db.close()

    def _write_summaries(self, summaries: dict[str, dict[str, Any]]) -> None:
        table = self._index_db.table(_INDEX_TABLE)
        replaced = [fid for fid in summaries if fid in self._summaries]
        if replaced:
            table.remove(Query().id.one_of(replaced))
        table.insert_multiple(summaries.values())
        self._index_stamp = None
        self._load_index()

    def set_reviewed(self, key: str, reviewed: bool = True) -> ReviewState:
        """Mark (or unmark) a filing reviewed; saved before this returns."""
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
            table = self._state_db.table(_STATE_TABLE)
            current = table.get(Query().id == fid)
            doc = {"id": fid, "reviewed": False, "reviewed_at": None, "note": None}
            if current:
                doc.update(current)
            doc.update(changes)
            table.upsert(doc, Query().id == fid)
            self._state_stamp = None
            return self._load_states()[fid]

    def close(self) -> None:
        self._index_db.close()
        self._state_db.close()


def _neg_date(iso: str) -> tuple[int, ...]:
    """Sort key that puts later ISO dates first."""
    return tuple(-ord(c) for c in iso)
