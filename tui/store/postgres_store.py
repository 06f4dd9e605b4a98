"""The team backend: one PostgreSQL database shared by every reviewer's form4 (psycopg 3, a small
psycopg-pool of connections so the explorer's workers do not queue behind one another).

- Every import batch is one transaction under an advisory lock: a killed client leaves no half
  filing, and concurrent importers of overlapping folders store each filing once (the shared
  `tui.store.policy` decides, on what is committed).
- Every mark and note is one transaction that locks the filing's ``review_state`` row, updates it and
  appends to ``review_history`` (which a trigger keeps append-only); the call returns only after the
  commit. Marks on different filings do not wait for one another (schema 5).
- Every write is announced on the channel (LISTEN/NOTIFY; a mark's notice after its commit, from
  a thread); :meth:`has_changed` is one small query, and :meth:`refresh` reads only the rows changed
  since (filings by change number, states by the writing transaction's id).
- The import computes the review checks' findings of the new filings and of their owner-issuer groups
  in its transaction, as the TinyDB store does (`tui.store.postgres_findings`).
- Reads answer from the summaries held in memory (`tui.store.query`), like the TinyDB store. They are
  read at open (``lazy``: at the first read that needs them, `first_page` answering before) from a
  local copy and the rows changed since it, else from the table (`tui.store.postgres_index`).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterable, Iterator, Mapping
from functools import partial
from typing import Any

import psycopg
from psycopg.types.json import Jsonb

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
from tui.store.documents import filing_doc, filing_from_doc, now_iso, summary_doc
from tui.store.findings import FindingsKeeper
from tui.store.indexed import IndexedReads
from tui.store.policy import plan_batch
from tui.store.postgres_cache import LocalCopy
from tui.store.postgres_findings import load_filing, write_changed_findings
from tui.store.postgres_index import IndexLoading
from tui.store.postgres_listen import Announcer, IdleCheck, Listener
from tui.store.postgres_pool import Pooled
from tui.store.postgres_schema import CHANNEL, LATEST, LOCK_FILINGS, migrate
from tui.store.postgres_sql import (
    HISTORY_COLUMNS,
    STATE_COLUMNS,
    SUMMARY_COLUMNS,
    copy_in,
    dumps,
    next_seq,
    reason,
    redact,
    summary_values,
    update_state,
    upsert_sources,
    write_filings,
)
from tui.store.query import SummaryIndex

#: filings `get_many` reads a query
_MANY = 1000


class PostgresStore(IndexLoading, Pooled, IndexedReads, Store):
    """A form4 store in a PostgreSQL database; see the module docstring."""

    def __init__(self, url: str, *, reviewer: str = "", lazy: bool = False) -> None:
        self.url = url
        self.reviewer = reviewer
        self._location = redact(url)
        self._index = SummaryIndex()
        self._filings_seq = 0
        self._states: dict[str, ReviewState] = {}
        self._state_since = 0  # the states read are those of transactions before this one (schema 5)
        self._state_signature = 0
        self._sources: dict[str, str] | None = None  # sha256 -> filing id
        self._findings = FindingsKeeper()
        self._loaded = object()  # a new one each time other clients' filings are read in (see add_many)
        self._broken = False  # the server went away: make the pool anew before the next call
        self._index_lock = threading.RLock()  # the index and its change number change together
        self._ready = threading.Event()  # the index is read (at the first read, or since first_page)
        self._load_lock = threading.Lock()
        try:
            conn = psycopg.connect(url, autocommit=True, connect_timeout=10)
        except psycopg.Error as exc:
            raise StoreError(f"{self._location}: cannot connect: {reason(exc)}") from None
        try:
            with self._errors("cannot open the store"):
                token = migrate(conn, self._location)
                self._listener = Listener(url, conn)
                self._announcer, self._idle_check = Announcer(self._listener.notify), IdleCheck()
                self._pool, self._pool_lock = None, threading.Lock()
                self._copy = LocalCopy(self._location, token, LATEST)  # the summaries' local copy
            if not lazy:  # else at the first read that needs it
                self._ensure_loaded()
        except BaseException:
            conn.close()
            raise

    @property
    def location(self) -> str:
        return self._location

    # ----------------------------------------------------------------- reading
    def _summary_index(self) -> SummaryIndex:
        self._ensure_loaded()
        return self._index

    def resolve(self, key: str) -> str | None:
        self._ensure_loaded()
        return self._index.resolve(key)

    def get(self, key: str) -> StoredFiling | None:
        if not self._ready.is_set() and (found := self._get_by_id(key)) is not None:
            return found  # the explorer's first filing, while the index is read (first_page)
        fid = self.resolve(key)
        if fid is None:
            return None
        with self._errors("cannot read a filing"), self._connection() as conn:
            row = conn.execute("SELECT document FROM filings WHERE id = %s", (fid,)).fetchone()
        if row is None:
            return None
        filing, sources = filing_from_doc(row[0])
        return StoredFiling(id=fid, filing=filing, sources=sources, state=self.state(fid))

    def get_many(self, ids: Iterable[str]) -> Iterator[StoredFiling]:
        """A thousand filings a query (one by one each was a round trip to the server)."""
        wanted = list(dict.fromkeys(ids))
        for start in range(0, len(wanted), _MANY):
            with self._errors("cannot read filings"), self._connection() as conn:
                rows = conn.execute(
                    "SELECT id, document FROM filings WHERE id = ANY(%s)", (wanted[start : start + _MANY],)
                ).fetchall()
            for fid, document in rows:  # (read whole first: the caller may ask the store more meanwhile)
                filing, sources = filing_from_doc(document)
                yield StoredFiling(id=fid, filing=filing, sources=sources, state=self.state(fid))

    def _get_by_id(self, fid: str) -> StoredFiling | None:
        """A filing by its exact id, with its state, in one query and without the index."""
        cols = ", ".join(f"r.{c}" for c in STATE_COLUMNS)
        with self._errors("cannot read a filing"), self._connection() as conn:
            row = conn.execute(
                f"SELECT f.document, r.filing_id, {cols} FROM filings f "
                "LEFT JOIN review_state r ON r.filing_id = f.id WHERE f.id = %s",
                (fid,),
            ).fetchone()
        if row is None:
            return None
        filing, sources = filing_from_doc(row[0])
        state = ReviewState(*row[2:]) if row[1] is not None else ReviewState()
        return StoredFiling(id=fid, filing=filing, sources=sources, state=state)

    def state(self, fid: str) -> ReviewState:
        self._ensure_loaded()
        return self._states.get(fid, ReviewState())

    def states(self) -> Mapping[str, ReviewState]:
        self._ensure_loaded()
        return self._states

    def history(self, key: str) -> list[HistoryEntry]:
        fid = self.resolve(key) or key
        return self._history("WHERE filing_id = %s", (fid,))

    def all_history(self) -> list[HistoryEntry]:
        return self._history("", ())

    def _history(self, where: str, params: tuple[Any, ...]) -> list[HistoryEntry]:
        with self._errors("cannot read the history"), self._connection() as conn:
            rows = conn.execute(f"SELECT {', '.join(HISTORY_COLUMNS)} FROM review_history {where} ORDER BY n", params)
            return [HistoryEntry(*row) for row in rows]

    def list_ids(self, flt: ListFilter | None = None) -> list[str]:
        self._ensure_loaded()
        return self._index.list_ids(flt, self._states, self.reviewer)

    # ----------------------------------------------------------------- files already seen
    def _known_sources(self) -> dict[str, str]:
        self._ensure_loaded()
        if self._sources is None:
            with self._errors("cannot read the sources"), self._connection() as conn:
                self._sources = dict(conn.execute("SELECT sha256, filing_id FROM sources").fetchall())
        return self._sources

    def known_source(self, sha256: str) -> str | None:
        fid = self._known_sources().get(sha256)
        return fid if fid in self._index else None

    def known_hashes(self) -> frozenset[str]:
        return frozenset(sha for sha, fid in self._known_sources().items() if fid in self._index)

    def known_files(self) -> Mapping[str, tuple[int, int, str]]:
        with self._errors("cannot read the sources"), self._connection() as conn:
            rows = conn.execute("SELECT path, size, mtime_ns, sha256 FROM sources WHERE mtime_ns IS NOT NULL")
            return {row[0]: (int(row[1]), int(row[2]), row[3]) for row in rows}

    def remember_sources(self, sources: Iterable[tuple[Source, str]]) -> None:
        seen = list(sources)
        if seen:
            with self._errors("cannot save the sources"), self._connection() as conn, conn.transaction():
                self._upsert_sources(conn, seen)

    def _upsert_sources(self, conn: psycopg.Connection[Any], seen: list[tuple[Source, str]]) -> None:
        upsert_sources(conn, seen)
        if self._sources is not None:
            self._sources.update((s.sha256, fid) for s, fid in seen)

    # ----------------------------------------------------------------- writing filings
    def add_many(self, items: Iterable[tuple[Filing, Source]]) -> list[tuple[AddOutcome, str]]:
        items = list(items)
        self._ensure_loaded()
        with self._errors("cannot import"), self._connection() as conn, conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK_FILINGS,))
            self._catch_up(conn)  # the policy and the checks decide on everything committed, under the lock
            by_accession, by_content = self._index.lookups()
            plan = plan_batch(
                items, by_content=by_content.get, by_accession=by_accession.get, stored=self._index.stored_info
            )
            summaries: dict[str, dict[str, Any]] = {}
            if plan.staged:
                seq = next_seq(conn)
                summaries = {fid: summary_doc(fid, f, s, key) for fid, (f, s, key) in plan.staged.items()}
                staged = {fid: (f, summaries[fid]) for fid, (f, _, _) in plan.staged.items()}
                changed = self._findings.updates(staged, self._index.docs, partial(load_filing, conn), self._loaded)
                rows = [
                    (*summary_values(summaries[fid]), Jsonb(filing_doc(fid, f, s), dumps=dumps), seq)
                    for fid, (f, s, _) in plan.staged.items()
                ]
                write_filings(conn, rows)
                write_changed_findings(conn, changed, seq)
                conn.execute("SELECT pg_notify(%s, %s)", (CHANNEL, f"filings:{seq}"))
            self._upsert_sources(conn, [(s, fid) for (_, s), (_, fid) in zip(items, plan.results, strict=True)])
        if summaries:  # committed: hold in memory what the table holds
            with self._index_lock:
                self._index.put(
                    {**changed, **{fid: {c: doc[c] for c in SUMMARY_COLUMNS} for fid, doc in summaries.items()}}
                )
                self._filings_seq = max(self._filings_seq, seq)
                self._copy.behind += len(summaries) + len(changed)
        return plan.results

    def export_records(self) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
        cols = ", ".join(SUMMARY_COLUMNS)
        query = f'SELECT {cols}, document FROM filings ORDER BY date COLLATE "C" DESC, id COLLATE "C" DESC'
        with (
            self._errors("cannot read the filings"),
            self._connection() as conn,
            conn.transaction(),
            conn.cursor(name="form4_export") as cur,
        ):
            cur.itersize = 500
            cur.execute(query)
            for row in cur:
                yield dict(zip(SUMMARY_COLUMNS, row, strict=False)), row[-1]

    def import_records(
        self,
        records: Iterable[tuple[dict[str, Any], dict[str, Any]]],
        states: Mapping[str, ReviewState],
        history: Iterable[HistoryEntry],
    ) -> None:
        self._ensure_loaded()
        with self._errors("cannot copy into the store"), self._connection() as conn, conn.transaction():
            copy_in(conn, records, states, history)
        self._reload()

    def remove(self, keys: Iterable[str]) -> list[str]:
        """Delete the filings' rows and their sources (a later import reads the files again); the
        marks, notes and history stay, keyed by id."""
        keys = list(keys)
        self._ensure_loaded()
        with self._errors("cannot remove filings"), self._connection() as conn, conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK_FILINGS,))
            self._catch_up(conn)
            found = list(dict.fromkeys(fid for key in keys if (fid := self.resolve(key)) is not None))
            if found:
                conn.execute("DELETE FROM sources WHERE filing_id = ANY(%s)", (found,))
                conn.execute("DELETE FROM filings WHERE id = ANY(%s)", (found,))
                conn.execute("SELECT pg_notify(%s, %s)", (CHANNEL, f"filings:{next_seq(conn)}"))
        if found:
            self._reload()
        return found

    def drop_filings(self) -> None:
        self._ensure_loaded()
        with self._errors("cannot drop the filings"), self._connection() as conn, conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK_FILINGS,))
            conn.execute("DELETE FROM sources")
            conn.execute("DELETE FROM filings")
            conn.execute("SELECT pg_notify(%s, %s)", (CHANNEL, f"filings:{next_seq(conn)}"))
        self._reload()

    # ----------------------------------------------------------------- the reviewers' state
    def set_reviewed(self, key: str, reviewed: bool = True) -> ReviewState:
        at = now_iso()
        changes = {"reviewed": reviewed, "reviewed_at": at if reviewed else None}
        return self._update(self._require(key), changes | {"reviewed_by": self.reviewer if reviewed else None}, at)

    def set_note(self, key: str, note: str | None) -> ReviewState:
        note = note or None
        changes = {"note": note, "note_by": self.reviewer if note else None, "note_at": now_iso()}
        return self._update(self._require(key), changes, changes["note_at"] or now_iso())

    def _require(self, key: str) -> str:
        fid = self.resolve(key)
        if fid is None:
            self.refresh()  # another reviewer may have imported it since we loaded
            fid = self.resolve(key)
        if fid is None:
            raise KeyError(key)
        return fid

    def _update(self, fid: str, changes: dict[str, Any], at: str) -> ReviewState:
        """The state is reported saved only once its transaction (state and history entry) committed."""
        with self._errors("the change was not saved"), self._connection() as conn:
            new = update_state(conn, fid, changes, self.reviewer, at)
        self._announcer.announce()
        self._states = {**self._states, fid: new}
        return new

    def close(self) -> None:
        with contextlib.suppress(Exception):
            if self._ready.is_set():
                self._copy.save_if_behind(self._snapshot, wait=True)
        self._copy.close()
        with contextlib.suppress(Exception):
            if self._pool is not None:
                self._pool.close()
        self._announcer.close()
        with contextlib.suppress(Exception):
            self._listener.close()
