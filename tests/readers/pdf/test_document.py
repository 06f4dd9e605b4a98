"""Opening a PDF and the engines' artefacts (tui/readers/pdf/document.py)."""

from __future__ import annotations

import pytest

from tests.hostile import minimal_pdf
from tests.readers.pdf.synthetic import Page
from tui.readers.errors import ReadError
from tui.readers.pdf.document import drop_clipped_fragments, drop_cut_line_copies, is_truncated, precheck
from tui.readers.pdf.words import BLACK


@pytest.mark.parametrize("keep", [0.99, 0.9, 0.5])
def test_a_pdf_cut_short_is_truncated(keep: float) -> None:
    data = minimal_pdf(["x" * 200])
    assert not is_truncated(data)
    cut = data[: int(len(data) * keep)]
    assert is_truncated(cut)
    with pytest.raises(ReadError, match="damaged or truncated PDF"):
        precheck(cut)


def test_a_little_after_the_end_marker_is_not_truncation() -> None:
    assert not is_truncated(minimal_pdf(["x"]) + b"\r\n\x00 ")


def test_wkhtmltopdf_cut_line_copy_is_dropped_from_the_first_page() -> None:
    p = Page()
    kept = p.put("Common", 50, 700, page=0)
    p.put("1,000", 50, 770, page=0)  # the cut line, clipped below the content area of page 0
    p.put("D", 200, 770, page=0)
    p.put("1,000", 50, 812, page=1)  # ... drawn again at the top of page 1, moved up by 42 pt
    p.put("D", 200, 812, page=1)
    p.put("Title", 50, 830, BLACK, page=1)
    out = drop_cut_line_copies(p.words)
    assert [(w.text, w.page) for w in out] == [("Common", 0), ("1,000", 1), ("D", 1), ("Title", 1)]
    assert kept in out


def test_a_word_of_the_cut_line_that_the_next_page_does_not_repeat_is_kept() -> None:
    """wkhtmltopdf draws a row's raised footnote marks on the first page only (they fit above the
    cut): they have no copy on the next page and are the only place the row's marks are printed."""
    p = Page()
    p.put("1,000", 50, 770, page=0)
    mark = p.mark(2, 90, 770)  # raised: its top is the cut line's top
    p.put("1,000", 50, 812, page=1)
    out = drop_cut_line_copies(p.words)
    assert [(w.text, w.page) for w in out] == [("(2)", 0), ("1,000", 1)]
    assert mark in out


def test_lines_that_merely_repeat_at_different_x_are_kept() -> None:
    p = Page()
    p.put("1,000", 50, 770, page=0)
    p.put("1,000", 80, 812, page=1)
    assert len(drop_cut_line_copies(p.words)) == 2


def test_a_line_of_lone_descenders_is_a_clipped_fragment() -> None:
    p = Page()
    for i, ch in enumerate("qp(q"):
        p.put(ch, 50 + 30 * i, 800, page=1)
    p.put("Stock", 50, 812, page=1)
    assert [w.text for w in drop_clipped_fragments(p.words)] == ["Stock"]
    p.put("y", 200, 800, page=1)
    p.put("Company", 220, 800, page=1)  # real text on that line: nothing is dropped
    assert len(drop_clipped_fragments(p.words)) == 7
