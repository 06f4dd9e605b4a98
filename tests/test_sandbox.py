"""Item 6 and 8: a call in a child process with a memory and a time budget; it dies with its parent."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tui.sandbox import OverBudget, run_limited

MB = 1024 * 1024


def _allocate(megabytes: int) -> int:
    blob = bytearray(megabytes * MB)
    return len(blob)


def _sleep(seconds: float) -> None:
    time.sleep(seconds)


def _fail(reason: str) -> None:
    raise ValueError(reason)


def test_result_and_exception_come_back() -> None:
    assert run_limited(_allocate, 10, memory_bytes=200 * MB, seconds=30) == 10 * MB
    with pytest.raises(ValueError, match="as raised"):
        run_limited(_fail, "as raised", memory_bytes=200 * MB, seconds=30)


def test_memory_budget() -> None:
    with pytest.raises(OverBudget, match="more than 100 MB"):
        run_limited(_allocate, 2000, memory_bytes=100 * MB, seconds=30)


def test_time_budget() -> None:
    started = time.monotonic()
    with pytest.raises(OverBudget, match=r"longer than 0\.5 s"):
        run_limited(_sleep, 30, memory_bytes=100 * MB, seconds=0.5)
    assert time.monotonic() - started < 10


CHILD_REPORTS_PID = """
import os, sys, time
from tui.sandbox import run_limited
def nap(_):
    print(os.getpid(), flush=True)
    time.sleep(60)
run_limited(nap, None, memory_bytes=100 * 1024 * 1024, seconds=120)
"""


def test_child_dies_with_its_parent() -> None:
    parent = subprocess.Popen([sys.executable, "-c", CHILD_REPORTS_PID], stdout=subprocess.PIPE, text=True,
                              cwd=Path(__file__).resolve().parents[1])  # fmt: skip
    assert parent.stdout is not None
    child = int(parent.stdout.readline())
    parent.send_signal(signal.SIGKILL)
    parent.wait(10)
    for _ in range(100):
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)
    os.kill(child, signal.SIGKILL)
    pytest.fail("the child outlived its parent")
