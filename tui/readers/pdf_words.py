"""PDF geometry: pdfplumber characters -> words -> lines, in one coordinate system for the whole
document (``doctop``: y measured from the top of page 1, so a table that runs over a page break is
one strip of text).

EDGAR's rendering colours what it prints: filed values blue (``FormData``), footnote marks and
footnote/remarks text green (``FootnoteData``), the form's own labels black. Words are therefore
split at every change of colour as well as at spaces and gaps, and carry their colour class.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

BLACK, BLUE, GREEN = "k", "b", "g"


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
    chars: Iterable[dict], page_index: int, seq: int = 0, page_height: float | None = None
) -> list[Word]:
    """Group characters, in content-stream order, into words: a word ends at a space, a change of
    colour or size, a jump in baseline, or a horizontal gap. Stream order keeps the letters of
    vertically interleaved cells apart (they are drawn one text run after another)."""
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
        if (
            cur is not None
            and colour == cur.colour
            and abs(size - cur.size) < 0.3
            and abs(top - cur.top) < 0.3 * size
            and -0.3 * size < x0 - cur.x1 < 0.12 * size
        ):
            parts.append(text)
            cur.x1 = max(cur.x1, x1)
            cur.bottom = max(cur.bottom, bottom)
            continue
        if cur is not None:
            cur.text = "".join(parts)
            words.append(cur)
        cur = Word(text, x0, x1, top, bottom, size, colour, page_index, seq + len(words))
        parts = [text]
    if cur is not None:
        cur.text = "".join(parts)
        words.append(cur)
    return words


@dataclass(slots=True)
class Line:
    words: list[Word] = field(default_factory=list)
    top: float = 0.0
    bottom: float = 0.0

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def size(self) -> float:
        return max(w.size for w in self.words)

    def text(self, colours: str | None = None) -> str:
        return join_words([w for w in self.words if colours is None or w.colour in colours])


def join_words(words: Sequence[Word]) -> str:
    """Words of one line, left to right, with a space where the gap between them is one."""
    out: list[str] = []
    prev: Word | None = None
    for w in sorted(words, key=lambda w: w.x0):
        if prev is not None and w.x0 - prev.x1 > 0.1 * min(prev.size, w.size):
            out.append(" ")
        out.append(w.text)
        prev = w
    return "".join(out)


def has_space_chars(words: Sequence[Word]) -> bool:
    """Whether the PDF writes the spaces between words (Chromium, WeasyPrint) or only moves the pen
    (wkhtmltopdf). Where it does, a missing space between two words on one line is a cell border."""
    return any(w.space_after for w in words)


def runs(words: Sequence[Word], spaces: bool) -> list[list[Word]]:
    """Words that follow each other in the content stream on one line and belong together: a
    value with its "$" and footnote marks, or (where spaces are written) the words of a phrase."""
    out: list[list[Word]] = []
    for w in words:
        if out:
            last = out[-1][-1]
            gap = w.x0 - last.x1
            size = max(w.size, last.size)
            overlap = min(last.bottom, w.bottom) - max(last.top, w.top)
            near = (gap < 0.6 * size if last.space_after else gap < 0.12 * size) if spaces else gap < 0.4 * size
            if gap > -0.5 and near and overlap > 0.2 * min(w.height, last.height):
                out[-1].append(w)
                continue
        out.append([w])
    return out


def make_lines(words: Iterable[Word]) -> list[Line]:
    """Cluster words into visual lines by vertical overlap (raised footnote marks stay on the line of
    the value they follow). Meant for a single cell or column, where lines do not interleave."""
    lines: list[Line] = []
    for w in sorted(words, key=lambda w: (w.top, w.x0)):
        for line in reversed(lines[-3:]):
            overlap = min(line.bottom, w.bottom) - max(line.top, w.top)
            if overlap > 0.35 * min(w.height, line.bottom - line.top):
                line.words.append(w)
                line.top = min(line.top, w.top)
                line.bottom = max(line.bottom, w.bottom)
                break
        else:
            lines.append(Line([w], w.top, w.bottom))
    for line in lines:
        line.words.sort(key=lambda w: w.x0)
    lines.sort(key=lambda ln: ln.top)
    return lines


_DOLLAR_POINT = re.compile(r"\$\d*\.$")


def join_lines(parts: Iterable[str]) -> str | None:
    """Wrapped lines back into one text: a space at each break, except where the browser broke
    inside a word -- after a hyphen or slash ("24-" "month", "SVP/" "CONTROLLER"), after a "?"
    standing for an apostrophe before a lower-case letter ("child?" "s"), inside "$.01"."""
    out = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if out and not _glued(out, part):
            out += " "
        out += part
    return " ".join(out.split()) or None


def _glued(before: str, after: str) -> bool:
    last, first = before[-1], after[0]
    inner = len(before) > 1 and not before[-2].isspace()
    if last == "/":  # "SVP/" "CONTROLLER", "CORP /" "SD/" -- but "/s/" "Name" is a signature
        return before.rsplit(None, 1)[-1].lower() != "/s/"
    if last == "-" and inner:
        return True
    if last == "?" and inner and first.islower():
        return True
    return last == "." and first.isdigit() and _DOLLAR_POINT.search(before) is not None


def text_of(words: Iterable[Word], colours: str = BLUE) -> str | None:
    """Text of the words of one cell: its lines top to bottom, joined with single spaces."""
    return join_lines(ln.text(colours) for ln in make_lines(w for w in words if w.colour in colours))


def in_box(words: Iterable[Word], x0: float, x1: float, top: float, bottom: float) -> list[Word]:
    """Words whose centre lies in the box."""
    return [w for w in words if x0 <= w.cx < x1 and top <= w.cy < bottom]
