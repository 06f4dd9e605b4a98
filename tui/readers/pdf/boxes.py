"""The form's boxes above the tables: the reporting owner (box 1, and each entry of the owner list
after Table II), the issuer and ticker, the relationship box and the check boxes. Each is found by
its printed label; the values are the blue words in the region the label opens."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from tui.model import Relationship, ReportingOwner
from tui.readers.pdf.labels import Labels
from tui.readers.pdf.layout import INF, Line, in_box, join_lines, make_lines, runs, text_of
from tui.readers.pdf.tolerances import (
    BLOCK_GAP_EM,
    BOX_PADDING_EM,
    CHECK_REACH,
    CHECK_REACH_EM,
    EMPTY_STREET_ROW_EM,
    LINK_SLACK_EM,
    RUN_OVERLAP_EM,
    SECOND_STREET_LINE_EM,
)
from tui.readers.pdf.words import BLACK, BLUE, Word

_CIK = re.compile(r"[?&]CIK=([^&#]*)", re.IGNORECASE)


@dataclass(slots=True)
class Link:
    x0: float
    x1: float
    top: float
    bottom: float
    cik: str | None


def links_from_annots(annots: Sequence[dict]) -> list[Link]:
    links: list[Link] = []
    for a in annots:
        uri = a.get("uri")
        if not isinstance(uri, str) or "getcompany" not in uri:
            continue
        m = _CIK.search(uri)
        cik = m.group(1).strip() if m else ""
        top = a.get("doctop", a.get("top", 0.0))
        links.append(Link(a["x0"], a["x1"], top, top + (a["bottom"] - a["top"]), cik or None))
    return links


def cik_of(words: Sequence[Word], links: Sequence[Link]) -> str | None:
    for w in words:
        slack = LINK_SLACK_EM * w.size
        for link in links:
            if link.x0 - slack <= w.cx <= link.x1 + slack and link.top - slack <= w.cy <= link.bottom + slack:
                return link.cik
    return None


def read_owner_block(
    words: Sequence[Word],
    labels: Labels,
    links: Sequence[Link],
    x0: float,
    x1: float,
    top: float,
    bottom: float,
    spaces: bool = True,
) -> ReportingOwner | None:
    """One "1. Name and Address of Reporting Person" cell: name above "(Last) (First) (Middle)",
    street lines above "(Street)", city / state / zip above "(City) (State) (Zip)"."""
    last = labels.find("(Last)", top, bottom)
    street = labels.find("(Street)", top, bottom)
    city = labels.find("(City)", top, bottom)
    if last is None or street is None or city is None:
        return None
    pad = BOX_PADDING_EM * city.size
    state = labels.find("(State)", city.top - pad, city.bottom + pad)
    zip_ = labels.find("(Zip)", city.top - pad, city.bottom + pad)
    box = [w for w in words if w.colour == BLUE and x0 <= w.cx < x1]
    name_words = [w for w in box if top <= w.cy < last.top]
    name = text_of(name_words)
    street_words = [w for w in box if last.bottom <= w.cy < street.top]
    blocks = _blocks(make_lines(street_words))
    street1 = join_lines(ln.text() for ln in blocks[0]) if blocks else None
    street2 = join_lines(ln.text() for b in blocks[1:] for ln in b) if len(blocks) > 1 else None
    place = sorted((w for w in box if street.bottom <= w.cy < city.top), key=lambda w: w.seq)
    if len(blocks) == 1 and _second_street_line(blocks[0], last, street, place):
        street1, street2 = None, street1
    city_text, state_text, zip_text = _place(place, spaces, state, zip_)
    return ReportingOwner(
        name=name,
        cik=cik_of(name_words, links),
        street1=street1,
        street2=street2,
        city=city_text,
        state=state_text,
        zip=zip_text,
    )


def _second_street_line(block: list[Line], last: Word, street: Word, place: list[Word]) -> bool:
    """One street line printed: the first row, or the second under an empty first row (which still
    takes its padding): the text then sits lower between "(Last)" and "(Street)". Where a page
    break falls between the line and "(Street)", only the space above the line is on its page: it
    is compared with the space above the city line under "(Street)" (a first line under a caption)."""
    size = block[0].size
    above = (block[0].top - last.bottom) / size
    if last.page == street.page:
        return (street.top - block[-1].bottom) / size - above < SECOND_STREET_LINE_EM
    city_line = [w for w in place if w.page == street.page]
    if last.page != block[0].words[0].page or not city_line:
        return False
    return above - (min(w.top for w in city_line) - street.bottom) / size >= EMPTY_STREET_ROW_EM


def _place(words: list[Word], spaces: bool, state: Word | None, zip_: Word | None):
    """City, state and zip: three cells side by side (a long city wraps inside its cell). Cells are
    told apart by their words' horizontal extents; where fewer than three cells hold text, by the
    "(State)" and "(Zip)" captions (which WeasyPrint does not align with the cells)."""
    groups: list[list[Word]] = []
    for run in sorted(runs(words, spaces), key=lambda r: r[0].x0):
        x0 = run[0].x0
        if groups and x0 <= max(w.x1 for w in groups[-1]) + RUN_OVERLAP_EM * run[0].size:
            groups[-1].extend(run)
        else:
            groups.append(list(run))
    if len(groups) == 3:
        return tuple(text_of(g) for g in groups)
    state_x = state.x0 - BOX_PADDING_EM * state.size if state else INF
    zip_x = zip_.x0 - BOX_PADDING_EM * zip_.size if zip_ else INF
    return (
        text_of([w for w in words if w.x0 < state_x]),
        text_of([w for w in words if state_x <= w.x0 < zip_x]),
        text_of([w for w in words if w.x0 >= zip_x]),
    )


def _blocks(lines: list[Line], by_stream: bool = False) -> list[list[Line]]:
    """Lines cut into blocks (table rows) where the gap is wider than a line's leading, or (with
    ``by_stream``, for cells with something else between them in the content stream) where the
    next line does not continue the previous one in the content stream."""
    blocks: list[list[Line]] = []
    for ln in lines:
        if by_stream:
            joined = bool(blocks) and ln.words[0].seq == blocks[-1][-1].words[-1].seq + 1
        else:
            joined = bool(blocks) and ln.top - blocks[-1][-1].bottom < BLOCK_GAP_EM * ln.size
        if joined:
            blocks[-1].append(ln)
        else:
            blocks.append([ln])
    return blocks


def checked(words: Sequence[Word], label: Word | None, bottom: float) -> bool | None:
    """A check box left of ``label``: an "X" between the label's top and ``bottom``."""
    if label is None:
        return None
    return any(
        w.colour == BLUE
        and w.text == "X"
        and w.x1 <= label.x0
        and label.top - BOX_PADDING_EM * label.size <= w.cy < bottom
        for w in words
    )


