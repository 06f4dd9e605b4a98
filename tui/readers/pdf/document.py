"""Opening a PDF: the cheap checks (truncated, encrypted, no text layer, too many pages, characters
or inflated bytes: `limits`), every
page's characters read once into words, and the engines' drawing artefacts removed (lines a page
break cuts drawn twice, clipped descenders)."""

from __future__ import annotations

import io
import logging
import re

from tui.readers.errors import ReadError
from tui.readers.pdf.limits import check_inflated_size, check_pages
from tui.readers.pdf.mono import colour_by_font, fonts_tell_values, has_colour
from tui.readers.pdf.ruled import Rule, rules_from_objects
from tui.readers.pdf.tolerances import (
    CLIPPED_MIN_GLYPHS,
    CUT_LINE_BOTTOM_EM,
    CUT_LINE_SAME_X_EM,
    CUT_LINE_SHIFT_EM,
    CUT_LINE_TOP_EM,
    FURNITURE_LINE_EM,
    FURNITURE_MAX_LINES,
    FURNITURE_SLACK_EM,
    SAME_LINE_TOP_EM,
)
from tui.readers.pdf.words import BLACK, BLUE, Word, any_blue, words_from_chars

#: a complete PDF ends with "%%EOF" (an incremental update appends another); some writers leave
#: a little after it (white space, a stray byte), never this much
EOF_WITHIN_BYTES = 1024


def is_truncated(data: bytes) -> bool:
    """Whether the file stops before its end-of-file marker: cut off by a download or a copy.
    pdfium and pdfminer both rebuild a cut file's cross-reference table and read what is left,
    which turns a missing last page into a wrong reason (or a filing with rows missing)."""
    return b"%%EOF" not in data[-EOF_WITHIN_BYTES:]


def precheck(data: bytes) -> None:
    """Cheap rejection of what is not a whole text PDF (pdfium is much faster than pdfminer)."""
    import pypdfium2 as pdfium

    if is_truncated(data):
        raise ReadError("damaged or truncated PDF: the file ends before its end-of-file marker (%%EOF)")
    check_inflated_size(data)  # a flate bomb is stopped before pdfium inflates it (see limits.py)

    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        msg = str(exc).lower()
        if "password" in msg:
            raise ReadError("encrypted PDF (password protected); cannot read it") from None
        if "format" in msg or "file" in msg or "header" in msg:
            raise ReadError("damaged or truncated PDF: pdfium cannot open it") from None
        raise ReadError(f"unreadable PDF: {exc}") from None
    try:
        check_pages(doc)  # pages, characters per page and in all, a text layer at all
    finally:
        doc.close()


#: one page as pdfplumber gives it: (its characters, its height, its annotations, its thin
#: horizontal shapes: rectangles, curves and lines far wider than tall -- the tables' rules)
Page = tuple[list[dict], float, list[dict], list[dict]]


def load_words(data: bytes) -> tuple[list[Word], list[dict], list[Rule]]:
    """The document's words (``words_of``), link annotations and horizontal rules."""
    pages, webkit = read_pages(data)
    try:
        return words_of(pages, webkit)
    except Exception as exc:  # characters a damaged file describes oddly (no size, no position)
        raise ReadError(f"damaged PDF: {type(exc).__name__}: {exc}") from None


