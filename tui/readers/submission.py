"""EDGAR full-submission files (``.txt`` SGML, ``.nc`` dissemination format) -> Filing.

A submission wraps several documents (the ownership XML, powers of attorney that can be hundreds
of KB, …) behind a header that carries the accession number and the filing date. We find the one
document that holds an ``<ownershipDocument>`` and read it with the XML reader.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from tui.model import FiledDate, Filing
from tui.readers.errors import ReadError
from tui.readers.xml import read_ownership_xml

_HEADER_MARKERS = (b"<SEC-DOCUMENT>", b"<SEC-HEADER>", b"<SUBMISSION>", b"<IMS-DOCUMENT>", b"<DOCUMENT>")
_ACCESSION = (
    re.compile(rb"ACCESSION[ -]NUMBER:?\s*>?\s*(\d{10}-\d{2}-\d{6})"),
    re.compile(rb"<ACCESSION-NUMBER>\s*(\d{10}-\d{2}-\d{6})"),
    re.compile(rb"<SEC-DOCUMENT>\s*(\d{10}-\d{2}-\d{6})"),
)
_FILED = (
    re.compile(rb"FILED AS OF DATE:\s*(\d{8})"),
    re.compile(rb"<FILING-DATE>\s*(\d{8})"),
)
_OWNERSHIP_ROOT = re.compile(rb"<(?:\w+:)?ownershipDocument[\s>]")


def looks_like_submission(head: bytes) -> bool:
    """True when the first bytes of a file are an EDGAR submission header."""
    # three plain searches rule out most files (an ownership XML) faster than five marker searches
    if b"DOCUMENT" not in head and b"SUBMISSION" not in head and b"SEC-HEADER" not in head:
        return False
    return any(marker in head for marker in _HEADER_MARKERS)


def _header(data: bytes) -> bytes:
    end = data.find(b"<DOCUMENT>")
    return data[:end] if end != -1 else data[:65536]


def _first(patterns: tuple[re.Pattern[bytes], ...], header: bytes) -> str | None:
    for pattern in patterns:
        match = pattern.search(header)
        if match:
            return match.group(1).decode("ascii")
    return None


def _xml_blocks(data: bytes) -> Iterator[bytes]:
    """The contents of every <XML>…</XML> block, in order (tags as EDGAR writes them, any case)."""
    upper = data if b"<XML>" in data else data.upper()
    start = upper.find(b"<XML>")
    while start != -1:
        end = upper.find(b"</XML>", start)
        if end == -1:
            return
        yield data[start + 5 : end].strip()
        start = upper.find(b"<XML>", end)


def read_submission(data: bytes) -> Filing:
    xml = next((block for block in _xml_blocks(data) if _OWNERSHIP_ROOT.search(block[:4096])), None)
    if xml is None:
        raise ReadError("EDGAR submission holds no ownership document (no Form 3, 4 or 5 XML inside)")
    header = _header(data)
    filed = _first(_FILED, header)
    return read_ownership_xml(
        xml,
        accession_number=_first(_ACCESSION, header),
        filed_date=FiledDate(f"{filed[:4]}-{filed[4:6]}-{filed[6:]}") if filed else None,
    )
