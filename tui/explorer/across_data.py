"""The explorer's row index (`tui.across`): opened once in a worker, kept while the store's filings are
the same, and brought up to date in memory after the store re-read its filings (an import, a removal,
another process's write): only the filings new, replaced or gone are read or dropped."""

from __future__ import annotations

import threading

from rich.text import Text
from textual.message import Message
from textual.widget import Widget

from tui.across.rows import RowIndex
from tui.across.screener import warm
from tui.across.sync import Progress, open_index, refresh_index
from tui.explorer.memory import freeze_long_lived_objects
from tui.store import Store


class IndexHolder:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._store: Store | None = None
        self._marker: object = None
        self._index: RowIndex | None = None

    def index(self, store: Store, progress: Progress | None = None) -> RowIndex:
        """The row index of ``store`` now; call in a worker (the first call may read every filing once:
        ``progress(done, total)`` hears how far it is)."""
        with self._lock:
            marker = store.ids()  # the store's newest-first list: a new list object once it re-read its filings
            if self._index is not None and store is self._store and marker is self._marker:
                return self._index
            if self._index is not None and store is self._store:
                self._index = refresh_index(store, self._index, progress)
            else:
                self._index = open_index(store, progress)
            self._store, self._marker = store, marker
            # a million rows' vocabularies and per-filing details: out of the collector's sight, or a
            # collection promoting them stalls the screen (see tui.explorer.memory)
            freeze_long_lived_objects()
            index = self._index
        # the first sort by a column or name search made now, beside the view (numpy's sorts release the GIL)
        threading.Thread(target=_warm, args=(index,), name="across-warm", daemon=True).start()
        return index


def _warm(index: RowIndex) -> None:
    warm(index)
    freeze_long_lived_objects()  # the name search's objects too


#: one per process: the explorer has one store
HOLDER = IndexHolder()


class IndexProgress(Message):
    """How far the row index's build (or update) is: shown by the view waiting for it."""

    def __init__(self, done: int, total: int) -> None:
        super().__init__()
        self.done = done
        self.total = total

    @property
    def text(self) -> Text:
        return Text(
            f"reading the store's rows for the across-filings views: {self.done:,} of {self.total:,} filing(s) "
            "(once: kept in the store's cache, and updated with only what changes)"
        )


def index_for(target: Widget, store: Store) -> RowIndex:
    """``HOLDER.index`` from a worker of ``target``, which hears the progress as `IndexProgress` messages."""

    def progress(done: int, total: int) -> None:
        target.post_message(IndexProgress(done, total))

    return HOLDER.index(store, progress)
