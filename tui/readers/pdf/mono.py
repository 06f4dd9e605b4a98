"""Printouts without colour (a black-and-white printer, "print in grey", a PDF made monochrome):
the values are told from the labels by their font faces, as on the page itself -- EDGAR's page sets
its labels in a sans face (Arial) and everything filed in a serif face (Times): the values
(``FormData``), the footnote marks and the footnotes and remarks (``FootnoteData``).

Colour stays the first hint where the PDF has it; only a document without any blue value is
re-classed here, so that the rest of the reader sees the same colour classes either way.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tui.readers.pdf.labels import Labels
from tui.readers.pdf.tolerances import NOTE_SIZE_RATIO, SAME_SIZE_EM
from tui.readers.pdf.words import BLACK, BLUE, GREEN, SANS, SERIF, Word

_MARKS = re.compile(r"^(?:\(\d+\))+$")
#: the page's own text set in the body's (serif) face: the brackets around the ticker
_PAGE_PUNCTUATION = frozenset({"[", "]"})


def has_colour(words: Sequence[Word]) -> bool:
    return any(w.colour == BLUE for w in words)


def fonts_tell_values(words: Sequence[Word]) -> bool:
    """Whether the two faces are there to tell values (serif) from labels (sans)."""
    return any(w.font == SERIF for w in words) and any(w.font == SANS for w in words)


def _is_mark(w: Word, prev: Word | None) -> bool:
    """A "(1)" is a footnote mark when set smaller than the text it follows (a raised ``<sup>``) or
    after another mark; a "(2)" set like the value before it is the value's own text ("Class B
    Common Stock (2)" as filed)."""
    if prev is None or prev.colour == GREEN:
        return True
    return w.size < prev.size - SAME_SIZE_EM * prev.size


def colour_by_font(words: Sequence[Word]) -> None:
    """Give every word the colour class EDGAR's page would have printed it in: serif words are
    values (blue), except the brackets around the ticker (the page's own, black), footnote marks
    ("(1)" set smaller than the text it follows: green) and, between "Explanation of Responses:"
    and the signature caption, the footnotes and remarks, which are set smaller than the values
    (the signature) -- at the labels' size (green). Sans words are labels (black)."""
    prev: Word | None = None  # the serif word before, in stream order
    for w in words:
        if w.font != SERIF or w.text in _PAGE_PUNCTUATION:
            w.colour = BLACK
            continue
        w.colour = GREEN if _MARKS.match(w.text) and _is_mark(w, prev) else BLUE
        prev = w
    labels = Labels(words)
    explanation = labels.find("Explanation of Responses:")
    if explanation is None:
        return
    caption = labels.find("** Signature of Reporting Person", explanation.top)
    end = caption.top if caption is not None else float("inf")
    for w in words:
        if w.colour == BLUE and explanation.bottom <= w.top < end and w.size <= NOTE_SIZE_RATIO * explanation.size:
            w.colour = GREEN
