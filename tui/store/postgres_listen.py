"""The PostgreSQL store's listening connection: it LISTENs on the change channel and answers "what
are the newest change numbers" (one small query, which also takes in the waiting notifications).
Made again when the server dropped it."""

from __future__ import annotations

import contextlib
import threading
from typing import Any

import psycopg

from tui.store.postgres_schema import CHANNEL

_NEWEST = (
    "SELECT (SELECT coalesce(max(seq), 0) FROM filings), (SELECT coalesce(max(seq), 0) FROM review_state), "
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

    def newest(self) -> tuple[int, int, int] | None:
        """(newest filings change, newest state change, filings), or None when the server cannot be asked."""
        with self._lock:
            try:
                conn = self._connection()
                row = conn.execute(_NEWEST).fetchone()
                for _ in conn.notifies(timeout=0):
                    pass
            except psycopg.Error:
                self._conn = None
                return None
        return (int(row[0]), int(row[1]), int(row[2])) if row else None

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
