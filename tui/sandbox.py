"""Run one risky call (parsing a PDF) in a child process that can cost at most what is stated: a
memory budget (``RLIMIT_AS``: the child's address space may grow by at most that much beyond what it
inherits), a wall-clock budget (the child is killed when it runs over) and a CPU-time limit as a
second guard. The child dies with its parent (``PR_SET_PDEATHSIG`` on Linux), so killing `form4`
never leaves a parser running.

The child is forked (no interpreter start, the modules the parent loaded are there at once); its
result or exception comes back pickled through a pipe.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import select
import signal
import sys
import time
from collections.abc import Callable
from typing import Any, TypeVar, cast

T = TypeVar("T")
_PR_SET_PDEATHSIG = 1


class OverBudget(Exception):
    """The call ran out of its memory or time budget, or its process died; ``reason`` says which."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def die_with_parent() -> None:
    """Ask the kernel to kill this process when its parent dies (Linux; elsewhere nothing)."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


#: signals a terminal app in the parent may handle (the explorer's Textual driver: resize, suspend, resume)
_APP_SIGNALS = ("SIGWINCH", "SIGTSTP", "SIGCONT", "SIGTTIN", "SIGTTOU")


def reset_inherited_signals() -> None:
    """In a forked child (a parser, an import worker): the default action for the signals the parent's
    terminal app handles. Its handlers were inherited with the fork, and a terminal resize while a child
    parses (SIGWINCH goes to the whole foreground process group) would run the app's handler in the child,
    on a copy of the app's event loop whose wake-up pipe is the parent's."""
    for name in _APP_SIGNALS:
        number = getattr(signal, name, None)
        if number is not None:
            with contextlib.suppress(OSError, ValueError):
                signal.signal(number, signal.SIG_DFL)


def _address_space() -> int:
    """This process's current virtual size in bytes (0 where /proc is absent)."""
    try:
        with open("/proc/self/statm", "rb") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _limit(memory_bytes: int, seconds: float) -> None:
    try:
        import resource
    except ImportError:  # not on POSIX: no limits, the wall-clock budget still holds
        return
    with contextlib.suppress(ValueError, OSError):
        current = _address_space()
        if current:
            _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
            wanted = current + memory_bytes
            resource.setrlimit(resource.RLIMIT_AS, (wanted if hard < 0 else min(wanted, hard), hard))
    with contextlib.suppress(ValueError, OSError):
        used = resource.getrusage(resource.RUSAGE_SELF)
        cpu = int(used.ru_utime + used.ru_stime + seconds) + 2
        _soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
        resource.setrlimit(resource.RLIMIT_CPU, (cpu if hard < 0 else min(cpu, hard), hard))


def _child(write_fd: int, parent: int, fn: Callable[[Any], Any], arg: Any, memory: int, seconds: float) -> None:
    die_with_parent()
    reset_inherited_signals()
    if os.getppid() != parent:  # the parent died before the kernel was asked
        os._exit(1)
    _limit(memory, seconds)
    try:
        outcome: tuple[str, Any] = ("ok", fn(arg))
    except MemoryError:
        outcome = ("memory", None)
    except BaseException as exc:
        outcome = ("error", exc)
    try:
        payload = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
    except MemoryError:
        payload = pickle.dumps(("memory", None))
    except Exception as exc:  # an exception that does not pickle: keep its text
        payload = pickle.dumps(("error", RuntimeError(f"{type(exc).__name__}: {exc}")))
    view = memoryview(payload)
    while view:
        written = os.write(write_fd, view)
        view = view[written:]


def run_limited(fn: Callable[[Any], T], arg: Any, *, memory_bytes: int, seconds: float) -> T:
    """``fn(arg)`` in a child process within the budgets; its exception is raised here as it was
    raised there, OverBudget when a budget ran out or the child died."""
    if not hasattr(os, "fork"):  # no fork (Windows): run here, unlimited
        return fn(arg)
    read_fd, write_fd = os.pipe()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:  # the child
        code = 0
        try:
            os.close(read_fd)
            _child(write_fd, parent, fn, arg, memory_bytes, seconds)
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    os.close(write_fd)
    chunks: list[bytes] = []
    deadline = time.monotonic() + seconds
    timed_out = False
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                timed_out = True
                break
            ready, _, _ = select.select([read_fd], [], [], min(left, 1.0))
            if not ready:
                continue
            chunk = os.read(read_fd, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(read_fd)
        if timed_out:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        _pid, status = os.waitpid(pid, 0)
    megabytes = memory_bytes // (1024 * 1024)
    if timed_out:
        raise OverBudget(f"took longer than {seconds:g} s; stopped")
    if not chunks:
        if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGXCPU:
            raise OverBudget(f"took longer than {seconds:g} s of processor time; stopped")
        if os.WIFSIGNALED(status):
            name = signal.Signals(os.WTERMSIG(status)).name
            raise OverBudget(f"the reader died ({name}; memory limit {megabytes} MB)")
        raise OverBudget(f"the reader stopped without a result (memory limit {megabytes} MB)")
    kind, value = pickle.loads(b"".join(chunks))
    if kind == "ok":
        return cast(T, value)
    if kind == "memory":
        raise OverBudget(f"needs more than {megabytes} MB of memory; stopped")
    raise value
