"""Characters -> words, in one coordinate system for the whole document (``doctop``: y measured
from the top of page 1, so a table that runs over a page break is one strip of text).

EDGAR's rendering colours what it prints: filed values blue (``FormData``), footnote marks and
footnote/remarks text green (``FootnoteData``), the form's own labels black. Words are therefore
split at every change of colour as well as at spaces and gaps, and carry their colour class.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from tui.readers.pdf.tolerances import CHAR_GAP_EM, CHAR_OVERLAP_EM, SAME_LINE_EM, SAME_SIZE_EM

BLACK, BLUE, GREEN = "k", "b", "g"
#: font families: EDGAR's page sets its labels in a sans face (Arial) and the filed values,
#: footnote marks and footnotes in a serif face (Times); how a PDF names them varies by engine
SANS, SERIF, OTHER_FONT = "sans", "serif", ""
_SANS_NAMES = ("sans", "arial", "helvetica", "verdana", "tahoma", "nimbus-sans", "nimbussans", "freesans")
_SERIF_NAMES = ("serif", "times", "georgia", "roman", "garamond", "nimbus-rom", "nimbusrom", "freeserif")


@lru_cache(maxsize=256)  # a document has a handful of fonts and thousands of characters
def font_family(fontname: object) -> str:
    """SANS or SERIF from a PDF font name ("BAAAAA+LiberationSans-Bold", "QRAAAA+DejaVuSerif",
    "TimesNewRomanPSMT"), OTHER_FONT when the name says neither."""
    if not isinstance(fontname, str):
        return OTHER_FONT
    name = fontname.split("+", 1)[-1].lower()
    if any(n in name for n in _SANS_NAMES):  # before serif: "sans-serif"
        return SANS
    if any(n in name for n in _SERIF_NAMES):
        return SERIF
    return OTHER_FONT


def colour_class(colour: object) -> str:
    """'b' for blue (filed data), 'g' for green (footnotes), 'k' for anything else (labels)."""
    if not isinstance(colour, tuple | list):
        return BLACK
    if len(colour) == 3:
        r, g, b = (float(c) for c in colour)
    elif len(colour) == 4:  # CMYK
        c, m, y, k = (float(v) for v in colour)
        r, g, b = (1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k)
    else:
        return BLACK
    if b > 0.5 and r < 0.3 and g < 0.3:
        return BLUE
    if g > 0.3 and r < 0.25 and b < 0.25:
        return GREEN
    return BLACK


@dataclass(slots=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float  # document coordinates (doctop)
    bottom: float
    size: float
    colour: str
    page: int
    seq: int = 0  # position in the document's content-stream order
    space_after: bool = False  # the content stream has a space character right after the word
    font: str = OTHER_FONT  # SANS, SERIF or OTHER_FONT

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def height(self) -> float:
        return self.bottom - self.top


def words_from_chars(
    chars: Iterable[dict], page_index: int, seq: int = 0, page_height: float | None = None, by_font: bool = False
) -> list[Word]:
    """Group characters, in content-stream order, into words: a word ends at a space, a change of
    colour or size (with ``by_font``, of font family too: for a printout without colour), a jump in
    baseline, or a horizontal gap. Stream order keeps the letters of vertically interleaved cells
    apart (they are drawn one text run after another)."""
    words: list[Word] = []
    cur: Word | None = None
    parts: list[str] = []
    for ch in chars:
        text = ch["text"]
        if not text or text.isspace():
            if cur is not None:
                cur.text = "".join(parts)
                cur.space_after = True
                words.append(cur)
                cur = None
            continue
        if page_height is not None and not 0 <= (ch["top"] + ch["bottom"]) / 2 <= page_height:
            # a line cut by the page edge is drawn on both pages, clipped: keep the glyphs only on
            # the page that shows most of them
            continue
        x0, x1, top, bottom, size = ch["x0"], ch["x1"], ch["doctop"], ch["doctop"] + ch["height"], ch["size"]
        colour = colour_class(ch.get("non_stroking_color"))
        font = font_family(ch.get("fontname"))
        if (
            cur is not None
            and colour == cur.colour
            and (font == cur.font or not by_font)
            and abs(size - cur.size) < SAME_SIZE_EM * size
            and abs(top - cur.top) < SAME_LINE_EM * size
            and -CHAR_OVERLAP_EM * size < x0 - cur.x1 < CHAR_GAP_EM * size
        ):
            parts.append(text)
            cur.x1 = max(cur.x1, x1)
            cur.bottom = max(cur.bottom, bottom)
            continue
        if cur is not None:
            cur.text = "".join(parts)
            words.append(cur)
        cur = Word(text, x0, x1, top, bottom, size, colour, page_index, seq + len(words), font=font)
        parts = [text]
    if cur is not None:
        cur.text = "".join(parts)
        words.append(cur)
    return words


def has_space_chars(words: Sequence[Word]) -> bool:
    """Whether the PDF writes the spaces between words (Chromium, WeasyPrint) or only moves the pen
    (wkhtmltopdf). Where it does, a missing space between two words on one line is a cell border."""
    return any(w.space_after for w in words)


def any_blue(chars: Iterable[dict]) -> bool:
    """Whether any character is printed in the values' blue (a colour printout)."""
    return any(colour_class(ch.get("non_stroking_color")) == BLUE for ch in chars)
