"""Loading a big store's summaries (100k small objects) in a worker thread while a screen runs in
the main thread, without stalling that screen.

Two things stalled it at 100k filings (measured on the PostgreSQL store's local copy):

- the garbage collector, turned off for the load (no cycles, and every collection would rescan what
  was just made), found every object made meanwhile in its youngest generation when it was turned on
  again: its first collection walked them all at once, 0.4 s holding the interpreter. The objects
  are frozen (moved out of its sight, a constant-time splice) before it is turned on again;
- a loader that holds the interpreter most of the time: the screen's thread waits for it at each
  turn of its event loop (up to the switch interval, 5 ms, or the whole of a C call such as
  `marshal.loads` of a big chunk). A loader in a worker thread works in pieces of about a
  millisecond and sleeps a little every two milliseconds (`Breather`), so the screen's thread
  takes the interpreter within about that when it needs it. A load in the main thread (a command, a script) does not
  sleep: nobody waits for it.
"""

from __future__ import annotations

import contextlib
import gc
import threading
import time
from collections.abc import Iterator

#: a loader in a worker thread holds the interpreter this long at most between two breaths
WORK_SECONDS = 0.002
#: and sleeps this long at each breath (the screen's thread runs meanwhile)
BREATHE_SECONDS = 0.0005


class Breather:
    """Called between two pieces of a load: in a worker thread, sleeps a little once WORK_SECONDS
    of work have passed since it last did; in the main thread only lets a waiting thread run."""

    def __init__(self) -> None:
        self._background = threading.current_thread() is not threading.main_thread()
        self._since = time.perf_counter()

    def __call__(self) -> None:
        if not self._background:
            time.sleep(0)  # others may run (a copy being written); nothing waits on us
            return
        now = time.perf_counter()
        if now - self._since >= WORK_SECONDS:
            time.sleep(BREATHE_SECONDS)
            self._since = time.perf_counter()


@contextlib.contextmanager
def no_collection() -> Iterator[None]:
    """No cyclic garbage collection while many long-lived objects without cycles are made; on the way
    out they are frozen before the collector is turned on again (see the module docstring). Frozen
    objects are still freed by reference counting when dropped."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if collecting:
            gc.enable()
