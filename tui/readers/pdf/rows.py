"""The rows of Tables I and II (and of the signatures), from the data's geometry.

* Rows: the cells of one row are centred vertically on the same line, so each column's text is cut
  into blocks (a cell's wrapped lines) and blocks that overlap vertically form a row. This never
  mixes the letters of neighbouring cells, whatever their vertical offsets.
* Repeated header blocks on later pages are black text and are ignored: data is blue (values),
  green (footnote marks) or a black "$" before a number.
* Page breaks: a cell's wrapped lines follow each other in the content stream with even spacing,
  which keeps the rest of a row cut by a page break apart from the next row's cell below it; the
  parts of a cut row are joined again because they never share a single-line column (every row
  has one title and one "Direct or Indirect" cell). wkhtmltopdf's doubled cut line is removed
  before this (``document.drop_cut_line_copies``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from tui.readers.errors import ReadError
from tui.readers.pdf.columns import SCHEMAS, assign_column, header_columns
from tui.readers.pdf.layout import INF, runs
from tui.readers.pdf.ruled import Rule, ruled_rows
from tui.readers.pdf.tolerances import (
    CELL_LINE_EVEN_EM,
    CELL_LINE_GAP_EM,
    CENTRED_ON_ANCHOR_EM,
    EPSILON_EM,
    LINE_OVERLAP,
    MARK_REACH,
    ROW_OVERLAP_EM,
    SAME_SIZE_EM,
)
from tui.readers.pdf.words import BLACK, GREEN, Word, has_space_chars


@dataclass(slots=True)
class Unit:
    """Adjacent words of one line of one cell (a value, its "$", its footnote marks)."""

    words: list[Word]
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def size(self) -> float:
        return max(w.size for w in self.words)

    @property
    def marks_only(self) -> bool:
        return all(w.colour == GREEN for w in self.words)


@dataclass(slots=True)
class Block:
    column: str
    units: list[Unit] = field(default_factory=list)
    top: float = 0.0
    bottom: float = 0.0


def units_of(words: Sequence[Word], spaces: bool) -> list[Unit]:
    return [
        Unit(
            ws,
            min(w.x0 for w in ws),
            max(w.x1 for w in ws),
            min(w.top for w in ws),
            max(w.bottom for w in ws),
        )
        for ws in runs(words, spaces)
    ]


def read_table(
    form: str, table: int, title: Word, end: float, words: Sequence[Word], rules: Sequence[Rule] = ()
) -> tuple[list[dict[str, Block]], bool]:
    """Rows of one table (each a mapping leaf-column key -> its cell's block) between the table's
    title and ``end``: from its ruled lines where the printout draws them (``ruled``), else from the
    text's geometry; the bool says whether the column headers were found."""
    region = [w for w in words if title.bottom <= w.top < end]
    data_top = min((w.top for w in region if w.colour != BLACK), default=end)
    header_words = [w for w in region if w.colour == BLACK and w.top < data_top]
    found = header_columns(form, table, header_words)
    if found is None:
        if any(w.colour != BLACK for w in region):
            numbers = " ".join(n for n, _ in SCHEMAS[(form, table)] if not any(w.text == n for w in header_words))
            raise ReadError(
                f"Table {'I' * table} has rows but its column headers "
                f"{'(' + numbers + ') ' if numbers else ''}are not all in the PDF "
                "(the printout may cut the table off at the page edge)"
            )
        return [], False
    columns, centred = found
    data = [w for w in region if w.top >= data_top - EPSILON_EM * w.size and (w.colour != BLACK or w.text == "$")]
    units = units_of(data, has_space_chars(words))
    per_column: dict[str, list[Unit]] = {}
    for u in units:
        if u.words[0].colour == BLACK and len(u.words) == 1:
            continue  # a stray "$" with no number after it
        per_column.setdefault(assign_column(u.x0, u.x1, columns, centred).key, []).append(u)
    if per_column and rules:
        x0 = min(c.start - c.slack for c in columns)
        x1 = max(u.x1 for us in per_column.values() for u in us)
        mine = [r for r in rules if title.bottom <= r.top < end]
        ruled = ruled_rows(per_column, mine, x0, x1)
        if ruled is not None:
            return ruled, True
    return group_rows(per_column, WRAPPING, title="title"), True


def group_rows(
    per_column: dict[str, list[Unit]], wrapping: frozenset[str], title: str, anchor: str | None = None
) -> list[dict[str, Block]]:
    """Cells (blocks of a column's lines) grouped into rows; see the module docstring. ``anchor``
    names a single-line column present in every row: a block of another column that is not
    centred on the anchor it overlaps starts with the rest of a row cut by a page break."""
    blocks: list[Block] = []
    anchors = sorted(((u.top + u.bottom) / 2, u.size) for u in per_column.get(anchor or "", ()))
    first_page = min((u.words[0].page for us in per_column.values() for u in us), default=0)
    for key, col_units in per_column.items():
        col_units.sort(key=lambda u: (u.top, u.x0))
        cur: Block | None = None
        gaps: list[float] = []
        lines = unit_lines(col_units)
        if anchors and key != anchor:
            lines = _split_off_centre(lines, anchors, first_page)
        leading = _leadings(lines)
        for line_units, top, bottom, size in lines:
            if line_units is None:  # forced break
                cur = None
                continue
            # a cell's wrapped lines follow each other in the content stream, evenly spaced by the
            # cell's line height (gaps up to ~0.55 of a small font's size); the next row's cell in
            # this column does not follow it in the stream (the rest of its row comes first) --
            # except after the rest of a row cut by a page break, where the wider gap shows it
            if cur is not None:
                gap = top - cur.bottom
                last_seq = max(w.seq for u in cur.units for w in u.words)
                # (a block's first gap: the column's own leading at that size, where the stream
                # runs on over a page break from the rest of a cut cell into the next row's)
                even = min(gaps) if gaps else _leading_at(leading, size)
                if (
                    gap < CELL_LINE_GAP_EM * size
                    and (even is None or gap < even + CELL_LINE_EVEN_EM * size)
                    and min(w.seq for u in line_units for w in u.words) == last_seq + 1
                ):
                    cur.units.extend(line_units)
                    cur.bottom = max(cur.bottom, bottom)
                    gaps.append(gap)
                    continue
            cur = Block(key, list(line_units), top, bottom)
            gaps = []
            blocks.append(cur)

    # rows: blocks that overlap vertically (a lone raised footnote mark counts as reaching down to
    # the baseline of the row it belongs to)
    def span(b: Block) -> tuple[float, float]:
        if all(u.marks_only for u in b.units):
            return b.top, b.bottom + MARK_REACH * (b.bottom - b.top)
        return b.top, b.bottom

    rows: list[dict[str, Block]] = []
    pages: list[tuple[int, int]] = []
    row_bottom = -1.0
    for b in sorted(blocks, key=lambda b: span(b)[0]):
        top, bottom = span(b)
        page = b.units[0].words[0].page
        if rows and top < row_bottom - ROW_OVERLAP_EM * max(u.size for u in b.units):
            _add(rows[-1], b)
            row_bottom = max(row_bottom, bottom)
            pages[-1] = (pages[-1][0], page)
            continue
        rows.append({b.column: b})
        pages.append((page, page))
        row_bottom = bottom
    return _join_split_rows(rows, pages, wrapping, title)


def _leadings(lines: Sequence[tuple[list[Unit] | None, float, float, float]]) -> list[tuple[float, float]]:
    """(size, gap) of every two lines of the column that follow each other in the content stream
    closer than a row gap, measured on their text without footnote marks (a raised mark lifts its
    line's top): the cells' own line spacing."""
    out: list[tuple[float, float]] = []
    for (a, _, _, size), (b, _, _, _) in pairwise(lines):
        if a is None or b is None:
            continue
        a_text = [w for u in a for w in u.words if w.colour != GREEN]
        b_text = [w for u in b for w in u.words if w.colour != GREEN]
        if not a_text or not b_text:
            continue
        gap = min(w.top for w in b_text) - max(w.bottom for w in a_text)
        if 0 <= gap < CELL_LINE_GAP_EM * size and min(w.seq for u in b for w in u.words) == 1 + max(
            w.seq for u in a for w in u.words
        ):
            out.append((size, gap))
    return out


def _leading_at(leadings: list[tuple[float, float]], size: float) -> float | None:
    """The line gap most lines of the column show at this font size (the median), or None."""
    gaps = sorted(gap for s, gap in leadings if abs(s - size) < SAME_SIZE_EM * size)
    return gaps[len(gaps) // 2] if gaps else None


def _add(row: dict[str, Block], b: Block) -> None:
    if b.column in row:  # one cell seen as two blocks: join the text
        row[b.column].units.extend(b.units)
    else:
        row[b.column] = b


#: columns whose text wraps over several lines (the only ones a page break can split)
WRAPPING = frozenset({"title", "utitle", "nature"})


def _join_split_rows(
    rows: list[dict[str, Block]], pages: list[tuple[int, int]], wrapping: frozenset[str], title: str
) -> list[dict[str, Block]]:
    """A row cut by a page break: the lines that fit stay on the first page, the rest come (after
    the repeated header, if any) on the next. One of the two parts holds only wrapped text (or the
    first lacks the title); the two never share a single-line column."""
    # a part without a title that only fills the gaps of the row before it belongs to that row;
    # one that ends its page and shares only wrapped text with the row starting the next page is
    # the first part of that row (wkhtmltopdf cuts a row anywhere)
    rows, pages = list(rows), list(pages)
    for k in range(len(rows) - 2, 0, -1):
        row, nxt = rows[k], rows[k + 1]
        if title in row or not set(row) & set(rows[k - 1]) or pages[k + 1][1] <= pages[k][1]:
            continue
        if title in nxt and set(row) & set(nxt) <= wrapping:
            for b in row.values():
                _add(nxt, b)
            pages[k + 1] = (pages[k][0], pages[k + 1][1])
            del rows[k], pages[k]
    out: list[dict[str, Block]] = []
    last_page = -1
    for row, (first, last) in zip(rows, pages, strict=True):
        if out and first >= last_page:
            prev = out[-1]
            shared = set(row) & set(prev)
            # every row has a title: a part without one belongs to the row before (on the same
            # page: single-line cells centred on a cut cell sit below its first part)
            lone = title not in row and first <= last_page + 1
            cut = first > last_page and (set(row) <= wrapping or set(prev) <= wrapping or title not in prev)
            if shared <= wrapping and (lone or cut):
                for b in row.values():
                    _add(prev, b)
                last_page = last
                continue
        out.append(row)
        last_page = last
    return out


def _split_off_centre(lines, anchors, first_page):
    """Insert a forced break (``(None, …)``) before the lines of a cell centred on an anchor when
    lines above them (the rest of the previous row, cut by a page break) run into them."""
    out = []
    i = 0
    n = len(lines)
    while i < n:
        # the run of lines closer than a row gap, starting at i
        j = i
        while j + 1 < n and lines[j + 1][1] - lines[j][2] < CELL_LINE_GAP_EM * lines[j][3]:
            j += 1
        top, bottom = lines[i][1], lines[j][2]
        inside = [a for a in anchors if top <= a[0] <= bottom]
        page = lines[i][0][0].words[0].page
        first_on_page = i == 0 or lines[i - 1][0][0].words[0].page != page
        if len(inside) == 1 and j > i and page > first_page and first_on_page:
            cy, size = inside[0]
            if abs((top + bottom) / 2 - cy) > CENTRED_ON_ANCHOR_EM * size:
                best = min(
                    range(i + 1, j + 1),
                    key=lambda k: abs((lines[k][1] + bottom) / 2 - cy) if lines[k][1] <= cy else INF,
                )
                if abs((lines[best][1] + bottom) / 2 - cy) <= CENTRED_ON_ANCHOR_EM * size:
                    out.extend(lines[i:best])
                    out.append((None, 0.0, 0.0, 0.0))
                    out.extend(lines[best : j + 1])
                    i = j + 1
                    continue
        out.extend(lines[i : j + 1])
        i = j + 1
    return out


def unit_lines(units: list[Unit]) -> list[tuple[list[Unit], float, float, float]]:
    lines: list[tuple[list[Unit], float, float, float]] = []
    for u in units:
        if lines:
            lu, top, bottom, size = lines[-1]
            overlap = min(bottom, u.bottom) - max(top, u.top)
            if overlap > LINE_OVERLAP * min(u.bottom - u.top, bottom - top):
                lu.append(u)
                lines[-1] = (lu, min(top, u.top), max(bottom, u.bottom), max(size, u.size))
                continue
        lines.append(([u], u.top, u.bottom, u.size))
    return lines
