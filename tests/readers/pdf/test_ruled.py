"""Rows from a table's ruled lines (tui/readers/pdf/ruled.py): synthetic bands, in points, the way
Chromium and wkhtmltopdf draw Table I's cell borders (a border is two thin filled rectangles, the
dark and light halves of an inset border)."""

from __future__ import annotations

from tests.readers.pdf.synthetic import SIZE, Page
from tui.readers.pdf.rows import Unit, units_of
from tui.readers.pdf.ruled import Rule, ruled_rows, rules_from_objects

X0, X1 = 10.0, 400.0


def _border(y: float, page: int = 0) -> list[Rule]:
    return [Rule(X0, X1, y, y + 0.5, page), Rule(X0, X1, y + 0.5, y + 1.0, page)]


def _columns(p: Page) -> dict[str, list[Unit]]:
    per: dict[str, list[Unit]] = {}
    for u in units_of(p.words, spaces=True):
        per.setdefault("title" if u.x0 < 190 else "owned" if u.x0 < 290 else "nature", []).append(u)
    return per


def _texts(rows) -> list[dict[str, str]]:
    return [{k: " ".join(w.text for u in b.units for w in u.words) for k, b in sorted(r.items())} for r in rows]


def test_a_row_is_the_band_between_two_rules_however_its_lines_are_spaced() -> None:
    """wkhtmltopdf moves the lines of a cell that a page break cuts unevenly (a gap of a row's
    height inside one cell): the rules still hold the cell together."""
    p = Page()
    p.phrase("Common Stock", 12, 104)
    p.phrase("100", 202, 104)
    p.phrase("Co-trustee of", 302, 130)
    p.phrase("trust fbo", 302, 140)
    p.phrase("nephew.", 302, 160)  # 1.5 em below the line before: still the same cell
    p.phrase("Common Stock", 12, 150)
    p.phrase("200", 202, 150)
    rules = [*_border(100), *_border(115), *_border(175)]
    rows = ruled_rows(_columns(p), rules, X0, X1)
    assert rows is not None
    assert _texts(rows) == [
        {"owned": "100", "title": "Common Stock"},
        {"nature": "Co-trustee of trust fbo nephew.", "owned": "200", "title": "Common Stock"},
    ]


def test_a_row_drawn_whole_on_both_pages_is_joined() -> None:
    """wkhtmltopdf draws a cut row whole on both pages and lets the page clip it: two bands of the
    same height, text only in the upper part of the first and the lower part of the second."""
    p = Page()
    p.phrase("Stock", 12, 500, page=0)
    p.phrase("Option", 12, 509, page=0)
    p.phrase("(Right to Buy)", 12, 660, page=1)
    p.phrase("95,898", 202, 660, page=1)
    p.phrase("Common Stock", 12, 700, page=1)
    p.phrase("1", 202, 700, page=1)
    rules = [*_border(496), *_border(548), *_border(630, 1), *_border(682, 1), *_border(712, 1)]
    rows = ruled_rows(_columns(p), rules, X0, X1)
    assert rows is not None
    assert _texts(rows) == [
        {"owned": "95,898", "title": "Stock Option (Right to Buy)"},
        {"owned": "1", "title": "Common Stock"},
    ]


def test_a_row_left_open_at_the_foot_of_a_page_continues_on_the_next() -> None:
    """An engine that slices a cut row's borders draws no rule below its part on the first page."""
    p = Page()
    p.phrase("Stock", 12, 500, page=0)
    p.phrase("Option", 12, 509, page=0)
    p.phrase("(Right to Buy)", 12, 640, page=1)
    p.phrase("95,898", 202, 640, page=1)
    rules = [*_border(496), *_border(652, 1)]
    rows = ruled_rows(_columns(p), rules, X0, X1)
    assert rows is not None and _texts(rows) == [{"owned": "95,898", "title": "Stock Option (Right to Buy)"}]


def test_rows_of_equal_height_on_two_pages_stay_apart() -> None:
    """Two rows of the same height either side of a page break, each with its text at its top:
    not one row."""
    p = Page()
    p.phrase("Common Stock", 12, 502, page=0)
    p.phrase("100", 202, 502, page=0)
    p.phrase("Common Stock", 12, 632, page=1)
    p.phrase("200", 202, 632, page=1)
    rules = [*_border(500), *_border(512), *_border(630, 1), *_border(642, 1)]
    rows = ruled_rows(_columns(p), rules, X0, X1)
    assert rows is not None and len(rows) == 2


def test_without_rules_around_every_row_the_text_decides() -> None:
    p = Page()
    p.phrase("Common Stock", 12, 104)
    p.phrase("Common Stock", 12, 130)
    assert ruled_rows(_columns(p), [], X0, X1) is None
    assert ruled_rows(_columns(p), _border(100), X0, X1) is None  # the second row is outside the rules
    # an underline (a thin shape across a few words) is not a row's border
    assert ruled_rows(_columns(p), [Rule(12, 60, 113, 113.5, 0), *_border(100)], X0, X1) is None
    # nor is a shape a line of text tall across the table (a span's white background)
    assert ruled_rows(_columns(p), [*_border(100), Rule(X0, X1, 128, 128 + SIZE, 0)], X0, X1) is None


def test_rules_are_the_thin_horizontal_shapes() -> None:
    shapes = [
        {"x0": 10, "x1": 300, "top": 100, "bottom": 100.6, "doctop": 892},  # a border segment
        {"x0": 10, "x1": 10.6, "top": 100, "bottom": 300, "doctop": 892},  # a vertical border
        {"x0": 10, "x1": 30, "top": 100, "bottom": 100 + SIZE, "doctop": 892},  # a check box, a glyph's box
    ]
    assert rules_from_objects(shapes, 1) == [Rule(10, 300, 892, 892.6, 1)]
    # (how thin a border is, is told by the table's own font size: a span's white background, a
    # line of text tall, is no row border; see test_without_rules_around_every_row_the_text_decides)
