"""A small grid of text cells with a cell cursor, drawn with Textual's Line API.

Textual's DataTable renders every cell through a Rich console (padding, wrapping, measuring), which costs
30-80 ms each time a filing's two tables are replaced: enough, with the rest of a repaint, to stall the
screen past 100 ms while the user runs down the filing list. A filing's cells are one line each, so this
grid lays them out itself: each cell becomes a few segments once, each row one cached strip, and moving
the cursor re-renders one row. The header stays put while the rows scroll under it, and the first
``fixed_columns`` columns (a table's Security) stay put while the others scroll sideways under them."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from itertools import accumulate
from typing import ClassVar

from rich.cells import cell_len
from rich.console import Console
from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.coordinate import Coordinate
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.explorer.widgets.labelled_rows import text_segments

#: blank columns either side of a cell's text
CELL_PADDING = 1


class CellGrid(ScrollView, can_focus=True):
    """Rows of `Text` cells under a header of one or two lines. Posts `CellHighlighted` when the cursor moves."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "up",
            "cursor_up",
            "Cursor up",
            show=False,
            key_display="arrows",
            tooltip="move the cell cursor; the line under the table spells out the cell",
        ),
        Binding(
            "down",
            "cursor_down",
            "Cursor down",
            show=False,
            key_display="arrows",
            tooltip="move the cell cursor; the line under the table spells out the cell",
        ),
        Binding(
            "left",
            "cursor_left",
            "Cursor left",
            show=False,
            key_display="arrows",
            tooltip="move the cell cursor; the line under the table spells out the cell",
        ),
        Binding(
            "right",
            "cursor_right",
            "Cursor right",
            show=False,
            key_display="arrows",
            tooltip="move the cell cursor; the line under the table spells out the cell",
        ),
        Binding("pageup", "page_up", "Page up", show=False, tooltip="a page of rows up / down"),
        Binding("pagedown", "page_down", "Page down", show=False, tooltip="a page of rows up / down"),
        Binding("home", "first_column", "First column", show=False, tooltip="first / last column"),
        Binding("end", "last_column", "Last column", show=False, tooltip="first / last column"),
        Binding("ctrl+home", "first_row", "First row", show=False, tooltip="first / last row"),
        Binding("ctrl+end", "last_row", "Last row", show=False, tooltip="first / last row"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {"cell-grid--header", "cell-grid--cursor", "cell-grid--even-row"}

    class CellHighlighted(Message):
        """The cursor is on another cell (also sent when new rows are shown)."""

        def __init__(self, grid: CellGrid, coordinate: Coordinate) -> None:
            super().__init__()
            self.grid = grid
            self.coordinate = coordinate

        @property
        def control(self) -> CellGrid:
            return self.grid

    def __init__(self, *, fixed_columns: int = 0, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        #: columns on the left that never scroll sideways (they are left out when the grid is too narrow)
        self.fixed_columns = fixed_columns
        self._headers: list[Text] = []
        self._rows: list[list[Text]] = []
        self._widths: list[int] = []
        self._starts: list[int] = [0]  # x of each column's left edge, then the total width
        self._header_height = 1
        self._cursor = Coordinate(0, 0)
        self._cell_cache: dict[tuple[int, int], list[Segment]] = {}
        self._line_cache: dict[int, Strip] = {}  # row index (-1 - line for header lines) -> strip

    # ------------------------------------------------------------------ data
    @property
    def row_count(self) -> int:
        return len(self._rows)

    @property
    def column_count(self) -> int:
        return len(self._headers)

    @property
    def headers(self) -> list[Text]:
        return list(self._headers)

    @property
    def header_height(self) -> int:
        return self._header_height

    @property
    def fixed_width(self) -> int:
        """Cells taken by the fixed columns (0 when they would leave no room for the others)."""
        fixed = min(self.fixed_columns, len(self._widths))
        width = self._starts[fixed] if fixed < len(self._starts) else 0
        return width if width * 2 <= self.scrollable_content_region.width else 0

    @property
    def cursor_coordinate(self) -> Coordinate:
        return self._cursor

    def set_cells(self, headers: Sequence[Text], rows: Sequence[Sequence[Text]]) -> None:
        """Show these cells (each row as long as ``headers``); the cursor goes to the first cell."""
        self._headers = list(headers)
        self._rows = [[_one_line(cell) for cell in row] for row in rows]
        self._header_height = max((len(h.plain.splitlines()) for h in self._headers), default=1) or 1
        self._widths = [
            max([cell_len(line) for line in header.plain.splitlines()] + [r[c].cell_len for r in self._rows] + [1])
            + 2 * CELL_PADDING
            for c, header in enumerate(self._headers)
        ]  # fmt: skip
        self._starts = [0, *accumulate(self._widths)]
        self._clear_caches()
        # An unchanged size means no layout pass over the whole screen (Reactive compares the values).
        self.virtual_size = Size(self._starts[-1], self._header_height + len(self._rows))
        self.scroll_to(0, 0, animate=False, immediate=True)
        self._cursor = Coordinate(0, 0)
        self.refresh()
        self.post_message(self.CellHighlighted(self, self._cursor))

    def get_cell_at(self, coordinate: Coordinate) -> Text:
        return self._rows[coordinate.row][coordinate.column]

    def update_cell_at(self, coordinate: Coordinate, value: Text) -> None:
        """Replace one cell (same width or narrower: the columns keep their widths)."""
        self._rows[coordinate.row][coordinate.column] = _one_line(value)
        self._cell_cache.pop((coordinate.row, coordinate.column), None)
        self._line_cache.pop(coordinate.row, None)
        self.refresh()

    # ------------------------------------------------------------------ cursor
    def move_cursor(self, *, row: int | None = None, column: int | None = None, scroll: bool = True) -> None:
        """Put the cursor on a cell (clamped to the grid), scrolled into sight unless ``scroll`` is false."""
        if not self._rows:
            return
        row = self._cursor.row if row is None else max(0, min(row, len(self._rows) - 1))
        column = self._cursor.column if column is None else max(0, min(column, len(self._headers) - 1))
        target = Coordinate(row, column)
        if scroll:
            self._scroll_into_view(target)
        if target != self._cursor:
            self._cursor = target
            self.refresh()
            self.post_message(self.CellHighlighted(self, target))

    def _scroll_into_view(self, target: Coordinate) -> None:
        if not self._rows or target.column >= len(self._headers):
            return  # nothing to scroll to (an empty table, resized)
        region = self.scrollable_content_region
        rows_visible = region.height - self._header_height
        if rows_visible <= 0 or region.width <= 0:
            return
        scroll_x, scroll_y = int(self.scroll_offset.x), int(self.scroll_offset.y)
        y = scroll_y
        if target.row < scroll_y:
            y = target.row
        elif target.row >= scroll_y + rows_visible:
            y = target.row - rows_visible + 1
        fixed = self.fixed_width
        left, right = self._starts[target.column], self._starts[target.column + 1]
        x = scroll_x
        if fixed and left < fixed:
            x = 0  # a fixed column is always in sight: the others from their start (home)
        elif left - fixed < scroll_x:
            x = left - fixed
        elif right > scroll_x + region.width:
            # scrolled to a column's left edge (no column shows cut at its start), as little as will do
            edge = bisect_left(self._starts, right - region.width + fixed)
            x = min(left, self._starts[min(edge, len(self._starts) - 1)]) - fixed
        if x and x + region.width > self.virtual_size.width:
            # a column edge further right than the last column allows: room made after the last column
            self.virtual_size = Size(x + region.width, self.virtual_size.height)
        if (x, y) != (scroll_x, scroll_y):
            self.scroll_to(x, y, animate=False, immediate=True)

    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height - self._header_height)

    def action_cursor_up(self) -> None:
        self.move_cursor(row=self._cursor.row - 1)

    def action_cursor_down(self) -> None:
        self.move_cursor(row=self._cursor.row + 1)

    def action_cursor_left(self) -> None:
        self.move_cursor(column=self._cursor.column - 1)

    def action_cursor_right(self) -> None:
        self.move_cursor(column=self._cursor.column + 1)

    def action_page_up(self) -> None:
        self.move_cursor(row=self._cursor.row - self._page())

    def action_page_down(self) -> None:
        self.move_cursor(row=self._cursor.row + self._page())

    def action_first_column(self) -> None:
        self.move_cursor(column=0)

    def action_last_column(self) -> None:
        self.move_cursor(column=len(self._headers) - 1)

    def action_first_row(self) -> None:
        self.move_cursor(row=0)

    def action_last_row(self) -> None:
        self.move_cursor(row=len(self._rows) - 1)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < self._header_height:
            return
        row = offset.y - self._header_height + int(self.scroll_offset.y)
        x = offset.x if offset.x < self.fixed_width else offset.x + int(self.scroll_offset.x)
        column = bisect_right(self._starts, x) - 1
        if 0 <= row < len(self._rows) and 0 <= column < len(self._headers):
            self.move_cursor(row=row, column=column)

    # ------------------------------------------------------------------ rendering
    def _clear_caches(self) -> None:
        self._cell_cache.clear()
        self._line_cache.clear()

    def notify_style_update(self) -> None:
        # also on focus and blur: `:focus` tints the background and changes the cursor's colours
        super().notify_style_update()
        self._clear_caches()

    def _cell(self, row: int, column: int) -> list[Segment]:
        """One cell's segments, padded to its column's width (no row style: that goes under them)."""
        key = (row, column)
        segments = self._cell_cache.get(key)
        if segments is None:
            text = _header_line(self._headers[column], -1 - row) if row < 0 else self._rows[row][column]
            segments = _cell_segments(text, self._widths[column] - 2 * CELL_PADDING, self.app.console)
            self._cell_cache[key] = segments
        return segments

    def _line(self, row: int) -> Strip:
        """A whole row (or header line ``-1 - row``) with its row style, cursor not drawn."""
        strip = self._line_cache.get(row)
        if strip is None:
            style = self.rich_style
            if row < 0:
                style += self.get_component_rich_style("cell-grid--header")
            elif row % 2:
                style += self.get_component_rich_style("cell-grid--even-row")  # 1-based even: zebra as DataTable
            segments = [segment for column in range(len(self._headers)) for segment in self._cell(row, column)]
            strip = Strip(segments, self._starts[-1]).apply_style(style)
            self._line_cache[row] = strip
        return strip

    def _cursor_line(self, row: int) -> Strip:
        """The row with the cursor's style under the cursor cell's own styles (a cited cell stays marked)."""
        base = self._line(row)
        column = self._cursor.column
        left, right = self._starts[column], self._starts[column + 1]
        style = self.rich_style + self.get_component_rich_style("cell-grid--cursor")
        cursor_cell = Strip(self._cell(row, column), right - left).apply_style(style)
        return Strip.join([base.crop(0, left), cursor_cell, base.crop(right)])

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = int(self.scroll_offset.x), int(self.scroll_offset.y)
        width = self.scrollable_content_region.width
        base = self.rich_style
        if y < self._header_height:
            strip = self._line(-1 - y) if self._headers else Strip.blank(width, base)
        else:
            row = y - self._header_height + scroll_y
            if row >= len(self._rows):
                return Strip.blank(width, base)
            strip = self._cursor_line(row) if row == self._cursor.row else self._line(row)
        fixed = self.fixed_width
        if fixed and scroll_x:  # the fixed columns, then the others from where they are scrolled to
            strip = Strip.join([strip.crop(0, fixed), strip.crop(fixed + scroll_x, scroll_x + width)])
            return strip.extend_cell_length(width, base)
        return strip.crop(scroll_x, scroll_x + width).extend_cell_length(width, base)

    def on_resize(self, event: events.Resize) -> None:
        """Another width (a zoom, a resized terminal): scrolled back to the left edge, then only as far as
        the cursor needs, so no column shows cut at its start."""
        self.virtual_size = Size(self._starts[-1], self._header_height + len(self._rows))
        self.scroll_to(x=0, animate=False, immediate=True)
        self.call_after_refresh(lambda: self._scroll_into_view(self._cursor))


#: line breaks and tabs a filer typed become spaces (one for one, so the text's styles stay in place)
_ONE_LINE = str.maketrans("\n\r\t\v\f", "     ")


def _header_line(header: Text, line: int) -> Text:
    lines = header.split("\n")
    part = lines[line] if line < len(lines) else Text("")
    part.justify = header.justify
    return part


def _one_line(text: Text) -> Text:
    """Every row of the grid is one line high."""
    plain = text.plain.translate(_ONE_LINE)
    if plain == text.plain:
        return text
    return Text(plain, style=text.style, justify=text.justify, spans=text.spans)


def _cell_segments(text: Text, width: int, console: Console) -> list[Segment]:
    """A one-line ``text`` justified in ``width`` cells, with the grid's padding either side."""
    part = text.copy()
    part.truncate(width, overflow="ellipsis")
    room = width - part.cell_len
    left = room if text.justify == "right" else room // 2 if text.justify == "center" else 0
    pad = " " * CELL_PADDING
    return [Segment(pad + " " * left), *text_segments(part, console), Segment(" " * (room - left) + pad)]
