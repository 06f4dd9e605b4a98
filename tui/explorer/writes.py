"""The queue of review marks and notes waiting to be written, in the order they were made.

One writer drains it at a time (a thread worker), so two quick `r` presses reach the store in order;
thread-safe, plain, unit-tested."""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass


@dataclass(frozen=True)
class Write:
    what: str  # "review" or "note"
    filing_id: str
    reviewed: bool = False
    note: str | None = None

    @property
    def mark(self) -> bool | None:
        """The mark this write sets (None: a note)."""
        return self.reviewed if self.what == "review" else None


class WriteQueue:
    def __init__(self) -> None:
        self._writes: deque[Write] = deque()
        self._lock = threading.Lock()
        self._draining = False

    def push(self, write: Write) -> bool:
        """Queue ``write``; True if no writer is running (the caller starts one)."""
        with self._lock:
            self._writes.append(write)
            start = not self._draining
            self._draining = True
            return start

    def pop(self) -> Write | None:
        """The next write for the writer; None (and the writer stops) when there is none."""
        with self._lock:
            if self._writes:
                return self._writes.popleft()
            self._draining = False
            return None

    def abandon(self) -> list[Write]:
        """The writer died: what it had not written yet (the queue is emptied)."""
        with self._lock:
            lost = list(self._writes)
            self._writes.clear()
            self._draining = False
            return lost
