"""The embedded backend: a folder of TinyDB files, each written atomically (`tui.store.atomic`).

- ``format.json``: the folder's format version, checked at open (`tui.store.tinydb_format`);
- ``index.json``: one summary document per filing (`tui.store.documents.summary_doc`);
- ``documents/<nnnnnn>.json``: the full filings, a few hundred per file, each file written once by
  the import batch that brought its filings: opening the store reads none of them, showing a
  filing reads one, and an import never rewrites filings already stored;
- ``sources.json``: the sha256 (and size and time) of every file imported and the filing it gave,
  so a folder imported again is skipped without parsing (a cache: losing it costs time only);
- ``user_state.json`` and ``history.jsonl``: the review state and its history (`tui.store.tinydb_state`);
- ``ids.idx``, ``accessions.idx`` and ``removed.json``: what lets a command on one filing skip
  reading the index, and the filings removed since it was written (`tui.store.tinydb_lookup`).

Opened ``lazy``, the index is read when a read first needs it, not at open: `form4 review ID`
never reads it.

Writers take an exclusive `flock` on ``lock``, so several processes can write one store safely.
"""

from __future__ import annotations

import contextlib
import os
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from tui.checks.finding import Finding
from tui.model import Filing
from tui.store.api import (
    AddOutcome,
    HistoryEntry,
    ListFilter,
    ReviewState,
    Source,
    Store,
    StoredFiling,
    StoreError,
)
from tui.store.atomic import AtomicJSONStorage, looks_whole, store_lock, write_atomic
from tui.store.bulk_load import no_collection
from tui.store.documents import Prepared, filing_from_doc, pack_shards, staged_document, staged_summary
from tui.store.findings import FindingsKeeper
from tui.store.indexed import IndexedReads
from tui.store.policy import Plan, plan_batch
from tui.store.query import SummaryIndex
from tui.store.tinydb_findings import place, public_doc, split_findings
from tui.store.tinydb_format import DOCUMENT_TABLE, INDEX_TABLE, check_format
from tui.store.tinydb_lookup import Lookup, Unknown
from tui.store.tinydb_pending import PendingChecks
from tui.store.tinydb_sources import SeenFiles, SourcesFile
from tui.store.tinydb_state import StateFile, stamp

#: documents per shard file: small enough that showing one filing reads little
SHARD_SIZE = 200
#: ... and at most this many bytes (one filing larger than this is a shard of its own)
SHARD_BYTES = 8 * 1024 * 1024