def read_pages(data: bytes) -> tuple[list[Page], bool]:
    """Every page's characters, read once (the costly part: pdfminer), and whether the PDF was
    made by wkhtmltopdf (Qt WebKit: see ``drop_cut_line_copies``)."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    for name in ("pdfminer", "pdfplumber"):
        logging.getLogger(name).setLevel(logging.ERROR)
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            meta = pdf.metadata or {}
            creator, producer = str(meta.get("Creator", "")), str(meta.get("Producer", ""))
            webkit = "wkhtmltopdf" in creator.lower() or producer.startswith("Qt ")
            return [(page.chars, float(page.height), page.annots, _flat(page)) for page in pdf.pages], webkit
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise ReadError("encrypted PDF (password protected); cannot read it") from None
    except PDFSyntaxError as exc:
        raise ReadError(f"damaged PDF: {exc}") from None
    except ReadError:
        raise
    except Exception as exc:  # pdfminer raises a zoo of exception types on damaged files
        raise ReadError(f"damaged PDF: {type(exc).__name__}: {exc}") from None


def _flat(page) -> list[dict]:
    """The page's shapes that may be rules (far wider than tall: see ``ruled.rules_from_objects``)."""
    return [o for o in (*page.rects, *page.curves, *page.lines) if o["bottom"] - o["top"] < o["x1"] - o["x0"]]


def words_of(pages: list[Page], webkit: bool) -> tuple[list[Word], list[dict], list[Rule]]:
    """Characters -> words (in document coordinates), re-classed by typeface when the printout has
    no colour, without the engines' drawing artefacts; the pages' annotations; their rules."""
    words: list[Word] = []
    annots: list[dict] = []
    rules: list[Rule] = []
    colour = any(any_blue(chars) for chars, _, _, _ in pages)
    for i, (chars, height, page_annots, shapes) in enumerate(pages):
        words.extend(words_from_chars(chars, i, len(words), height, by_font=not colour))
        annots.extend(page_annots)
        rules.extend(rules_from_objects(shapes, i))
    tops = [0.0]
    for _, height, _, _ in pages:
        tops.append(tops[-1] + height)
    words = drop_page_furniture(words, tops)
    if not has_colour(words) and fonts_tell_values(words):  # printed without colour
        colour_by_font(words)
    if webkit:
        words = drop_cut_line_copies(words)
    return drop_clipped_fragments(words), annots, rules


_PAGE_NUMBER = re.compile(r"^(?:\d+(?:/\d+)?|page|of)$", re.IGNORECASE)


def drop_page_furniture(words: list[Word], page_tops: list[float]) -> list[Word]:
    """The browser's header and footer (date, title, address, page number): the first or the last
    line of every page, the same words at the same place on each (page numbers apart). The form's
    own lines never repeat on every page (page 1 starts with the form's title). Needs 2 pages; on
    one page the header lies above the form's title and the footer below its signature."""
    pages = sorted({w.page for w in words})
    if len(pages) < 2 or pages != list(range(len(pages))):
        return words
    by_page: dict[int, list[Word]] = {}
    for w in words:
        by_page.setdefault(w.page, []).append(w)

    def edge_line(ws: list[Word], first: bool) -> list[Word]:
        edge = min(ws, key=lambda w: w.top) if first else max(ws, key=lambda w: w.bottom)
        near = FURNITURE_LINE_EM * edge.size  # the words of its line: their middles this close to its
        return [w for w in ws if abs(w.cy - edge.cy) < near]

    def signature(line: list[Word], page: int) -> list[tuple[str, float, float]]:
        top = page_tops[page]
        return sorted((w.text, w.x0, w.top - top) for w in line if not _PAGE_NUMBER.match(w.text))

    def same(a: list[tuple[str, float, float]], b: list[tuple[str, float, float]], size: float) -> bool:
        slack = FURNITURE_SLACK_EM * size
        return len(a) == len(b) and all(
            x[0] == y[0] and abs(x[1] - y[1]) < slack and abs(x[2] - y[2]) < slack for x, y in zip(a, b, strict=True)
        )

    drop: set[int] = set()
    for first in (True, False):
        for _ in range(FURNITURE_MAX_LINES):  # a long address wraps onto a second line
            rest = [[w for w in by_page[p] if id(w) not in drop] for p in pages]
            if not all(rest):
                break
            lines = [edge_line(ws, first) for ws in rest]
            sigs = [signature(line, p) for line, p in zip(lines, pages, strict=True)]
            size = min(w.size for w in lines[0])
            numbers_only = not any(sigs)  # a line of page numbers alone ("3/9"): they differ by page
            if not (numbers_only or (sigs[0] and all(same(sigs[0], sig, size) for sig in sigs[1:]))):
                break
            drop.update(id(w) for line in lines for w in line)
    return [w for w in words if id(w) not in drop] if drop else words


