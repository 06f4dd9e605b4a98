"""Tables I and II: columns from the printed column headers, rows from the data's geometry.

* Columns: every top-level header cell starts with its number ("1.", "2A.", "10." …) at the cell's
  left edge (+ padding); a header spanning several columns ("3. Transaction Code" over "Code" and
  "V") is split at its sub-headers, which are centred over their columns (Chromium, wkhtmltopdf) or
  left-aligned (WeasyPrint ignores ``align``) -- the data below is aligned the same way.
* Rows: the cells of one row are centred vertically on the same line, so each column's text is cut
  into blocks (a cell's wrapped lines) and blocks that overlap vertically form a row. This never
  mixes the letters of neighbouring cells, whatever their vertical offsets.
* Repeated header blocks on later pages are black text and are ignored: data is blue (values),
  green (footnote marks) or a black "$" before a number.
* Page breaks: a cell's wrapped lines follow each other in the content stream with even spacing,
  which keeps the rest of a row cut by a page break apart from the next row's cell below it; the
  parts of a cut row are joined again because they never share a single-line column (every row
  has one title and one "Direct or Indirect" cell). wkhtmltopdf's doubled cut line is removed
  before this (``pdf._drop_cut_line_copies``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from tui.model import Amount, DerivativeRow, FiledDate, Row
from tui.readers.errors import ReadError
from tui.readers.pdf_words import BLACK, GREEN, Word, has_space_chars, join_lines, make_lines, runs

# top-level header number -> the leaf columns under it, per (form, table)
# fmt: off
_T1_45 = [("1.", ["title"]), ("2.", ["date"]), ("2A.", ["deemed"]), ("3.", ["code", "v"]),
          ("4.", ["amount", "ad", "price"]), ("5.", ["owned"]), ("6.", ["di"]), ("7.", ["nature"])]
_T2_45 = [("1.", ["title"]), ("2.", ["conv"]), ("3.", ["date"]), ("3A.", ["deemed"]),
          ("4.", ["code", "v"]), ("5.", ["a", "d"]), ("6.", ["exdate", "expdate"]),
          ("7.", ["utitle", "ushares"]), ("8.", ["price"]), ("9.", ["owned"]), ("10.", ["di"]),
          ("11.", ["nature"])]
# fmt: on
SCHEMAS: dict[tuple[str, int], list[tuple[str, list[str]]]] = {
    ("4", 1): _T1_45,
    ("5", 1): [(n, ["code"] if n == "3." else leaves) for n, leaves in _T1_45],
    ("3", 1): [("1.", ["title"]), ("2.", ["owned"]), ("3.", ["di"]), ("4.", ["nature"])],
    ("4", 2): _T2_45,
    ("5", 2): [(n, ["code"] if n == "4." else leaves) for n, leaves in _T2_45],
    ("3", 2): [
        ("1.", ["title"]),
        ("2.", ["exdate", "expdate"]),
        ("3.", ["utitle", "ushares"]),
        ("4.", ["conv"]),
        ("5.", ["di"]),
        ("6.", ["nature"]),
    ],
}

INF = float("inf")
_MARK = re.compile(r"\((\d+)\)")
_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


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
class Column:
    key: str
    start: float  # left boundary of the top-level header cell's text
    group: int  # index of the top-level header
    anchor: float = 0.0  # sub-column: text x0 (left-aligned) or centre (centred)


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


def _header_columns(form: str, table: int, header_words: Sequence[Word]) -> tuple[list[Column], bool] | None:
    """The leaf columns, and whether sub-headers (and so the data) are centred in their cells."""
    schema = SCHEMAS[(form, table)]
    firsts: dict[str, Word] = {}
    for w in sorted(header_words, key=lambda w: w.top):
        if w.text not in firsts:
            firsts[w.text] = w
    tops: list[Word] = []
    for number, _ in schema:
        w = firsts.get(number)
        if w is None:
            return None
        tops.append(w)
    if any(tops[i].x0 >= tops[i + 1].x0 for i in range(len(tops) - 1)):
        return None
    columns: list[Column] = []
    centred_any = False
    subs_per_group: list[list[tuple[float, float]]] = []
    for gi, ((_, leaves), head) in enumerate(zip(schema, tops, strict=True)):
        if len(leaves) == 1:
            subs_per_group.append([])
            continue
        right = tops[gi + 1].x0 if gi + 1 < len(tops) else float("inf")
        subs = _sub_headers(head, right, header_words)
        if len(subs) != len(leaves):  # fall back to equal shares of the header's width
            width = (right if right != float("inf") else head.x0 + 60.0) - head.x0
            subs = [(head.x0 + width * k / len(leaves), head.x0 + width * (k + 1) / len(leaves) - 4)
                    for k in range(len(leaves))]  # fmt: skip
        if subs[0][0] - head.x0 > 1.5:
            centred_any = True
        subs_per_group.append(subs)
    for gi, ((_, leaves), head) in enumerate(zip(schema, tops, strict=True)):
        subs = subs_per_group[gi]
        for li, key in enumerate(leaves):
            anchor = 0.0
            if subs:
                x0, x1 = subs[li]
                anchor = (x0 + x1) / 2 if centred_any else x0
            columns.append(Column(key, head.x0, gi, anchor))
    return columns, centred_any


def _sub_headers(head: Word, right: float, header_words: Sequence[Word]) -> list[tuple[float, float]]:
    """The x-extents of the sub-header cells under a spanning header, left to right."""
    mine = [w for w in header_words if head.x0 - 1.0 <= w.x0 < right - 1.0 and w.top >= head.top - 0.5]
    lines = make_lines(mine)
    # the spanning header's own lines come first and run together; the sub-headers start after a gap
    start = None
    for i, line in enumerate(lines):
        if head in line.words:
            start = i
            break
    if start is None:
        return []
    k = start
    # (the header cell's wrapped lines are one run of the content stream; the sub-headers, in the
    # next table row, come after every other header cell of this row)
    while k + 1 < len(lines):
        nxt, cur = lines[k + 1], lines[k]
        if nxt.words[0].page != cur.words[-1].page:  # the header cell continues on the next page
            k += 1
            continue
        if nxt.top - cur.bottom < cur.size and nxt.words[0].seq == cur.words[-1].seq + 1:
            k += 1
            continue
        break
    sub_words = [w for ln in lines[k + 1 :] for w in ln.words]
    # cluster by horizontal overlap (words of one sub-header cell overlap or sit a space apart)
    spans: list[list[float]] = []
    for w in sorted(sub_words, key=lambda w: w.x0):
        if spans and w.x0 <= spans[-1][1] + 0.35 * w.size:
            spans[-1][1] = max(spans[-1][1], w.x1)
        else:
            spans.append([w.x0, w.x1])
    return [(a, b) for a, b in spans]


def _assign(unit: Unit, columns: list[Column], centred: bool) -> Column:
    x0 = unit.x0
    group = columns[0].group
    for c in columns:
        if c.start - 1.5 <= x0:
            group = c.group
    members = [c for c in columns if c.group == group]
    if len(members) == 1:
        return members[0]
    if centred:
        cx = (unit.x0 + unit.x1) / 2
        return min(members, key=lambda c: abs(c.anchor - cx))
    chosen = members[0]
    for c in members:
        if c.anchor - 1.5 <= x0:
            chosen = c
    return chosen


def read_table(
    form: str, table: int, title: Word, end: float, words: Sequence[Word]
) -> tuple[list[dict[str, Block]], bool]:
    """Rows of one table (each a mapping leaf-column key -> its cell's block) between the table's
    title and ``end``; the bool says whether the column headers were found."""
    region = [w for w in words if title.bottom <= w.top < end]
    data_top = min((w.top for w in region if w.colour != BLACK), default=end)
    header_words = [w for w in region if w.colour == BLACK and w.top < data_top]
    found = _header_columns(form, table, header_words)
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
    data = [w for w in region if w.top >= data_top - 0.01 and (w.colour != BLACK or w.text == "$")]
    units = units_of(data, has_space_chars(words))
    per_column: dict[str, list[Unit]] = {}
    for u in units:
        if u.words[0].colour == BLACK and len(u.words) == 1:
            continue  # a stray "$" with no number after it
        per_column.setdefault(_assign(u, columns, centred).key, []).append(u)
    return group_rows(per_column, _WRAPPING, title="title"), True


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
        lines = _unit_lines(col_units)
        if anchors and key != anchor:
            lines = _split_off_centre(lines, anchors, first_page)
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
                if (
                    gap < 0.8 * size
                    and (not gaps or gap < min(gaps) + 0.2 * size)
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
            return b.top, b.bottom + 0.6 * (b.bottom - b.top)
        return b.top, b.bottom

    rows: list[dict[str, Block]] = []
    pages: list[tuple[int, int]] = []
    row_bottom = -1.0
    for b in sorted(blocks, key=lambda b: span(b)[0]):
        top, bottom = span(b)
        page = b.units[0].words[0].page
        if rows and top < row_bottom - 0.3:
            _add(rows[-1], b)
            row_bottom = max(row_bottom, bottom)
            pages[-1] = (pages[-1][0], page)
            continue
        rows.append({b.column: b})
        pages.append((page, page))
        row_bottom = bottom
    return _join_split_rows(rows, pages, wrapping, title)


def _add(row: dict[str, Block], b: Block) -> None:
    if b.column in row:  # one cell seen as two blocks: join the text
        row[b.column].units.extend(b.units)
    else:
        row[b.column] = b


#: columns whose text wraps over several lines (the only ones a page break can split)
_WRAPPING = frozenset({"title", "utitle", "nature"})


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
        while j + 1 < n and lines[j + 1][1] - lines[j][2] < 0.8 * lines[j][3]:
            j += 1
        top, bottom = lines[i][1], lines[j][2]
        inside = [a for a in anchors if top <= a[0] <= bottom]
        page = lines[i][0][0].words[0].page
        first_on_page = i == 0 or lines[i - 1][0][0].words[0].page != page
        if len(inside) == 1 and j > i and page > first_page and first_on_page:
            cy, size = inside[0]
            if abs((top + bottom) / 2 - cy) > 0.3 * size:
                best = min(
                    range(i + 1, j + 1),
                    key=lambda k: abs((lines[k][1] + bottom) / 2 - cy) if lines[k][1] <= cy else INF,
                )
                if abs((lines[best][1] + bottom) / 2 - cy) <= 0.3 * size:
                    out.extend(lines[i:best])
                    out.append((None, 0.0, 0.0, 0.0))
                    out.extend(lines[best : j + 1])
                    i = j + 1
                    continue
        out.extend(lines[i : j + 1])
        i = j + 1
    return out


def _unit_lines(units: list[Unit]) -> list[tuple[list[Unit], float, float, float]]:
    lines: list[tuple[list[Unit], float, float, float]] = []
    for u in units:
        if lines:
            lu, top, bottom, size = lines[-1]
            overlap = min(bottom, u.bottom) - max(top, u.top)
            if overlap > 0.35 * min(u.bottom - u.top, bottom - top):
                lu.append(u)
                lines[-1] = (lu, min(top, u.top), max(bottom, u.bottom), max(size, u.size))
                continue
        lines.append(([u], u.top, u.bottom, u.size))
    return lines


# ---------------------------------------------------------------------------------------------
# cells -> model values


@dataclass(slots=True)
class Cell:
    text: str | None
    marks: tuple[str, ...]
    dollar: bool

    @property
    def empty(self) -> bool:
        return self.text is None and not self.marks


def cell_of(block: Block | None) -> Cell:
    if block is None:
        return Cell(None, (), False)
    lines: list[list[Word]] = []
    for line_units, _, _, _ in _unit_lines(sorted(block.units, key=lambda u: (u.top, u.x0))):
        ws = sorted((w for u in line_units for w in u.words), key=lambda w: w.x0)
        lines.append(ws)
    texts: list[str] = []
    marks: list[str] = []
    dollar = False
    for ws in lines:
        parts: list[str] = []
        prev: Word | None = None
        for w in ws:
            if w.colour == GREEN:
                marks.extend(f"F{n}" for n in _MARK.findall(w.text))
                continue
            if w.colour == BLACK:
                dollar = dollar or w.text == "$"
                continue
            if prev is not None and w.x0 - prev.x1 > 0.1 * min(w.size, prev.size):
                parts.append(" ")
            parts.append(w.text)
            prev = w
        if parts:
            texts.append("".join(parts))
    return Cell(join_lines(texts), tuple(marks), dollar)


def iso_date(text: str | None) -> FiledDate | None:
    if text is None:
        return None
    m = _DATE.match(text.strip())
    if not m:
        return FiledDate(text)
    month, day, year = m.groups()
    return FiledDate(f"{year}-{int(month):02d}-{int(day):02d}")


def amount(text: str | None) -> Amount | None:
    if text is None:
        return None
    cleaned = text.replace(",", "").replace("$", "").replace(" ", "")
    return Amount(cleaned or text)


_TRANSACTION_CELLS = ("date", "deemed", "code", "v", "amount", "ad", "price", "a", "d")


def build_row(form: str, table: int, row: dict[str, Block]) -> Row:
    cells = {key: cell_of(block) for key, block in row.items()}
    get = cells.get
    empty = Cell(None, (), False)
    refs: dict[str, tuple[str, ...]] = {}

    def note(field_name: str, cell: Cell) -> None:
        if cell.marks:
            refs[field_name] = refs.get(field_name, ()) + cell.marks

    is_tx = form != "3" and any(not cells.get(k, empty).empty for k in _TRANSACTION_CELLS)
    kw: dict = {"kind": "transaction" if is_tx else "holding"}

    title = get("title", empty)
    kw["security_title"] = title.text
    note("security_title", title)
    dates = [("date", "transaction_date"), ("deemed", "deemed_execution_date")]
    if table == 2:
        dates += [("exdate", "exercise_date"), ("expdate", "expiration_date")]
    for key, name in dates:
        c = get(key, empty)
        kw[name] = iso_date(c.text)
        note(name, c)
    code = get("code", empty)
    kw["code"] = code.text
    note("code", code)
    v = get("v", empty)
    note("code", v)
    if form == "4" and is_tx:
        kw["form_type"] = "5" if v.text == "V" else "4"
    # shares: Table I "Amount" column, Table II "(A)" / "(D)" columns; "$" means a dollar value
    shares_cells = [("amount", None), ("a", "A"), ("d", "D")]
    for key, ad in shares_cells:
        c = cells.get(key)
        if c is None or c.empty:
            continue
        name = "total_value" if c.dollar else "shares"
        kw[name] = amount(c.text)
        note(name, c)
        if ad is not None:
            kw["acquired_disposed"] = ad
    ad_cell = get("ad", empty)
    if ad_cell.text is not None:
        kw["acquired_disposed"] = ad_cell.text
    note("acquired_disposed", ad_cell)
    price = get("price", empty)
    kw["price"] = amount(price.text)
    note("price", price)
    owned = get("owned", empty)
    name = "value_owned_following" if owned.dollar else "shares_owned_following"
    kw[name] = amount(owned.text)
    note(name, owned)
    di = get("di", empty)
    kw["direct_indirect"] = di.text
    note("direct_indirect", di)
    nature = get("nature", empty)
    kw["nature_of_ownership"] = nature.text
    note("nature_of_ownership", nature)
    if table == 1:
        kw["footnotes"] = refs
        return Row(**kw)
    conv = get("conv", empty)
    kw["conversion_or_exercise_price"] = amount(conv.text)
    note("conversion_or_exercise_price", conv)
    utitle = get("utitle", empty)
    kw["underlying_title"] = utitle.text
    note("underlying_title", utitle)
    ushares = get("ushares", empty)
    name = "underlying_value" if ushares.dollar else "underlying_shares"
    kw[name] = amount(ushares.text)
    note(name, ushares)
    kw["footnotes"] = refs
    return DerivativeRow(**kw)