class TinyDBStore(IndexedReads, SeenFiles, Store):
    """A folder of TinyDB files; see the module docstring."""

    def __init__(self, path: str | os.PathLike[str], *, reviewer: str = "", lazy: bool = False) -> None:
        self.path = Path(path)
        self.reviewer = reviewer
        if self.path.exists() and not self.path.is_dir():
            raise StoreError(f"{self.path}: not a store folder (it is a file)")
        try:
            (self.path / "documents").mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot create the store: {exc.strerror or exc}") from None
        self._lock_path = self.path / "lock"
        self._index_path = self.path / "index.json"
        self._sources = SourcesFile(self.path / "sources.json")
        self._index_storage = AtomicJSONStorage(self._index_path)
        self._summaries: SummaryIndex | None = None  # read when first needed (see _index)
        self._doc_keys: dict[str, str] = {}  # filing id -> TinyDB document id in index.json
        self._next_doc_key: int | None = None  # the next TinyDB document id (worked out once per load)
        self._index_stamp: tuple[int, int] | None = None
        self._lookup = Lookup(self.path, self._index_path)
        self._removed_seen: tuple[int, int] | None = None  # the removed list the loaded index left out
        self._state = StateFile(self.path, self._lock_path)
        self._shard_cache: dict[str, tuple[tuple[int, int] | None, dict[str, dict[str, Any]]]] = {}
        self._findings = FindingsKeeper(self._lookup.findings.of_doc, load_many=self._filings_of)
        self._pending = PendingChecks(self.path)  # filings whose group findings wait for the bulk's end
        self._shard_checks: dict[str, tuple[tuple[int, int], bool]] = {}  # shard -> (stamp, looks whole)
        self._bulk = self._lookup_behind = False  # see `bulk`
        self._seen_behind: list[tuple[Source, str]] = []
        check_format(self.path, self._lock_path)
        if not lazy:
            self._load_index()

    @property
    def location(self) -> str:
        return str(self.path)

    # ----------------------------------------------------------------- loading
    @property
    def _index(self) -> SummaryIndex:
        if self._summaries is None:
            self._load_index()
        assert self._summaries is not None
        return self._summaries

    def _load_index(self) -> None:
        """(Re)read the summaries if the index file (or the removed list) changed since we last read it."""
        current, removed_now = stamp(self._index_path), self._lookup.removed_stamp()
        loaded = self._summaries is not None and current is not None
        if loaded and current == self._index_stamp and removed_now == self._removed_seen:
            return
        # Loading makes hundreds of thousands of objects and no cycles: the cyclic garbage collector
        # would only rescan them again and again (half the load time at 100k filings), and, turned on
        # again, its first collection would walk them all at once, a stall of the screen of up to a
        # second at 100k: they are frozen out of its sight first (`tui.store.bulk_load`).
        with no_collection():
            try:
                raw = self._index_storage.read() or {}
                table = raw.get(INDEX_TABLE, {})
                docs = {doc["id"]: doc for doc in table.values()}
                self._doc_keys = {doc["id"]: key for key, doc in table.items()}
                self._next_doc_key = None
            except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
                raise StoreError(
                    f"{self._index_path}: the store index is damaged ({exc}); it can be rebuilt: move index.json "
                    "and documents/ aside and import the files again (your marks and notes are kept apart)"
                ) from None
        if docs and not self._lookup.mirrors_index():
            self._lookup.rebuild(docs, current, self._lock_path)  # a store from before the lookup files
        removed = self._lookup.removed()
        self._summaries = SummaryIndex(
            {k: d for k, d in docs.items() if k not in removed} if removed else docs, self._lookup.findings.of_doc
        )
        self._index_stamp, self._removed_seen = current, removed_now

    def has_changed(self) -> bool:
        return (
            stamp(self._index_path) != self._index_stamp
            or self._lookup.removed_stamp() != self._removed_seen
            or self._state.has_changed()
        )

    def refresh(self) -> bool:
        before = (self._index_stamp, self._removed_seen)
        self._load_index()
        self._state.load()
        return (self._index_stamp, self._removed_seen) != before

    # ----------------------------------------------------------------- reading
    def _summary_index(self) -> SummaryIndex:
        return self._index

    def resolve(self, key: str) -> str | None:
        if self._summaries is None:  # not read yet: ask the lookup files first
            found = self._lookup.resolve(key)
            if not isinstance(found, Unknown):
                return found
        return self._index.resolve(key)

    def _shard_docs(self, shard: str) -> dict[str, dict[str, Any]]:
        """The documents of one shard file by id; the last few shards read are kept in memory."""
        path = self.path / "documents" / f"{shard}.json"
        current = stamp(path)
        cached = self._shard_cache.get(shard)
        if cached is not None and cached[0] == current:
            return cached[1]
        if current is None:
            raise StoreError(
                f"{path}: missing: the filings stored in it are gone; import their files again to rebuild them"
            )
        try:
            raw = AtomicJSONStorage(path).read() or {}
            docs = {doc["id"]: doc for doc in raw.get(DOCUMENT_TABLE, {}).values()}
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise StoreError(
                f"{path}: damaged ({' '.join(str(exc).split())}); import the files of its filings again to rebuild them"
            ) from None
        if len(self._shard_cache) >= 8:
            self._shard_cache.pop(next(iter(self._shard_cache)))
        self._shard_cache[shard] = (current, docs)
        return docs

    def _document_ok(self, fid: str) -> bool:
        """Whether the shard holding ``fid`` is there and looks whole (checked once per shard
        version: its two ends, not a parse), so that a re-import rebuilds what damage took."""
        doc = self._index.docs.get(fid)
        shard = doc.get("shard") if doc else None
        if not shard:
            return False
        path = self.path / "documents" / f"{shard}.json"
        current = stamp(path)
        if current is None:
            return False
        checked = self._shard_checks.get(shard)
        if checked is None or checked[0] != current:
            checked = (current, looks_whole(path))
            self._shard_checks[shard] = checked
        return checked[1]

    def get(self, key: str) -> StoredFiling | None:
        fid = self.resolve(key)
        if fid is None:
            return None
        shard = self._lookup.shard(fid) if self._summaries is None else Unknown()
        if isinstance(shard, Unknown):
            summary = self._index.docs.get(fid)
            if summary is None:
                return None
            if "shard" not in summary:
                raise StoreError(
                    f"{self.path}: this store was made by an earlier version of form4; rebuild it: move index.json "
                    "and documents/ aside and import the files again (your marks and notes are kept)"
                )
            shard = summary["shard"]
        if shard is None:
            return None
        doc = self._shard_docs(shard).get(fid)
        if doc is None:
            return None
        filing, sources = filing_from_doc(doc)
        return StoredFiling(id=fid, filing=filing, sources=sources, state=self.state(fid))

    def get_many(self, ids: Iterable[str]) -> Iterator[StoredFiling]:
        """Shard by shard, each read once: filings of one group are spread over the shards of the imports
        that brought them, and `get` one by one read a whole shard for each (the last 8 are kept)."""
        for fid, doc in self._docs_by_shard(ids):
            filing, sources = filing_from_doc(doc)
            yield StoredFiling(id=fid, filing=filing, sources=sources, state=self.state(fid))

    def _filings_of(self, ids: Iterable[str]) -> Iterator[tuple[str, Filing]]:
        """(id, filing) of the stored ones of ``ids``, shard by shard (for the findings keeper)."""
        return ((fid, filing_from_doc(doc)[0]) for fid, doc in self._docs_by_shard(ids))

    def _docs_by_shard(self, ids: Iterable[str]) -> Iterator[tuple[str, dict[str, Any]]]:
        by_shard: dict[str, list[str]] = defaultdict(list)
        docs = self._index.docs
        for fid in ids:
            shard = (docs.get(fid) or {}).get("shard")
            if shard:
                by_shard[shard].append(fid)
        for shard, fids in by_shard.items():
            stored = self._shard_docs(shard)
            for fid in fids:
                doc = stored.get(fid)
                if doc is not None:
                    yield fid, doc

    def findings_of(self, fid: str) -> tuple[Finding, ...]:
        """Without reading the index where the lookup files can answer (`tui.store.tinydb_findings`)."""
        found = self._lookup.findings_of(fid) if self._summaries is None else Unknown()
        if isinstance(found, Unknown):
            return self.summary(fid).findings
        return tuple(Finding.from_dict(f) for f in found)

    def state(self, fid: str) -> ReviewState:
        return self._state.load().get(fid, ReviewState())

    def states(self) -> Mapping[str, ReviewState]:
        return self._state.load()

    def history(self, key: str) -> list[HistoryEntry]:
        fid = self.resolve(key) or key
        return self._state.history(fid)

    def all_history(self) -> list[HistoryEntry]:
        """Every history entry of the store, oldest first (for copying a store)."""
        return self._state.history(None)

    def list_ids(self, flt: ListFilter | None = None) -> list[str]:
        needs_states = flt is not None and (flt.reviewed is not None or flt.reviewed_by is not None)
        return self._index.list_ids(flt, self._state.load() if needs_states else None, self.reviewer)

    # ----------------------------------------------------------------- writing filings
    accepts_prepared = True

    def add_many(self, items: Iterable[tuple[Filing, Source]]) -> list[tuple[AddOutcome, str]]:
        return self._add(list(items))

    def add_prepared(
        self, items: Iterable[tuple[Prepared, Source]], *, last: bool = False
    ) -> list[tuple[AddOutcome, str]]:
        return self._add(list(items), last=last)

    def _add(
        self, items: list[tuple[Filing, Source]] | list[tuple[Prepared, Source]], *, last: bool = False
    ) -> list[tuple[AddOutcome, str]]:
        """New documents go to new shard files, written before the index, so a crash leaves no
        half-stored filing and never rewrites stored documents. A bulk's batches leave their group
        findings to its end; its ``last`` batch settles them with its own, in one index write (else the
        bulk's end rewrites the whole index once more)."""
        settle = not self._bulk or last
        with store_lock(self._lock_path):
            self._load_index()
            by_accession, by_content = self._index.lookups()

            def stored_whole(key: str) -> str | None:  # a filing whose shard is gone or damaged is stored again
                fid = by_content.get(key)
                return fid if fid is not None and self._document_ok(fid) else None

            plan: Plan[Filing | Prepared] = plan_batch(
                items, by_content=stored_whole, by_accession=by_accession.get, stored=self._index.stored_info
            )
            if settle:  # filings an import that stopped early left waiting: settled with these
                self._findings.resume(self._pending.read())
            if plan.staged:
                summaries = {fid: staged_summary(fid, f, s, key) for fid, (f, s, key) in plan.staged.items()}
                docs = [staged_document(fid, f, s) for fid, (f, s, _) in plan.staged.items()]
                staged = {fid: (f, summaries[fid]) for fid, (f, _, _) in plan.staged.items()}
                changed = self._findings.updates(
                    staged, self._index.docs, self._load_filing, self._index, defer=not settle
                )
                if not settle:  # their group findings wait for the bulk's end (`tui.store.tinydb_pending`)
                    self._pending.add(staged)
                for fid, shard in self._write_documents(docs).items():
                    summaries[fid]["shard"] = shard
                self._write_index({**changed, **summaries})
                self._lookup.set_removed(())  # the index just written left the removed filings out
            if settle:
                self._settle_checks()
            seen = [(source, fid) for (_, source), (_, fid) in zip(items, plan.results, strict=True)]
            if self._bulk:  # remembered once the import ends (see `bulk`): sources.json is only a cache
                self._seen_behind += seen
            else:
                self._sources.remember(seen)
        return plan.results

    def _settle_checks(self) -> None:
        """(Under the store's lock) the group findings of the filings waiting for them, written to the
        index; then nothing waits (the callers have taken what `checks-pending` names)."""
        if self._findings.pending:
            changed = self._findings.settle(self._index.docs, self._load_filing, self._index)
            if changed:
                self._write_index(changed)
        self._pending.clear()

    def _load_filing(self, fid: str) -> Filing | None:
        return stored.filing if fid in self._index and (stored := self.get(fid)) is not None else None

    def _write_documents(self, docs: list[dict[str, Any]] | list[tuple[str, bytes]]) -> dict[str, str]:
        """Write documents into new shard files; return id -> shard name."""
        folder = self.path / "documents"
        numbers = [int(p.stem) for p in folder.glob("*.json") if p.stem.isdigit()]
        next_number = max(numbers, default=0) + 1
        placed: dict[str, str] = {}
        # a shard closes at SHARD_SIZE documents or SHARD_BYTES: showing one filing never reads ten big ones
        for ids, data in pack_shards(docs, DOCUMENT_TABLE, SHARD_SIZE, SHARD_BYTES):
            shard = f"{next_number:06d}"
            next_number += 1
            write_atomic(folder / f"{shard}.json", data)
            placed.update((fid, shard) for fid in ids)
        return placed

    def _write_index(self, summaries: dict[str, dict[str, Any]]) -> None:
        """Write the whole index with ``summaries`` added or replaced (one atomic write, newest first
        so that opening needs no sort), keeping the in-memory index in step without reading it back.
        Their findings go to findings.jsonl first, the index keeps their kinds (`tui.store.tinydb_findings`)."""
        place(summaries, self._lookup.findings.append(split_findings(summaries)))
        if self._next_doc_key is None:
            self._next_doc_key = max((int(k) for k in self._doc_keys.values()), default=0) + 1
        for fid in summaries:
            if fid not in self._doc_keys:
                self._doc_keys[fid] = str(self._next_doc_key)
                self._next_doc_key += 1
        self._index.put(summaries)
        table = {self._doc_keys[fid]: doc for fid, doc in self._index.docs.items()}
        self._index_storage.write({INDEX_TABLE: table})
        self._index_stamp = stamp(self._index_path)
        if self._bulk:
            self._lookup_behind = True  # written once the import ends (see `bulk`)
        else:
            self._lookup.write(self._index.docs)

    @contextlib.contextmanager
    def bulk(self) -> Iterator[None]:
        """The lookup files mirror the index after the import, not after each of its batches: rewriting
        them (three sorted files of every filing) cost more than the index itself. Meanwhile they are stale
        (stamped with an older index): readers see it and read the index instead. ``sources.json`` (which
        files gave which filing, a cache too) is written once at the end as well."""
        self._bulk = True
        try:
            yield
            # the group findings of every filing the import brought, at once, and of any filings another
            # import left waiting (`tui.store.tinydb_pending`: the file names them all), even when this one
            # brought nothing new (the same folder imported again after a crash)
            if self._findings.pending or self._pending.path.exists():
                with store_lock(self._lock_path):
                    self._load_index()
                    self._findings.resume(self._pending.read())
                    self._settle_checks()
        finally:
            self._bulk = False
            if self._lookup_behind or self._seen_behind:
                with contextlib.suppress(OSError, StoreError), store_lock(self._lock_path):
                    if self._lookup_behind and self._index_stamp == stamp(self._index_path):  # nobody wrote since
                        self._lookup.write(self._index.docs)
                    self._sources.remember(self._seen_behind)
            self._lookup_behind, self._seen_behind = False, []

    def export_records(self) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
        by_shard: dict[str, list[str]] = {}
        for fid, summary in self._index.docs.items():
            by_shard.setdefault(summary.get("shard", ""), []).append(fid)
        for shard, fids in by_shard.items():
            docs = self._shard_docs(shard) if shard else {}
            for fid in fids:
                if fid in docs:
                    yield public_doc(self._index.docs[fid], self._lookup.findings), docs[fid]

    def import_records(
        self,
        records: Iterable[tuple[dict[str, Any], dict[str, Any]]],
        states: Mapping[str, ReviewState],
        history: Iterable[HistoryEntry],
    ) -> None:
        with store_lock(self._lock_path):
            summaries: dict[str, dict[str, Any]] = {}
            docs: list[dict[str, Any]] = []
            for summary, doc in records:
                summaries[summary["id"]] = {k: v for k, v in summary.items() if k != "shard"}
                docs.append(doc)
            for fid, shard in self._write_documents(docs).items():
                summaries[fid]["shard"] = shard
            self._write_index(summaries)
            self._state.import_all(dict(states), history)

    def drop_filings(self) -> None:
        with store_lock(self._lock_path):
            self._index_path.unlink(missing_ok=True)
            self._sources.forget()
            for shard in (self.path / "documents").glob("*.json"):
                shard.unlink()
            self._index_stamp = None
            self._lookup.forget()
            self._pending.clear()
            self._findings.forget()
            self._shard_cache.clear()
            self._load_index()

    def remove(self, keys: Iterable[str]) -> list[str]:
        """Leave the filings out of every read from now on, without rewriting the index (see
        `tui.store.tinydb_lookup`); their documents go with the next import's index write."""
        with store_lock(self._lock_path):
            self._summaries = None  # resolve from what is on disk now, under the lock
            found = list(dict.fromkeys(fid for key in keys if (fid := self.resolve(key)) is not None))
            if found:
                self._lookup.add_removed(found)
        return found

    def cache_folder(self) -> Path | None:
        return self.path / "cache"

    # ----------------------------------------------------------------- the reviewers' state
    def set_reviewed(self, key: str, reviewed: bool = True) -> ReviewState:
        return self._state.set_reviewed(self._require(key), reviewed, self.reviewer)

    def set_note(self, key: str, note: str | None) -> ReviewState:
        return self._state.set_note(self._require(key), note or None, self.reviewer)

    def _require(self, key: str) -> str:
        fid = self.resolve(key)
        if fid is None:
            raise KeyError(key)
        return fid
