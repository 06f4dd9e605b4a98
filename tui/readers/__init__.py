"""Readers: one per input format, all behind :func:`read_file`, which sniffs the format from the
bytes (never from the file name) and returns a :class:`~tui.model.Filing` or raises
:class:`ReadError` with a one-line reason. The formats and what is known about each (rank, file
endings, help) are registered in :mod:`tui.readers.registry`."""

from __future__ import annotations

import os
from pathlib import Path

from tui.model import Filing
from tui.readers.errors import ReadError
from tui.readers.registry import (
    FORMATS,
    Format,
    help_lines,
    import_suffixes,
    rank_of,
    read_bytes,
    read_with_format,
    sniff,
)

__all__ = [
    "FORMATS",
    "MAX_FILE_BYTES",
    "Format",
    "ReadError",
    "help_lines",
    "import_suffixes",
    "rank_of",
    "read_bytes",
    "read_file",
    "read_with_format",
    "sniff",
]

#: larger files are refused without being read (a 300-page PDF is far below this)
MAX_FILE_BYTES = 256 * 1024 * 1024


def read_file(path: str | os.PathLike[str]) -> Filing:
    """Read one filing from ``path``; ReadError for anything that is not a readable filing."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise ReadError("is a folder, not a file")
        if size > MAX_FILE_BYTES:
            raise ReadError(f"file too large ({size // (1024 * 1024)} MB)")
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"cannot read file: {exc.strerror or exc}") from None
    return read_bytes(data)
