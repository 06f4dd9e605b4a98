"""Table I or Table II of a filing: every column of `tui.columns`, a cell cursor, the form's footnote
marks on the cells that cite footnotes, and a status line that spells out the cell under the cursor
(the full value, a transaction code's meaning, the footnotes it cites)."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.coordinate import Coordinate
from textual.message import Message
from textual.widgets import Static

from tui.codes import describe
from tui.columns import TABLE_I, TABLE_II, Column, used_columns
from tui.explorer.widgets.cell_grid import CellGrid
from tui.explorer.widgets.shown import ShownFiling
from tui.formatting import cell, footnote_marks
from tui.model import Row

#: text columns longer than this are shortened in the cell (the status line shows them whole)
MAX_CELL_TEXT = 30


def wrap_header(header: str, width: int = 12) -> Text:
    """A header on at most two lines ("Conversion or" / "exercise price") so columns stay narrow."""
    if len(header) <= width:
        return Text(header)
    words = header.split()
    best = (len(header), header, "")
    for split in range(1, len(words)):
        first, second = " ".join(words[:split]), " ".join(words[split:])
        longest = max(len(first), len(second))
        if longest < best[0]:
            best = (longest, first, second)
    return Text(f"{best[1]}\n{best[2]}" if best[2] else best[1])


def _shorten(value: str) -> str:
    return value if len(value) <= MAX_CELL_TEXT else value[: MAX_CELL_TEXT - 1] + "…"


class TransactionTable(CellGrid):
    """The cells of one table. `f`/`enter` on a footnoted cell posts `FootnotesRequested`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f", "footnotes", "Footnotes of cell", tooltip="read the footnotes the cell cites"),
        Binding("enter", "footnotes", "Footnotes of cell", show=False, tooltip="read the footnotes the cell cites"),
    ]

    #: the layers of marked cells, weakest first, each with its style: the cells a review finding concerns,
    #: those of the selected finding, those citing the selected footnote
    LAYERS: ClassVar[tuple[str, ...]] = ("flagged", "finding", "cited")
    COMPONENT_CLASSES: ClassVar[set[str]] = CellGrid.COMPONENT_CLASSES | {f"transaction-table--{n}" for n in LAYERS}

    class FootnotesRequested(Message):
        def __init__(self, table: TransactionTable, coordinate: Coordinate, footnote_ids: tuple[str, ...]) -> None:
            super().__init__()
            self.table = table
            self.coordinate = coordinate
            self.footnote_ids = footnote_ids

        @property
        def control(self) -> TransactionTable:
            return self.table

    def __init__(self, *, fixed_columns: int = 0, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(fixed_columns=fixed_columns, id=id, classes=classes)
        self.rows_shown: tuple[Row, ...] = ()
        self.columns_shown: tuple[Column, ...] = ()
        self._marks: dict[str, frozenset[Coordinate]] = {}  # layer -> its cells

    def show_rows(self, rows: Sequence[Row], columns: Sequence[Column]) -> None:
        self.rows_shown = tuple(rows)
        self.columns_shown = tuple(columns)
        self._marks = {}
        self.set_cells([wrap_header(column.header) for column in columns], [self._cells(r) for r in range(len(rows))])

    def _cells(self, r: int) -> list[Text]:
        row = self.rows_shown[r]
        cells = []
        for c, column in enumerate(self.columns_shown):
            text = cell(_shorten(column.value(row)), column.footnotes(row))
            if column.numeric:
                text.justify = "right"
            for layer in self.LAYERS:
                if Coordinate(r, c) in self._marks.get(layer, ()):
                    text.stylize(self.get_component_rich_style(f"transaction-table--{layer}"))
            cells.append(text)
        return cells

    def footnotes_at(self, coordinate: Coordinate) -> tuple[str, ...]:
        if not (0 <= coordinate.row < len(self.rows_shown) and 0 <= coordinate.column < len(self.columns_shown)):
            return ()
        return self.columns_shown[coordinate.column].footnotes(self.rows_shown[coordinate.row])

    def citing(self, footnote_id: str) -> list[Coordinate]:
        """The cells that cite ``footnote_id``, row by row."""
        return [
            Coordinate(r, c)
            for r, row in enumerate(self.rows_shown)
            for c, column in enumerate(self.columns_shown)
            if footnote_id in column.footnotes(row)
        ]

    def concerning(self, rows: Iterable[int], fields: Collection[str]) -> list[Coordinate]:
        """The cells of ``rows`` (indexes into the rows shown) whose columns show one of ``fields`` (model
        field names); a row none of whose shown columns does: its first cell."""
        cells = []
        for r in rows:
            if not 0 <= r < len(self.rows_shown):
                continue
            hits = [Coordinate(r, c) for c, col in enumerate(self.columns_shown) if set(col.fields) & set(fields)]
            cells += hits or ([Coordinate(r, 0)] if self.columns_shown else [])
        return cells

    def mark(self, layer: str, cells: Iterable[Coordinate]) -> None:
        """Highlight ``cells`` in ``layer`` (one of `LAYERS`), instead of the cells it highlighted."""
        new, old = frozenset(cells), self._marks.get(layer, frozenset())
        if new == old:
            return
        self._marks[layer] = new
        for r in sorted({c.row for c in new ^ old}):
            for c, value in enumerate(self._cells(r)):
                self.update_cell_at(Coordinate(r, c), value)

    def go_to(self, coordinate: Coordinate) -> None:
        self.move_cursor(row=coordinate.row, column=coordinate.column, scroll=True)
        self.focus()

    def action_footnotes(self) -> None:
        coordinate = self.cursor_coordinate
        ids = self.footnotes_at(coordinate)
        if ids:
            self.post_message(self.FootnotesRequested(self, coordinate, ids))
        elif self.rows_shown:
            self.notify("This cell cites no footnote.", timeout=2)

    def describe_cell(self, coordinate: Coordinate) -> Text:
        """The status line for a cell: header, full value, a code's meaning, the footnotes cited."""
        if not (0 <= coordinate.row < len(self.rows_shown) and 0 <= coordinate.column < len(self.columns_shown)):
            return Text("")
        column = self.columns_shown[coordinate.column]
        row = self.rows_shown[coordinate.row]
        value = column.value(row)
        text = Text()
        text.append(f"{column.header}: ", style="bold")
        text.append(value or "—")
        if column.key == "code" and row.code:
            text.append(f"  {describe(row.code)}", style="italic")
            if row.equity_swap:
                text.append("  (equity swap involved)")
        ids = column.footnotes(row)
        if ids:
            text.append(f"  {footnote_marks(ids)} f: read", style="bold green")
        return text


class TablePane(Vertical):
    """A table with its title, an empty-table note and the status line of the cell under the cursor."""

    ALLOW_MAXIMIZE = True  # z zooms the pane (with its status line / remarks), not just its inner list

    def __init__(self, title: str, empty_text: str, *, derivative: bool, id: str | None = None) -> None:
        super().__init__(id=id, classes="pane table-pane")
        self.derivative = derivative  # Table II (derivative securities) or Table I
        self.border_title = title
        self._table = TransactionTable(fixed_columns=1, classes="transaction-table")  # Security stays in sight
        self._empty = Static(Text(empty_text), classes="table-empty")
        self._status = Static(Text(""), classes="cell-status")
        self._status_shown = Text("")

    def compose(self) -> ComposeResult:
        yield self._table
        yield self._empty
        yield self._status

    @property
    def table(self) -> TransactionTable:
        return self._table

    def show_filing(self, shown: ShownFiling) -> None:
        filing = shown.filing
        if self.derivative:  # the columns the rows use (a Form 3's holdings: no empty transaction columns)
            self.show_rows(filing.derivative, used_columns(filing.derivative, TABLE_II))
        else:
            self.show_rows(filing.non_derivative, used_columns(filing.non_derivative, TABLE_I))

    def show_nothing(self, message: str = "") -> None:
        self.show_rows((), ())

    def show_rows(self, rows: Sequence[Row], columns: Sequence[Column]) -> None:
        self.table.show_rows(rows, columns)
        self.set_class(not rows, "-empty")
        self.border_subtitle = f"{len(rows)} row{'s' if len(rows) != 1 else ''}" if rows else ""
        self._update_status(self.table.cursor_coordinate)

    def _update_status(self, coordinate: Coordinate) -> None:
        status = self.table.describe_cell(coordinate)
        if status != self._status_shown:  # an unchanged line costs no layout pass
            self._status_shown = status
            self._status.update(status)

    def on_cell_grid_cell_highlighted(self, event: CellGrid.CellHighlighted) -> None:
        self._update_status(event.coordinate)
