"""Readers: one per input format, all behind :func:`read_file`, which sniffs the format from the
bytes (never from the file name) and returns a :class:`~tui.model.Filing` or raises
:class:`ReadError` with a one-line reason."""

from __future__ import annotations

import os
from pathlib import Path

from tui.model import Filing
from tui.readers.errors import ReadError
from tui.readers.submission import looks_like_submission, read_submission
from tui.readers.xml import read_ownership_xml

__all__ = ["MAX_FILE_BYTES", "ReadError", "read_bytes", "read_file"]

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


def read_bytes(data: bytes) -> Filing:
    """Read one filing from its bytes, sniffing the format."""
    if not data.strip():
        raise ReadError("empty file")
    head = data[:1024]
    if b"%PDF-" in head:
        from tui.readers.pdf import read_pdf  # pdfplumber is heavy: load it only for PDFs

        return read_pdf(data)
    if looks_like_submission(data[:65536]):
        return read_submission(data)
    start = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if start == b"<":
        return read_ownership_xml(data)
    if b"\x00" in head:
        raise ReadError("binary file, not a filing (expected a PDF, ownership XML or EDGAR submission)")
    raise ReadError("not a filing: no PDF, ownership XML or EDGAR submission found")
