"""What a PDF may cost before it is read: checked on the raw bytes and with pdfium (fast, in C)
before pdfplumber/pdfminer (slow, in Python, and unbounded on a hostile file) sees it.

A printout of one Form 3/4/5 has a few pages (the corpus's largest: 8), a few thousand characters
per page and well under a megabyte of page content once decompressed; the limits below are far
above that and far below what makes the reader slow or large: a flate bomb (1 MB that inflates to
gigabytes), a page drawing a million glyphs, two hundred pages of small text.
"""

from __future__ import annotations

import re
import zlib

from tui.readers.errors import ReadError

#: more pages than this is not a printout of one form
MAX_PAGES = 40
#: characters on one page (a dense printout page holds about 6,000)
MAX_CHARS_PER_PAGE = 40_000
#: characters in the whole document
MAX_CHARS = 200_000
#: bytes of all Flate streams together once inflated
MAX_INFLATED_BYTES = 64 * 1024 * 1024

_STREAM = re.compile(rb"/FlateDecode[^>]*>>\s*stream\r?\n")
_STEP = 1 << 20


def check_inflated_size(data: bytes, limit: int = MAX_INFLATED_BYTES) -> None:
    """ReadError when the Flate streams of ``data`` inflate to more than ``limit`` bytes together.
    Inflates with a bounded output buffer, so a bomb is stopped after ``limit`` bytes, never held;
    a stream that does not inflate (encrypted, damaged) counts what it gave."""
    total = 0
    for match in _STREAM.finditer(data):
        inflater = zlib.decompressobj()
        start = match.end()
        end = data.find(b"endstream", start)
        chunk = data[start : end if end >= 0 else len(data)]
        try:
            while chunk:
                out = inflater.decompress(chunk, _STEP)
                total += len(out)
                if total > limit:
                    raise ReadError(f"PDF content inflates to more than {limit // (1024 * 1024)} MB; not read")
                chunk = inflater.unconsumed_tail
                if inflater.eof:
                    break
        except zlib.error:
            continue


def check_pages(doc: object) -> None:
    """ReadError for too many pages or characters (``doc`` is an open pypdfium2 PdfDocument);
    also the first check that there is a text layer at all."""
    pages = len(doc)  # type: ignore[arg-type]
    if pages == 0:
        raise ReadError("PDF has no pages")
    if pages > MAX_PAGES:
        raise ReadError(f"PDF has {pages} pages; a Form 3/4/5 printout has a few (at most {MAX_PAGES} are read)")
    total = 0
    for number in range(pages):
        page = doc[number]  # type: ignore[index]
        textpage = page.get_textpage()
        try:
            chars = textpage.count_chars()
        finally:
            textpage.close()
            page.close()
        if chars > MAX_CHARS_PER_PAGE:
            raise ReadError(
                f"PDF page {number + 1} has {chars:,} characters; a form's page has a few thousand "
                f"(at most {MAX_CHARS_PER_PAGE:,} are read)"
            )
        total += chars
        if total > MAX_CHARS:
            raise ReadError(f"PDF has more than {MAX_CHARS:,} characters; a form has a few thousand")
    if total == 0:
        raise ReadError("PDF has no text layer (a scanned or image-only PDF); cannot read it")
