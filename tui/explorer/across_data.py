"""The explorer's row index (`tui.across`): opened once in a worker, kept while the store's filings are
the same, opened again (the cached index brought up to date) after the store re-read its filings."""

from __future__ import annotations

import threading

from tui.across.rows import RowIndex
from tui.across.sync import open_index
from tui.store import Store


class IndexHolder:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._store: Store | None = None
        self._marker: object = None
        self._index: RowIndex | None = None

    def index(self, store: Store) -> RowIndex:
        """The row index of ``store`` now; call in a worker (the first call reads every filing once)."""
        with self._lock:
            marker = store.ids()  # the store's newest-first list: a new list object once it re-read its filings
            if self._index is None or store is not self._store or marker is not self._marker:
                self._index = open_index(store)
                self._store, self._marker = store, marker
            return self._index


#: one per process: the explorer has one store
HOLDER = IndexHolder()
