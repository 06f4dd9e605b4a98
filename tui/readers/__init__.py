"""Readers: one per input format, all behind :func:`read_file`, which sniffs the format from the
bytes (never from the file name) and returns a :class:`~tui.model.Filing` or raises
:class:`ReadError` with a one-line reason. The formats and what is known about each (rank, file
endings, help) are registered in :mod:`tui.readers.registry`."""

from __future__ import annotations

import os

from tui.model import Filing
from tui.readers.errors import ReadError
from tui.readers.registry import (
    FORMATS,
    Format,
    formats_summary,
    help_lines,
    import_suffixes,
    rank_of,
    read_as,
    read_bytes,
    read_with_format,
    sniff,
)
from tui.safe_open import MAX_FILE_BYTES, FileRefused, read_regular

__all__ = [
    "FORMATS",
    "MAX_FILE_BYTES",
    "Format",
    "ReadError",
    "formats_summary",
    "help_lines",
    "import_suffixes",
    "rank_of",
    "read_as",
    "read_bytes",
    "read_file",
    "read_with_format",
    "sniff",
]


def read_file(path: str | os.PathLike[str]) -> Filing:
    """Read one filing from ``path``; ReadError for anything that is not a readable filing."""
    try:
        data = read_regular(path, MAX_FILE_BYTES)
    except FileRefused as exc:
        raise ReadError(exc.reason) from None
    return read_bytes(data)
