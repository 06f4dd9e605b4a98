"""Small geometry utilities over words: lines, runs of adjacent words, boxes, and the text of a
cell (its wrapped lines joined back)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from tui.readers.pdf.tolerances import (
    LINE_LOOKBACK,
    LINE_OVERLAP,
    RUN_GAP_AFTER_SPACE_EM,
    RUN_GAP_EM,
    RUN_GAP_NO_SPACES_EM,
    RUN_OVERLAP_EM,
    RUN_SHARED_HEIGHT,
    SPACE_GAP_EM,
)
from tui.readers.pdf.words import BLUE, Word

INF = float("inf")
#: a box as (x0, x1, top, bottom)
Box = tuple[float, float, float, float]


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


def make_lines(words: Iterable[Word]) -> list[Line]:
    """Cluster words into visual lines by vertical overlap (raised footnote marks stay on the line of
    the value they follow). Meant for a single cell or column, where lines do not interleave."""
    lines: list[Line] = []
    for w in sorted(words, key=lambda w: (w.top, w.x0)):
        for line in reversed(lines[-LINE_LOOKBACK:]):
            overlap = min(line.bottom, w.bottom) - max(line.top, w.top)
            if overlap > LINE_OVERLAP * min(w.height, line.bottom - line.top):
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


def join_words(words: Sequence[Word]) -> str:
    """Words of one line, left to right, with a space where the gap between them is one."""
    out: list[str] = []
    prev: Word | None = None
    for w in sorted(words, key=lambda w: w.x0):
        if prev is not None and w.x0 - prev.x1 > SPACE_GAP_EM * min(prev.size, w.size):
            out.append(" ")
        out.append(w.text)
        prev = w
    return "".join(out)


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
            if not spaces:
                near = gap < RUN_GAP_NO_SPACES_EM * size
            elif last.space_after:
                near = gap < RUN_GAP_AFTER_SPACE_EM * size
            else:
                near = gap < RUN_GAP_EM * size
            if gap > -RUN_OVERLAP_EM * size and near and overlap > RUN_SHARED_HEIGHT * min(w.height, last.height):
                out[-1].append(w)
                continue
        out.append([w])
    return out


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


def inside(w: Word, box: tuple[float, float, float, float]) -> bool:
    x0, x1, top, bottom = box
    return x0 <= w.cx < x1 and top <= w.cy < bottom
