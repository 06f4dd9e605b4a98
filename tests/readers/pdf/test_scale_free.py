"""Geometry-free: a printout read at another scale, on other paper, with other margins is the same
filing. The characters of real printouts (the seed's, three engines) are scaled and moved as a
print setting scales and moves them -- positions and font sizes together -- from a tenth to ten
times their size; every field must come back the same. (Printing with other settings also
re-wraps the text; the printed grid covers that: scripts/print_variants.py, test_pdf_variants.py.)"""

from __future__ import annotations

from functools import cache

import pytest

from tests.conftest import SEED, needs_seed
from tui.interchange import filing_to_dict
from tui.readers.pdf.boxes import links_from_annots
from tui.readers.pdf.document import Page, read_pages, words_of
from tui.readers.pdf.form import parse_form

_X = ("x0", "x1")
_Y = ("top", "bottom", "doctop")


@cache
def _pages(engine: str) -> tuple[list[Page], bool]:
    return read_pages((SEED / f"repro-{engine}.pdf").read_bytes())


def _moved(pages: list[Page], k: float, dx: float, dy: float) -> list[Page]:
    def move(d: dict) -> dict:
        d = dict(d)
        for key in _X:
            d[key] = d[key] * k + dx
        for key in _Y:
            if key in d:
                d[key] = d[key] * k + dy
        for key in ("size", "height"):
            if key in d:
                d[key] = d[key] * k
        return d

    return [
        ([move(c) for c in chars], height * k + 2 * dy, [move(a) for a in annots], [move(r) for r in rules])
        for chars, height, annots, rules in pages
    ]


def _read(pages: list[Page], webkit: bool) -> dict:
    words, annots, rules = words_of(pages, webkit)
    return filing_to_dict(parse_form(words, links_from_annots(annots), rules))


@needs_seed
@pytest.mark.parametrize("engine", ["chromium", "wkhtmltopdf", "weasyprint"])
@pytest.mark.parametrize(("k", "dx", "dy"), [(0.1, 0.0, 0.0), (0.5, 85.0, 85.0), (10.0, 300.0, 40.0)])
def test_same_filing_at_any_scale(engine: str, k: float, dx: float, dy: float) -> None:
    pages, webkit = _pages(engine)
    assert _read(_moved(pages, k, dx, dy), webkit) == _read(pages, webkit)
