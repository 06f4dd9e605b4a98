"""Printouts without colour: values told from labels by their typefaces (tui/readers/pdf/mono.py)."""

from __future__ import annotations

import pytest

from tests.readers.pdf.synthetic import Page, char
from tui.readers.pdf.mono import colour_by_font, fonts_tell_values, has_colour
from tui.readers.pdf.words import BLACK, BLUE, GREEN, OTHER_FONT, SANS, SERIF, font_family, words_from_chars


@pytest.mark.parametrize(
    ("name", "family"),
    [("BAAAAA+LiberationSans-Bold", SANS), ("AAAAAA+LiberationSerif", SERIF), ("QRAAAA+DejaVuSerif", SERIF),
     ("NZDDWO+Liberation-Sans-Bold", SANS), ("TimesNewRomanPSMT", SERIF), ("ArialMT", SANS),
     ("Helvetica", SANS), ("DejaVuSans-Oblique", SANS), ("Symbol", OTHER_FONT), (None, OTHER_FONT)],
)  # fmt: skip
def test_font_families_from_pdf_font_names(name, family) -> None:
    assert font_family(name) == family


def test_without_colour_a_change_of_face_ends_a_word() -> None:
    chars = [{**char("$", 10, 100, colour=(0, 0, 0)), "fontname": "ArialMT"},
             {**char("5", 14.2, 100, colour=(0, 0, 0)), "fontname": "TimesNewRomanPSMT"}]  # fmt: skip
    assert [w.text for w in words_from_chars(chars, 0, by_font=True)] == ["$", "5"]
    assert [w.text for w in words_from_chars(chars, 0)] == ["$5"]  # colour printouts: as before


def _form(p: Page) -> None:
    for w in p.label("2. Issuer Name and Ticker", 10, 100):
        w.font = SANS
    for text, x in (("Acme", 10), ("[", 40), ("ACME", 46), ("]", 80)):
        p.put(text, x, 112, BLACK).font = SERIF
    p.put("1,000", 10, 300, BLACK).font = SERIF
    p.put("(1)", 32, 298, BLACK, size=6).font = SERIF
    for w in p.label("Explanation of Responses:", 10, 500, size=7.5):
        w.font = SANS
    for text, x in (("1.", 10), ("Held", 20), ("in", 40), ("trust.", 50)):
        p.put(text, x, 512, BLACK, size=7.5).font = SERIF
    p.put("/s/ Jane Roe", 10, 540, BLACK, size=9.75).font = SERIF
    p.put("01/02/2024", 200, 540, BLACK, size=9.75).font = SERIF
    for w in p.label("** Signature of Reporting Person", 10, 560, size=7.5):
        w.font = SANS


def test_serif_words_are_values_marks_and_notes_green_labels_black() -> None:
    p = Page()
    _form(p)
    assert not has_colour(p.words) and fonts_tell_values(p.words)
    colour_by_font(p.words)
    colours = {w.text: w.colour for w in p.words}
    assert colours["Acme"] == colours["ACME"] == colours["1,000"] == BLUE
    assert colours["["] == colours["]"] == colours["Issuer"] == BLACK  # the page's own text
    assert colours["(1)"] == GREEN  # a footnote mark
    assert colours["Held"] == colours["trust."] == GREEN  # a footnote: at the labels' size
    assert colours["/s/ Jane Roe"] == colours["01/02/2024"] == BLUE  # the signature: set larger
    assert has_colour(p.words)


def test_one_typeface_cannot_tell_values() -> None:
    p = Page()
    for w in p.label("2. Issuer Name", 10, 100):
        w.font = SANS
    p.put("Acme", 10, 112, BLACK).font = SANS
    assert not fonts_tell_values(p.words)
