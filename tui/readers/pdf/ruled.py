"""Rows of Tables I and II from the table's ruled lines, where the printout draws them.

EDGAR's page gives Tables I and II cell borders (``border="1"``); Chromium and wkhtmltopdf print
them as thin filled rectangles, WeasyPrint prints none. Where they are printed, a row is exactly
the band between two horizontal rules: every line of every cell of the row lies in it, however
the engine placed the lines (wkhtmltopdf moves lines of a cell that a page break cuts, and the
cells centred on it, by uneven amounts, so that the text's own spacing no longer tells the rows).

A row that a page break cuts is one band at the foot of one page and one at the head of the next.
It shows by the page's own measures: the band at the foot is left open (no rule below it: its
bottom border is on the next page) or, where the engine draws the whole cut cell on both pages
and lets the page clip it (wkhtmltopdf), both bands have the same height and the lower part of the
first or the upper part of the second holds no text (what one page shows the other clips away; a
row that is not cut has text within its cells' padding of both its rules: its tallest cell).

:func:`ruled_rows` returns None when the rules do not account for every line of data (no rules,
or not around every row): the caller then reads the rows from the text alone (``rows.group_rows``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tui.readers.pdf.tolerances import (
    RULE_ASPECT,
    RULE_COVERAGE,
    RULE_CUT_EMPTY_EM,
    RULE_MERGE_EM,
    RULE_SAME_HEIGHT_EM,
    RULE_THICKNESS_EM,
)

if TYPE_CHECKING:
    from tui.readers.pdf.rows import Block, Unit


@dataclass(frozen=True, slots=True)
class Rule:
    """A thin horizontal shape (a border segment), in document coordinates."""

    x0: float
    x1: float
    top: float
    bottom: float
    page: int


def rules_from_objects(objects: Iterable[dict], page: int) -> list[Rule]:
    """The horizontal thin shapes among a page's rectangles, curves and lines (pdfplumber objects):
    far wider than tall (borders are drawn as filled rectangles or as short paths)."""
    out: list[Rule] = []
    for o in objects:
        width = o["x1"] - o["x0"]
        height = o["bottom"] - o["top"]
        if width > 0 and height >= 0 and height * RULE_ASPECT < width:
            top = o.get("doctop", o["top"])
            out.append(Rule(o["x0"], o["x1"], top, top + height, page))
    return out


@dataclass(slots=True)
class _Band:
    page: int
    top: float  # -inf: open at the top (above the page's first rule)
    bottom: float  # inf: open at the bottom (below the page's last rule)
    units: list[Unit]


def _boundaries(rules: Sequence[Rule], x0: float, x1: float, size: float) -> dict[int, list[float]]:
    """Per page, the y of every horizontal rule across the table (its segments together cover most
    of the table's width; the two halves of an inset border are one)."""
    thick = RULE_THICKNESS_EM * size
    merge = RULE_MERGE_EM * size
    width = x1 - x0
    per_page: dict[int, list[Rule]] = {}
    for r in rules:
        if r.bottom - r.top <= thick and r.x1 > x0 and r.x0 < x1:
            per_page.setdefault(r.page, []).append(r)
    out: dict[int, list[float]] = {}
    for page, rs in per_page.items():
        rs.sort(key=lambda r: r.top)
        clusters: list[list[Rule]] = []
        for r in rs:
            if clusters and r.top - clusters[-1][-1].top <= merge:
                clusters[-1].append(r)
            else:
                clusters.append([r])
        ys: list[float] = []
        for cluster in clusters:
            spans = sorted((max(r.x0, x0), min(r.x1, x1)) for r in cluster)
            covered, reach = 0.0, x0
            for a, b in spans:
                if b > reach:
                    covered += b - max(a, reach)
                    reach = b
            if covered >= RULE_COVERAGE * width:
                ys.append(sum((r.top + r.bottom) / 2 for r in cluster) / len(cluster))
        if ys:
            out[page] = ys
    return out


def ruled_rows(
    per_column: dict[str, list[Unit]], rules: Sequence[Rule], x0: float, x1: float
) -> list[dict[str, Block]] | None:
    """The table's rows from its ruled lines (see the module docstring), or None."""
    from tui.readers.pdf.rows import Block

    units = [(key, u) for key, us in per_column.items() for u in us]
    if not units or not rules:
        return None
    size = sorted(u.size for _, u in units)[len(units) // 2]
    bounds = _boundaries(rules, x0, x1, size)
    bands: dict[tuple[int, int], _Band] = {}
    for _, u in units:
        page = u.words[0].page
        ys = bounds.get(page)
        if not ys:
            return None
        cy = (u.top + u.bottom) / 2
        i = sum(1 for y in ys if y <= cy)
        band = bands.get((page, i))
        if band is None:
            top = ys[i - 1] if i > 0 else -float("inf")
            bottom = ys[i] if i < len(ys) else float("inf")
            band = bands[(page, i)] = _Band(page, top, bottom, [])
        band.units.append(u)
    order = sorted(bands)
    pages = sorted({p for p, _ in order})
    groups: list[list[_Band]] = []
    for n, k in enumerate(order):
        band = bands[k]
        first_on_page = n == 0 or order[n - 1][0] != band.page
        last_on_page = n + 1 == len(order) or order[n + 1][0] != band.page
        open_top, open_bottom = band.top == -float("inf"), band.bottom == float("inf")
        if (open_top and (not first_on_page or band.page == pages[0])) or (
            open_bottom and (not last_on_page or band.page == pages[-1])
        ):
            return None  # text outside the rules: they are not the rows' borders
        if groups and first_on_page and band.page == groups[-1][-1].page + 1 and _cut(groups[-1][-1], band, size):
            groups[-1].append(band)
            continue
        if open_top:
            return None  # the head of a cut row whose foot is not on the page before
        groups.append([band])
    if any(g[-1].bottom == float("inf") for g in groups):
        return None  # an open foot that nothing continues
    rows: list[dict[str, Block]] = []
    for group in groups:
        mine = {id(u) for b in group for u in b.units}
        row: dict[str, Block] = {}
        for key, u in units:
            if id(u) in mine:
                block = row.get(key)
                if block is None:
                    row[key] = Block(key, [u], u.top, u.bottom)
                else:
                    block.units.append(u)
                    block.top, block.bottom = min(block.top, u.top), max(block.bottom, u.bottom)
        for block in row.values():
            block.units.sort(key=lambda u: (u.top, u.x0))
        rows.append(row)
    return rows


def _cut(foot: _Band, head: _Band, size: float) -> bool:
    """Whether ``foot`` (a page's last row) and ``head`` (the next page's first) are one row cut by
    the page break."""
    if foot.bottom == float("inf") or head.top == -float("inf"):
        return True
    empty = RULE_CUT_EMPTY_EM * size
    return abs((foot.bottom - foot.top) - (head.bottom - head.top)) <= RULE_SAME_HEIGHT_EM * size and (
        foot.bottom - max(u.bottom for u in foot.units) >= empty or min(u.top for u in head.units) - head.top >= empty
    )