_OFFICER = "Officer (give title below)"
_OTHER = "Other (specify below)"


def read_relationship(
    words: Sequence[Word], labels: Labels, x0: float, top: float, bottom: float
) -> Relationship | None:
    director = labels.find("Director", top, bottom)
    ten = labels.find("10% Owner", top, bottom)
    officer = labels.find("Officer (give", top, bottom)
    other = labels.find("Other (specify", top, bottom)
    if not (director and ten and officer and other):
        return None
    region = [w for w in words if x0 <= w.cx and top <= w.cy < bottom]
    xs = [w for w in region if w.colour == BLUE and w.text == "X"]
    split_y = (director.bottom + officer.top) / 2
    touch = RUN_OVERLAP_EM * director.size
    reach = CHECK_REACH * abs(ten.x0 - director.x0) + CHECK_REACH_EM * director.size

    def has(label: Word, upper: bool) -> bool:
        for w in xs:
            if not (w.x1 <= label.x0 + touch and label.x0 - w.x1 < reach):
                continue
            if (w.cy < split_y) == upper:
                return True
        return False

    # the title and the text are printed under the box's last label line (its own labels only: a
    # page break inside the box puts the browser's footer and header in the region too)
    own = labels.words_of(_OFFICER, officer) + labels.words_of(_OTHER, other)
    labels_bottom = max(w.bottom for w in own)
    texts = [w for w in region if w.colour == BLUE and w.top >= labels_bottom - touch]
    other_x = other.x0 - BOX_PADDING_EM * other.size
    return Relationship(
        is_director=has(director, True),
        is_officer=has(officer, False),
        is_ten_percent_owner=has(ten, True),
        is_other=has(other, False),
        officer_title=text_of([w for w in texts if w.x0 < other_x]),
        other_text=text_of([w for w in texts if w.x0 >= other_x]),
    )


def read_issuer(words: Sequence[Word], links: Sequence[Link], x0: float, x1: float, top: float, bottom: float):
    """Box "Issuer Name and Ticker or Trading Symbol": ``NAME [ TICKER ]`` (both may wrap)."""
    region = [
        w for w in in_box(words, x0, x1, top, bottom) if w.colour == BLUE or (w.colour == BLACK and w.text in "[]")
    ]
    flat = [w for ln in make_lines(region) for w in ln.words]
    name_words: list[Word] = []
    ticker_words: list[Word] = []
    state = 0
    for w in flat:
        if w.colour == BLACK:
            state = 1 if w.text == "[" and state == 0 else 2
            continue
        (name_words if state == 0 else ticker_words if state == 1 else name_words).append(w)
    return text_of(name_words), text_of(ticker_words), cik_of(name_words, links)
