"""Which filing the detail panes should show, and where it comes from: the details loader.

A single move shows the filing at once; while the cursor races (a key held down, moves closer than
``interval`` seconds) the panes wait until it rests, so the list never waits for them. One load runs at a
time; the newest wanted filing is loaded next. The last ``size`` filings loaded are kept (LRU), so going
back and forth costs nothing. Plain state with an injectable clock: the screen runs the timer and the
worker, this decides."""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from tui.store import StoredFiling

#: filings kept parsed in memory
CACHE_SIZE = 64
#: moves closer together than this (seconds) are "racing"
INTERVAL = 0.08


class When(Enum):
    SKIP = "skip"  # the list was rebuilt around the filing already shown: keep its panes
    NOW = "now"
    LATER = "later"  # racing: wait ``interval`` and then ask `next_step`


@dataclass(frozen=True)
class Show:
    stored: StoredFiling


@dataclass(frozen=True)
class Load:
    filing_id: str


@dataclass(frozen=True)
class Nothing:
    """No filing is highlighted."""


@dataclass(frozen=True)
class Wait:
    """A load is running; its end asks again."""


Step = Show | Load | Nothing | Wait


class DetailsLoader:
    def __init__(
        self, size: int = CACHE_SIZE, interval: float = INTERVAL, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.size = size
        self.interval = interval
        self.clock = clock
        self.wanted: str | None = None
        self.shown: str | None = None
        self.loading: str | None = None
        self.last_move = 0.0
        self._cache: OrderedDict[str, StoredFiling] = OrderedDict()

    def highlighted(self, filing_id: str | None) -> When:
        """The cursor is on ``filing_id``: show it now, later (racing) or not at all (already shown)."""
        if filing_id is not None and filing_id == self.shown == self.wanted:
            return When.SKIP
        self.wanted = filing_id
        now = self.clock()
        racing = now - self.last_move < self.interval
        self.last_move = now
        return When.LATER if racing else When.NOW

    def next_step(self) -> Step:
        filing_id = self.wanted
        if filing_id is None:
            return Nothing()
        stored = self._cache.get(filing_id)
        if stored is not None:
            self._cache.move_to_end(filing_id)
            return Show(stored)
        if self.loading is None:
            self.loading = filing_id
            return Load(filing_id)
        return Wait()

    def loaded(self, filing_id: str, stored: StoredFiling | None) -> bool:
        """A load ended; True if ``filing_id`` is still the one wanted."""
        self.loading = None
        if stored is not None:
            self._cache[filing_id] = stored
            while len(self._cache) > self.size:
                self._cache.popitem(last=False)
        return filing_id == self.wanted

    def cached(self, filing_id: str) -> StoredFiling | None:
        return self._cache.get(filing_id)

    def forget(self) -> None:
        """The store changed under the cache (an import): load every filing again, the shown one too."""
        self._cache.clear()
        self.shown = None

    def idle_for(self, seconds: float) -> bool:
        """True when the cursor has rested at least ``seconds``."""
        return self.clock() - self.last_move > seconds
