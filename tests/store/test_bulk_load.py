"""Loading 100k summaries beside the explorer's screen (`tui.store.bulk_load`): the collector does not
walk them all when it is turned on again, and a worker thread's load gives the interpreter away."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from tui.store import bulk_load
from tui.store.bulk_load import Breather, no_collection


@pytest.fixture
def unfreeze() -> Iterator[None]:
    yield
    gc.unfreeze()  # the frozen test objects back in the collector's sight, for the other tests


def test_what_a_load_made_is_out_of_the_young_generation_when_the_collector_is_on_again(unfreeze: None) -> None:
    gc.collect()
    frozen = gc.get_freeze_count()
    with no_collection():
        assert not gc.isenabled()
        made = [{"id": str(i), "owners": [f"Owner {i}"]} for i in range(20_000)]
    assert gc.isenabled()
    # else the first young collection after the load walks the 40,000 containers (0.4 s at 100k)
    assert gc.get_count()[0] < 1000
    assert gc.get_freeze_count() - frozen >= 2 * len(made)
    assert made[-1]["owners"] == ["Owner 19999"]


def test_the_collector_stays_off_when_it_was_off(unfreeze: None) -> None:
    gc.disable()
    try:
        with no_collection():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


class _Clock:
    """perf_counter and sleep of a load whose pieces of work take ``step`` seconds each."""

    def __init__(self, step: float) -> None:
        self.now, self.step = 0.0, step
        self.sleeps: list[float] = []

    def perf_counter(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def _pieces(clock: _Clock, count: int) -> None:
    breathe = Breather()
    for _ in range(count):
        clock.now += clock.step  # a piece of work
        breathe()


def test_a_load_in_a_worker_thread_sleeps_between_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = _Clock(step=0.001)  # pieces of 1 ms: a breath after every second one
    monkeypatch.setattr(bulk_load, "time", clock)
    worker = threading.Thread(target=_pieces, args=(clock, 100))
    worker.start()
    worker.join()
    assert clock.sleeps and set(clock.sleeps) == {bulk_load.BREATHE_SECONDS}
    assert len(clock.sleeps) == 50  # once every WORK_SECONDS (2 ms) of work


def test_a_load_in_the_main_thread_never_sleeps(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = _Clock(step=0.01)
    monkeypatch.setattr(bulk_load, "time", clock)
    _pieces(clock, 50)
    assert set(clock.sleeps) == {0}  # only lets a waiting thread run (a copy being written)
