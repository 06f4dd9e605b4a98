"""Crash-safe file primitives for the TinyDB store.

`AtomicJSONStorage` is a TinyDB storage that never leaves a half-written file: it writes a
temporary file beside the target, flushes and fsyncs it, renames it over the target with
`os.replace` (atomic on POSIX) and fsyncs the folder. A process killed at any moment leaves either
the old file or the new one. `store_lock` serialises writers across processes with `flock`.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


#: a temporary file this old is left over from a write that was killed (a write takes milliseconds)
STALE_TEMP_SECONDS = 60.0


def remove_stale_temps(folder: Path, older_than: float = STALE_TEMP_SECONDS) -> int:
    """Remove the temporary files of interrupted writes (``.NAME.*.tmp``) in ``folder``; how many."""
    removed = 0
    limit = time.time() - older_than
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.startswith(".") and entry.name.endswith(".tmp"):
                with contextlib.suppress(OSError):
                    if entry.stat(follow_symlinks=False).st_mtime < limit:
                        os.unlink(entry.path)
                        removed += 1
    return removed


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that a crash leaves the old or the new content, never a mix.
    The temporary files that killed writes left beside it are removed first."""
    remove_stale_temps(path.parent)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)


def looks_whole(path: Path) -> bool:
    """A cheap check that a JSON file written by `AtomicJSONStorage` is all there: it starts with
    ``{"`` and ends with ``}}`` (a truncated or overwritten file does not), without parsing it."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(2)
            fh.seek(0, os.SEEK_END)
            if fh.tell() < 4:
                return False
            fh.seek(-2, os.SEEK_END)
            return head == b'{"' and fh.read(2) == b"}}"
    except OSError:
        return False


class AtomicJSONStorage(Storage):
    """A TinyDB storage: one JSON file (orjson), replaced atomically on every write."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)

    def read(self) -> dict[str, dict[str, Any]] | None:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None
        if not raw.strip():
            return None
        return orjson.loads(raw)

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        write_atomic(self.path, orjson.dumps(data))

    def close(self) -> None:
        pass


#: the locks this thread holds: path -> exclusive?
_held = threading.local()


@contextlib.contextmanager
def store_lock(path: Path, *, shared: bool = False) -> Iterator[None]:
    """Hold an advisory lock on ``path`` (created if missing) for the duration of the block.

    Re-entrant in one thread: a block that already holds the lock (exclusive, or shared when shared is
    asked) goes on under it. A second ``flock`` on a new descriptor of the same file would wait for the
    thread's own lock for ever (e.g. a write that finds the lookup files behind and rewrites them)."""
    held: dict[str, bool] = _held.__dict__.setdefault("locks", {})
    key = str(path)
    if key in held and (held[key] or shared):
        yield
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_SH if shared else fcntl.LOCK_EX)
        held[key] = not shared
        yield
    finally:
        held.pop(key, None)
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def append_line(path: Path, line: bytes) -> None:
    """Append one line to ``path`` and fsync it: a crash leaves at most a torn last line, which a
    reader skips (see `read_lines`); what was appended before is never rewritten."""
    fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        size = os.fstat(fd).st_size
        torn = size > 0 and os.pread(fd, 1, size - 1) != b"\n"  # a killed writer's last line: end it
        os.write(fd, (b"\n" if torn else b"") + line.rstrip(b"\n") + b"\n")
        os.fsync(fd)
    finally:
        os.close(fd)


def read_lines(path: Path) -> list[Any]:
    """The JSON values of the whole lines of a file written by `append_line` (a torn last line is skipped)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return []
    out = []
    for line in raw.split(b"\n"):
        if line.strip():
            try:
                out.append(orjson.loads(line))
            except orjson.JSONDecodeError:
                continue  # the line a killed writer left half-written
    return out
