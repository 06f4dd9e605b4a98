"""How the PostgreSQL store holds its summaries: the index read at open or at the first read that needs
it (from the local copy and the rows changed since, `tui.store.postgres_cache`, else every row), the
newest filings answered before it (`first_page`, for the explorer's first screen), and the catching up
with other clients' writes by change numbers."""

from __future__ import annotations

import threading
from typing import Any

import psycopg

from tui.store.api import FirstPage, ReviewState
from tui.store.bulk_load import Breather, no_collection
from tui.store.findings import FindingsKeeper
from tui.store.postgres_cache import LocalCopy
from tui.store.postgres_listen import Listener
from tui.store.postgres_pool import Pooled
from tui.store.postgres_sql import SUMMARY_COLUMNS, first_page, read_states
from tui.store.query import SummaryIndex

#: summaries made into Python objects at a time (between batches the other threads run)
_BATCH = 500


class IndexLoading(Pooled):
    """Mixed into `PostgresStore`, which sets these attributes."""

    _index: SummaryIndex
    _index_lock: threading.RLock
    _filings_seq: int
    _states: dict[str, ReviewState]
    _state_since: int
    _state_signature: int
    _sources: dict[str, str] | None
    _findings: FindingsKeeper
    _loaded: object
    _ready: threading.Event
    _load_lock: threading.Lock
    _copy: LocalCopy
    _listener: Listener

    # ----------------------------------------------------------------- loading and changes
    def _ensure_loaded(self) -> None:
        """Every read that needs the index comes here: the first one reads it (the others wait)."""
        if self._ready.is_set():
            return
        with self._load_lock:
            if not self._ready.is_set():
                with self._errors("cannot open the store"):
                    self._open_index()
                self._ready.set()

    def first_page(self, limit: int) -> FirstPage:
        """The newest ``limit`` filings from one indexed query; the index is read by the next read
        that needs it (the explorer's list worker, once this page is on screen)."""
        with self._errors("cannot read the store"):  # on the connection that opened the store: ready now
            return self._listener.run(lambda conn: first_page(conn, limit))

    def _open_index(self) -> None:
        """The summaries from the local copy and the rows changed since it (else every row), then a
        fresh copy written in the background when this one was missing or far behind."""
        with no_collection():  # many small objects and no cycles (`tui.store.bulk_load`)
            cached = self._copy.load()
            if cached is not None:
                with self._index_lock:
                    self._filings_seq, self._index = cached[0], SummaryIndex(cached[1])
        if cached is None:
            self._reload()
        else:
            with self._connection() as conn:
                self._catch_up(conn)
        self._copy.save_if_behind(self._snapshot)

    def _snapshot(self) -> tuple[int, list[dict[str, Any]]]:
        with self._index_lock:
            return self._filings_seq, list(self._index.docs.values())

    def _reload(self) -> None:
        with self._index_lock, self._connection() as conn:
            seqs = conn.execute("SELECT coalesce(max(seq), 0) FROM filings").fetchone()
            assert seqs is not None
            cols = ", ".join(SUMMARY_COLUMNS)
            query = f'SELECT {cols} FROM filings ORDER BY date COLLATE "C" DESC, id COLLATE "C" DESC'
            with no_collection():  # many small objects and no cycles (`tui.store.bulk_load`)
                cursor = conn.cursor(binary=True).execute(query)
                docs: dict[str, dict[str, Any]] = {}
                breathe = Breather()
                while rows := cursor.fetchmany(_BATCH):  # the rows received, made into objects a batch at a time
                    docs.update((row[0], dict(zip(SUMMARY_COLUMNS, row, strict=True))) for row in rows)
                    breathe()  # the explorer's screen runs between batches
                self._index = SummaryIndex(docs)
                self._loaded = object()
                self._findings.forget()
            self._states, self._state_since, self._state_signature = read_states(conn, 0)
            self._filings_seq = int(seqs[0])
            self._copy.stale()
        self._sources = None

    def _catch_up(self, conn: psycopg.Connection[Any]) -> bool:
        """Read the filings and states changed since we last looked; True if the filings changed."""
        count_row = conn.execute("SELECT count(*) FROM filings").fetchone()
        cols = ", ".join(SUMMARY_COLUMNS)
        rows = conn.execute(f"SELECT {cols}, seq FROM filings WHERE seq > %s", (self._filings_seq,)).fetchall()
        fresh = {row[0]: dict(zip(SUMMARY_COLUMNS, row, strict=False)) for row in rows}
        changed = bool(fresh)
        if fresh:
            with self._index_lock:
                self._filings_seq = max(int(row[-1]) for row in rows)
                self._index.put(fresh)
                self._copy.behind += len(fresh)
            self._loaded = object()  # the findings' group index is built again from what is committed
            self._findings.forget(fresh)
            self._sources = None
        if count_row is not None and int(count_row[0]) != len(self._index):  # filings were dropped
            self._reload()
            return True
        states, self._state_since, self._state_signature = read_states(conn, self._state_since)
        if states:
            self._states = {**self._states, **states}
        return changed

    def has_changed(self) -> bool:
        """True when filings or marks were committed since we read them (or the server cannot be
        asked: then refresh() says why)."""
        self._ensure_loaded()
        newest = self._listener.newest(self._state_since)
        if newest is None:
            return True
        return newest != (self._filings_seq, self._state_signature, len(self._index))

    def wait_for_change(self, timeout: float) -> bool:
        """Block until another client's write is announced (LISTEN/NOTIFY) or ``timeout`` passes."""
        self._listener.wait(timeout)
        return self.has_changed()

    def refresh(self) -> bool:
        self._ensure_loaded()
        with self._errors("cannot read the store"), self._connection() as conn:
            return self._catch_up(conn)
