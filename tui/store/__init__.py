"""The store: parsed filings (rebuildable from the files) apart from the reviewers' own state.

Callers use only the interface (`tui.store.api.Store`) and :func:`open_store`; a location picks the
backend: a folder is the embedded TinyDB store, a ``postgresql://`` URL a shared team database.
"""

from __future__ import annotations

import getpass
import os

from tui.store.api import (
    AddOutcome,
    FilingSummary,
    FirstPage,
    HistoryEntry,
    ListFilter,
    ReviewState,
    Source,
    Store,
    StoredFiling,
    StoreError,
)
from tui.store.policy import filing_id

__all__ = [
    "AddOutcome",
    "FilingSummary",
    "FirstPage",
    "HistoryEntry",
    "ListFilter",
    "ReviewState",
    "Source",
    "Store",
    "StoreError",
    "StoredFiling",
    "default_reviewer",
    "filing_id",
    "is_url",
    "open_store",
]


def default_reviewer() -> str:
    """FORM4_REVIEWER, else the OS user name."""
    env = os.environ.get("FORM4_REVIEWER", "").strip()
    if env:
        return env
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def is_url(location: str | os.PathLike[str]) -> bool:
    return isinstance(location, str) and location.startswith(("postgresql://", "postgres://"))


def open_store(location: str | os.PathLike[str], *, reviewer: str | None = None, lazy: bool = False) -> Store:
    """Open the store at ``location``: a folder (TinyDB) or a ``postgresql://`` URL. The one way
    callers open a store. ``reviewer`` defaults to :func:`default_reviewer`. ``lazy``: load what
    lists need (the index) only when a read needs it, so that a command on one filing costs the same
    at any store size; the first read then answers from the store as it is then, not at open."""
    who = reviewer or default_reviewer()
    if is_url(location):
        try:
            from tui.store.postgres_store import PostgresStore  # psycopg is needed only for a team store
        except ImportError as exc:
            raise StoreError(
                f"a PostgreSQL store needs psycopg ({exc.name} is not installed): "
                "pip install 'form4-explorer[postgres]'"
            ) from None
        return PostgresStore(str(location), reviewer=who, lazy=lazy)
    from tui.store.tinydb_store import TinyDBStore

    return TinyDBStore(location, reviewer=who, lazy=lazy)
