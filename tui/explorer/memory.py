"""The explorer's garbage-collection policy.

With 100k filings a full collection walks millions of objects and stalls the screen for 100-350 ms every
few dozen key presses. Young generations are still collected as usual; the full collection waits until
the user pauses, and the long-lived objects of a big store are frozen out of the collector's sight."""

from __future__ import annotations

import gc

#: from this many filings on, the list's objects are moved out of the garbage collector's sight
FREEZE_FROM = 5_000
#: the full garbage collection waits for a pause in the user's work at least this long (seconds)
IDLE_COLLECT_SECONDS = 20.0


def freeze_long_lived_objects() -> None:
    """Exclude the objects alive now (the store's summaries, the list) from garbage collection.

    No collection is run first: at 100k that alone would stall the screen. Frozen objects are still
    freed by reference counting when dropped."""
    gc.freeze()


class CollectorPolicy:
    def __init__(self) -> None:
        self._thresholds: tuple[int, int, int] | None = None

    def install(self) -> None:
        """Full collections only when `collect_if_idle` says so."""
        self._thresholds = gc.get_threshold()
        gc.set_threshold(self._thresholds[0], self._thresholds[1], 1_000_000_000)

    def uninstall(self) -> None:
        if self._thresholds is not None:
            gc.set_threshold(*self._thresholds)
            self._thresholds = None

    @staticmethod
    def collect_if_idle(idle: bool) -> None:
        if idle:
            gc.collect()

    @staticmethod
    def after_load(total: int) -> None:
        """A big store was loaded: keep its objects out of the collector's walks."""
        if total >= FREEZE_FROM:
            freeze_long_lived_objects()
