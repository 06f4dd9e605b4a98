"""The PostgreSQL store's connections besides its pool of workers:

- the listening connection: it LISTENs on the change channel and answers "what are the newest change
  numbers" (one small query, which also takes in the waiting notifications);
- the announcer: after a mark committed, its notice goes out from a thread of its own (a mark does not
  wait for it, and a burst of marks sends one notice);
- the pool's check of a connection before it is lent, made only when the connection sat idle (a
  mark that follows another does not pay a round trip for it).

Each is made again when the server dropped it."""

from __future__ import annotations

import contextlib
import threading
import time
import weakref
from collections.abc import Callable
from typing import Any, TypeVar

import psycopg
from psycopg_pool import ConnectionPool

from tui.store.postgres_schema import CHANNEL
from tui.store.postgres_sql import STATE_SIGNATURE

T = TypeVar("T")

_NEWEST = (
    f"SELECT (SELECT coalesce(max(seq), 0) FROM filings), {STATE_SIGNATURE}, "
    "(SELECT count(*) FROM filings)"  # a removal changes no row's seq: the count says it
)


class Listener:
    def __init__(self, url: str, conn: psycopg.Connection[Any]) -> None:
        self.url = url
        self._conn: psycopg.Connection[Any] | None = conn
        self._lock = threading.Lock()
        conn.execute(f"LISTEN {CHANNEL}")

    def _connection(self) -> psycopg.Connection[Any]:
        if self._conn is None or self._conn.closed:
            self._conn = psycopg.connect(self.url, autocommit=True, connect_timeout=5)
            self._conn.execute(f"LISTEN {CHANNEL}")
        return self._conn

    def newest(self, since: int) -> tuple[int, int, int] | None:
        """(newest filings change, the signature of the states written since transaction ``since``
        (`tui.store.postgres_sql.STATE_SIGNATURE`), filings), or None when the server cannot be asked."""
        with self._lock:
            try:
                conn = self._connection()
                row = conn.execute(_NEWEST, {"since": str(since)}).fetchone()
                for _ in conn.notifies(timeout=0):
                    pass
            except psycopg.Error:
                self._conn = None
                return None
        return (int(row[0]), int(row[1]), int(row[2])) if row else None

    def run(self, work: Callable[[psycopg.Connection[Any]], T]) -> T:
        """``work`` on this connection (at open, before the pool has one ready)."""
        with self._lock:
            return work(self._connection())

    def notify(self) -> None:
        """Announce a change of state to every listener (the others find it by its signature anyway)."""
        with self._lock:
            try:
                self._connection().execute("SELECT pg_notify(%s, 'state')", (CHANNEL,))
            except psycopg.Error:
                self._conn = None

    def wait(self, timeout: float) -> None:
        """Until a change is announced or ``timeout`` seconds pass."""
        with self._lock:
            try:
                for _ in self._connection().notifies(timeout=timeout, stop_after=1):
                    pass
            except psycopg.Error:
                self._conn = None

    def close(self) -> None:
        with contextlib.suppress(Exception):
            if self._conn is not None:
                self._conn.close()


#: a client announces its marks at most this often (a reviewer marking fast sends one notice for many;
#: the other explorers look every 2 s anyway): each notice takes the server's notify lock
ANNOUNCE_EVERY_SECONDS = 0.5


class Announcer:
    """Calls ``send`` (the notice) soon after :meth:`announce`, from a thread of its own; once for a
    burst, and at most once in ANNOUNCE_EVERY_SECONDS."""

    def __init__(self, send: Callable[[], None]) -> None:
        self._send = send
        self._due = threading.Event()
        self._closing = threading.Event()
        self._closed = False
        self._pending = False  # announced and not yet sent
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()

    def announce(self) -> None:
        with self._start_lock:
            if self._thread is None and not self._closed:
                self._thread = threading.Thread(target=self._run, name="form4-announcer", daemon=True)
                self._thread.start()
        self._pending = True
        self._due.set()

    def _run(self) -> None:
        while True:
            self._due.wait()
            self._due.clear()
            if self._pending:
                self._pending = False
                self._send()
            if self._closed:
                break
            self._closing.wait(ANNOUNCE_EVERY_SECONDS)

    def close(self) -> None:
        """Send what is due (nothing when nothing was announced since the last notice), then stop."""
        self._closed = True
        self._due.set()
        self._closing.set()
        if self._thread is not None:
            self._thread.join(timeout=2)


#: a pooled connection idle for longer than this is checked (one round trip) before it is lent
CHECK_AFTER_IDLE_SECONDS = 2.0


class IdleCheck:
    """The pool's ``check``: a round trip only for a connection that sat idle (the server may have gone
    away meanwhile); :meth:`used` records when a connection was last given back."""

    def __init__(self) -> None:
        self._last: weakref.WeakKeyDictionary[psycopg.Connection[Any], float] = weakref.WeakKeyDictionary()

    def used(self, conn: psycopg.Connection[Any]) -> None:
        self._last[conn] = time.monotonic()

    def __call__(self, conn: psycopg.Connection[Any]) -> None:
        if time.monotonic() - self._last.get(conn, 0.0) > CHECK_AFTER_IDLE_SECONDS:
            ConnectionPool.check_connection(conn)