def drop_cut_line_copies(words: list[Word]) -> list[Word]:
    """wkhtmltopdf (Qt WebKit) draws the line that a page break cuts on both pages: below the
    content area of the first (hidden by clipping) and again at the top of the next page, moved
    up by exactly the page's content height. The copies are found as words repeated with the same
    text and x at the bottom of one page and the top of the next (the whole line), all moved by
    one distance;
    every word on the first page from that line down that the next page repeats (same text and x,
    moved by that distance) is dropped. Only for wkhtmltopdf: elsewhere
    a table's last row on a page may legitimately repeat the words of the first row on the next."""
    by_page: dict[int, list[Word]] = {}
    for w in words:
        if w.colour != BLACK:
            by_page.setdefault(w.page, []).append(w)
    drop: set[int] = set()
    for page, ws in by_page.items():
        after = by_page.get(page + 1)
        if not after:
            continue
        top = min(w.top for w in after)
        first = [w for w in after if w.top < top + CUT_LINE_TOP_EM * w.size and w.colour == BLUE]
        bottom = max(v.bottom for v in ws)
        shifts: list[float] = []
        for w in first:  # every value word of the next page's first line must be a copy
            match = [
                w.top - v.top
                for v in ws
                if v.bottom > bottom - CUT_LINE_BOTTOM_EM * v.size
                and w.text == v.text
                and abs(w.x0 - v.x0) < CUT_LINE_SAME_X_EM * w.size
            ]
            if not match:
                shifts = []
                break
            shifts.append(min(match))
        slack = CUT_LINE_SHIFT_EM * min(w.size for w in first) if first else 0.0
        if not shifts or max(shifts) - min(shifts) > slack:
            continue
        shift = max(shifts)
        cut = top - shift
        copies: dict[str, list[Word]] = {}
        for w in after:
            copies.setdefault(w.text, []).append(w)
        # (a word the next page does not repeat stays: a raised footnote mark above the cut)
        drop.update(id(v) for v in ws if v.top >= cut - slack and _copied(v, copies, shift, slack))
    return [w for w in words if id(w) not in drop] if drop else words


def _copied(v: Word, copies: dict[str, list[Word]], shift: float, slack: float) -> bool:
    """Whether the next page repeats ``v``: the same text at the same x, moved by ``shift``."""
    return any(
        abs(w.x0 - v.x0) < CUT_LINE_SAME_X_EM * w.size and abs(w.top - v.top - shift) <= slack
        for w in copies.get(v.text, ())
    )


_DESCENDERS = frozenset("gjpqy(),;[]{}|Q")


def drop_clipped_fragments(words: list[Word]) -> list[Word]:
    """Chromium paints the descenders of a line pushed to the next page at the top of that page as
    separate glyphs (``q p ( ) q p``): a "line" of three or more lone descender characters."""
    lines: dict[tuple[int, float], list[Word]] = {}
    for w in words:
        if len(w.text) == 1 and w.text in _DESCENDERS:
            lines.setdefault((w.page, round(w.top / (SAME_LINE_TOP_EM * w.size))), []).append(w)
    suspects = {k: ws for k, ws in lines.items() if len(ws) >= CLIPPED_MIN_GLYPHS}
    if not suspects:
        return words
    drop: set[int] = set()
    for (page, _), ws in suspects.items():
        top = ws[0].top
        others = [w for w in words if w.page == page and abs(w.top - top) < SAME_LINE_TOP_EM * w.size and w not in ws]
        if not others:
            drop.update(id(w) for w in ws)
    return [w for w in words if id(w) not in drop] if drop else words
