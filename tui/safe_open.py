"""Open a file to read as untrusted input: never hang, never read without bound.

The file is opened with ``O_NONBLOCK`` (a FIFO opens at once instead of waiting for a writer) and
its type is checked on the opened descriptor with ``fstat`` (a file swapped for a FIFO or a link to
``/dev/zero`` after a folder was walked is still caught); only a regular file is read, and at most
``limit`` bytes of it: a larger one is refused, whatever ``stat`` said before.
"""

from __future__ import annotations

import errno
import os
import stat

#: larger files are refused without being read (a 300-page PDF is far below this)
MAX_FILE_BYTES = 256 * 1024 * 1024
_CHUNK = 1024 * 1024


class FileRefused(Exception):
    """A file that is not read, with a one-line reason."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def kind_of(mode: int) -> str | None:
    """None for a regular file, else what the file is ("a FIFO (named pipe)", ...)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    return "not a regular file"


def refusal(mode: int) -> str | None:
    """The one-line reason a file of this mode is not read, or None for a regular file."""
    kind = kind_of(mode)
    return None if kind is None else f"not a regular file: {kind}, not read"


def _too_large(size: int) -> str:
    return f"file too large ({size // (1024 * 1024)} MB; the limit is {MAX_FILE_BYTES // (1024 * 1024)} MB)"


def read_regular(path: str | os.PathLike[str], limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of the regular file at ``path``; FileRefused for anything else or anything larger
    than ``limit`` (a file that grows while it is read is refused too)."""
    return read_regular_stat(path, limit)[0]


def read_regular_stat(path: str | os.PathLike[str], limit: int = MAX_FILE_BYTES) -> tuple[bytes, os.stat_result]:
    """`read_regular`, with the ``fstat`` of the descriptor the bytes were read from."""
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ENXIO:  # a socket, or a FIFO opened for writing elsewhere
            raise FileRefused("not a regular file: a socket or device, not read") from None
        if exc.errno == errno.ELOOP:
            raise FileRefused("symbolic link loop") from None
        if exc.errno == errno.ENOENT and os.path.islink(path):
            raise FileRefused("broken symbolic link") from None
        raise FileRefused(f"cannot read file: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        reason = refusal(info.st_mode)
        if reason:
            raise FileRefused(reason)
        if info.st_size > limit:
            raise FileRefused(_too_large(info.st_size))
        chunks: list[bytes] = []
        total = 0
        want = min(info.st_size, limit) + 1  # usually the whole file in one read: no copy on join
        while True:
            chunk = os.read(fd, min(max(want, _CHUNK), limit + 1 - total))
            want = 0
            if not chunk:
                break
            total += len(chunk)
            if total > limit:
                raise FileRefused(_too_large(total))
            chunks.append(chunk)
        return b"".join(chunks), info
    except OSError as exc:
        raise FileRefused(f"cannot read file: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
