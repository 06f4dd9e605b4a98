"""Readers: one per input format, all behind :func:`read_file`, which sniffs the format from the
bytes (never from the file name) and returns a :class:`~tui.model.Filing` or raises
:class:`ReadError` with a one-line reason."""

from __future__ import annotations

import os
from typing import Literal

from tui.model import Filing
from tui.readers.errors import ReadError
from tui.readers.submission import looks_like_submission, read_submission
from tui.readers.xml import read_ownership_xml
from tui.safe_open import MAX_FILE_BYTES, FileRefused, read_regular

__all__ = ["MAX_FILE_BYTES", "ReadError", "read_bytes", "read_file", "sniff"]

Format = Literal["pdf", "submission", "xml", "unknown"]


def read_file(path: str | os.PathLike[str]) -> Filing:
    """Read one filing from ``path``; ReadError for anything that is not a readable filing."""
    try:
        data = read_regular(path, MAX_FILE_BYTES)
    except FileRefused as exc:
        raise ReadError(exc.reason) from None
    return read_bytes(data)


def sniff(data: bytes) -> Format:
    """The format of a file from its first bytes (never from its name)."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if looks_like_submission(data[:65536]):
        return "submission"
    if data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"<" or data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "xml"  # UTF-8 / ASCII, or UTF-16 with its byte-order mark
    return "unknown"


def read_bytes(data: bytes) -> Filing:
    """Read one filing from its bytes, sniffing the format."""
    if not data.strip():
        raise ReadError("empty file")
    kind = sniff(data)
    if kind == "pdf":
        from tui.readers.pdf import read_pdf  # pdfplumber is heavy: load it only for PDFs

        return read_pdf(data)
    if kind == "submission":
        return read_submission(data)
    if kind == "xml":
        return read_ownership_xml(data)
    if b"\x00" in data[:1024]:
        raise ReadError("binary file, not a filing (expected a PDF, ownership XML or EDGAR submission)")
    raise ReadError("not a filing: no PDF, ownership XML or EDGAR submission found")
