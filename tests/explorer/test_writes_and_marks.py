"""The write queue (marks and notes reach the store in the order made, one writer at a time) and the
screen's marks (optimistic, taken back), without a screen."""

from __future__ import annotations

import threading

from tui.explorer.marks import Marks
from tui.explorer.writes import Write, WriteQueue
from tui.store import ReviewState


def test_the_first_write_starts_the_writer_and_the_rest_wait_in_order() -> None:
    queue = WriteQueue()
    assert queue.push(Write("review", "a", reviewed=True)) is True  # start a writer
    assert queue.push(Write("review", "a", reviewed=False)) is False  # it is running
    assert queue.push(Write("note", "b", note="x")) is False
    assert [queue.pop(), queue.pop(), queue.pop()] == [
        Write("review", "a", reviewed=True),
        Write("review", "a", reviewed=False),
        Write("note", "b", note="x"),
    ]
    assert queue.pop() is None  # the writer stops ...
    assert queue.push(Write("review", "c", reviewed=True)) is True  # ... and the next write starts one


def test_a_dead_writer_gives_back_what_it_did_not_write() -> None:
    queue = WriteQueue()
    queue.push(Write("review", "a", reviewed=True))
    queue.push(Write("note", "b", note=None))
    assert queue.pop() == Write("review", "a", reviewed=True)
    assert queue.abandon() == [Write("note", "b", note=None)]
    assert queue.push(Write("review", "c", reviewed=True)) is True
    assert Write("review", "c", reviewed=True).mark is True and Write("note", "c").mark is None


def test_pushes_from_many_threads_each_get_written_once() -> None:
    queue = WriteQueue()
    starts = []

    def push(n: int) -> None:
        starts.append(queue.push(Write("review", str(n), reviewed=True)))

    threads = [threading.Thread(target=push, args=(n,)) for n in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert starts.count(True) == 1
    written = []
    while (write := queue.pop()) is not None:
        written.append(write.filing_id)
    assert sorted(written, key=int) == [str(n) for n in range(50)]


def test_marks_show_at_once_and_the_store_has_the_last_word() -> None:
    marks = Marks()
    marks.learned("a", ReviewState(False, None, "my note"))
    marks.show("a", True)
    assert "a" in marks.reviewed and marks.states["a"] == ReviewState(True, None, "my note")
    assert marks.learned("a", ReviewState(True, "2026-12-01T20:00:00+00:00", "my note")) is True
    assert marks.learned("a", ReviewState(True, "2026-12-01T20:00:00+00:00", "my note")) is False
    marks.show("a", False)  # taken back
    assert "a" not in marks.reviewed and marks.note("a") == "my note" and marks.note("zz") is None
