"""The PostgreSQL store's pool of connections (psycopg-pool, so the explorer's workers do not queue
behind one another), made anew after the server went away, and psycopg's errors as one line."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from typing import Any

import psycopg
from psycopg_pool import ConnectionPool, PoolTimeout

from tui.store.api import StoreError
from tui.store.postgres_listen import IdleCheck
from tui.store.postgres_sql import configure, reason


class Pooled:
    """Mixed into `PostgresStore`, which sets these attributes."""

    url: str
    _location: str
    _broken: bool  # the server went away: make the pool anew before the next call
    _pool: ConnectionPool[Any] | None  # made at the first call that needs it (not while the explorer starts)
    _pool_lock: threading.Lock
    _idle_check: IdleCheck

    def _new_pool(self) -> ConnectionPool[Any]:
        return ConnectionPool(
            self.url, min_size=1, max_size=4, open=True, configure=configure, check=self._idle_check,
            kwargs={"connect_timeout": 5, "autocommit": True}, timeout=5, name="form4",
        )  # fmt: skip

    @contextlib.contextmanager
    def _connection(self) -> Iterator[psycopg.Connection[Any]]:
        """A connection from the pool. After the server went away the pool is made anew, once a
        direct connection shows the server is back (its own reconnection backs off for minutes)."""
        with self._pool_lock:
            if self._broken:
                psycopg.connect(self.url, connect_timeout=5).close()  # raises while the server is still away
                old, self._pool = self._pool, None
                self._broken = False
                if old is not None:
                    threading.Thread(target=old.close, daemon=True).start()
            if self._pool is None:
                self._pool = self._new_pool()
            pool = self._pool
        try:
            with pool.connection() as conn:
                yield conn
                self._idle_check.used(conn)
        except psycopg.OperationalError:
            self._broken = True
            raise

    @contextlib.contextmanager
    def _errors(self, doing: str) -> Iterator[None]:
        """psycopg's errors as one line naming the server (never the password)."""
        try:
            yield
        except StoreError:
            raise
        except PoolTimeout:
            raise StoreError(f"{self._location}: {doing}: the server does not answer") from None
        except (psycopg.Error, OSError) as exc:
            raise StoreError(f"{self._location}: {doing}: {reason(exc)}") from None
