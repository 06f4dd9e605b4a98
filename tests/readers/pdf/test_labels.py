"""Finding printed labels (tui/readers/pdf/labels.py)."""

from __future__ import annotations

from tests.readers.pdf.synthetic import Page
from tui.readers.pdf.labels import Labels, form_type


def test_a_phrase_is_found_by_consecutive_black_words_in_stream_order() -> None:
    p = Page()
    p.label("1. Name and Address of Reporting Person", 10, 100)
    p.phrase("Name", 10, 110)  # a blue value that happens to read "Name": not a label
    labels = Labels(p.words)
    hit = labels.find("1. Name and Address")
    assert hit is not None and hit.text == "1." and hit.top == 100
    assert labels.find("Name and Reporting") is None
    assert [w.top for w in labels.find_all("Name")] == [100]


def test_find_limits_by_top_and_returns_the_highest_first() -> None:
    p = Page()
    p.label("Table I -", 10, 300)
    p.label("Table I -", 10, 120)
    labels = Labels(p.words)
    assert [w.top for w in labels.find_all("Table I -")] == [120, 300]
    first = labels.find("Table I -", after=150)
    assert first is not None and first.top == 300
    assert labels.find("Table I -", after=150, before=300) is None


def test_form_type_is_the_highest_printed_form_title() -> None:
    p = Page()
    p.label("FORM 4", 10, 20)
    p.label("FORM 3", 10, 500)  # e.g. "Form 3 Holdings Reported" further down
    assert form_type(Labels(p.words)) == "4"
    assert form_type(Labels(Page().words)) is None
