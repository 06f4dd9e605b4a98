"""Lines, runs and cell text (tui/readers/pdf/layout.py)."""

from __future__ import annotations

from tests.readers.pdf.synthetic import SIZE, Page
from tui.readers.pdf.layout import in_box, inside, join_lines, join_words, make_lines, runs, text_of
from tui.readers.pdf.words import BLACK


def test_lines_cluster_by_vertical_overlap_and_keep_a_raised_mark() -> None:
    p = Page()
    p.put("1,000", 10, 100)
    p.mark(1, 32, 100)  # 2 pt higher, 6 pt tall: overlaps the line by 4 pt of 6
    p.put("2,000", 10, 112)
    lines = make_lines(p.words)
    assert [[w.text for w in ln.words] for ln in lines] == [["1,000", "(1)"], ["2,000"]]


def test_join_words_puts_a_space_only_where_there_is_a_gap() -> None:
    p = Page()
    a = p.put("Common", 10, 100)
    b = p.put("Stock", a.x1 + 0.25 * SIZE, 100)
    c = p.put(".", b.x1 + 0.05 * SIZE, 100)
    assert join_words([c, a, b]) == "Common Stock."


def test_wrapped_lines_are_joined_with_a_space_except_inside_a_word() -> None:
    assert join_lines(["Common", "Stock"]) == "Common Stock"
    assert join_lines(["24-", "month"]) == "24-month"
    assert join_lines(["SVP/", "CONTROLLER"]) == "SVP/CONTROLLER"
    assert join_lines(["/s/", "Jane Roe"]) == "/s/ Jane Roe"
    assert join_lines(["child?", "s"]) == "child?s"
    assert join_lines(["par value $.", "01"]) == "par value $.01"
    assert join_lines(["", "  "]) is None


def test_runs_keep_a_value_with_its_marks_but_split_at_a_cell_border() -> None:
    p = Page()
    value = p.put("10.50", 10, 100, space_after=False)
    p.mark(2, value.x1 + 0.05 * SIZE, 100)
    # the next cell's text, 0.5 em to the right, with no space written between
    p.put("D", value.x1 + 4 * SIZE, 100)
    assert [[w.text for w in r] for r in runs(p.words, spaces=True)] == [["10.50", "(2)"], ["D"]]


def test_runs_in_a_pdf_without_space_characters_use_the_wider_gap() -> None:
    p = Page()
    a = p.put("Common", 10, 100, space_after=False)
    p.put("Stock", a.x1 + 0.3 * SIZE, 100, space_after=False)
    assert len(runs(p.words, spaces=False)) == 1
    assert len(runs(p.words, spaces=True)) == 2  # where spaces are written, none means a border


def test_text_of_reads_only_the_asked_colours_top_to_bottom() -> None:
    p = Page()
    p.phrase("Restricted", 10, 100)
    p.label("(Instr. 4)", 60, 100)
    p.phrase("Stock Units", 10, 110)
    assert text_of(p.words) == "Restricted Stock Units"
    assert text_of(p.words, BLACK) == "(Instr. 4)"


def test_boxes_take_words_by_their_centre() -> None:
    p = Page()
    w = p.put("X", 10, 100)  # 4 pt wide, 8 tall: centre (12, 104)
    assert in_box(p.words, 11, 13, 103, 105) == [w]
    assert in_box(p.words, 12.5, 20, 0, 200) == []
    assert inside(w, (0, 12.01, 0, 104.01)) and not inside(w, (0, 12, 0, 200))
