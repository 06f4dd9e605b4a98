"""The links between table cells and footnotes: `f` on a cell, a footnote selected, `enter`/`n` through
the citing cells, `b` back (the keys are `CellLinks`'; this says what a footnote's cells are)."""

from __future__ import annotations

from collections.abc import Callable

from textual.coordinate import Coordinate
from textual.widget import Widget

from tui.explorer.cell_links import CellLinks
from tui.explorer.widgets.footnotes_pane import FootnoteList, FootnotesPane
from tui.explorer.widgets.transaction_table import TablePane, TransactionTable
from tui.formatting import footnote_label


class FootnoteLinks(CellLinks):
    layer = "cited"

    def __init__(
        self,
        tables: tuple[TablePane, TablePane],
        footnotes: FootnotesPane,
        *,
        bindings_changed: Callable[[], None],
        unzoom: Callable[[], None],
        say: Callable[[str], None],
    ) -> None:
        super().__init__(tables, bindings_changed=bindings_changed, unzoom=unzoom, say=say)
        self.footnotes = footnotes

    def in_pane(self, widget: Widget | None) -> bool:
        return isinstance(widget, FootnoteList)

    def selected_item(self) -> str | None:
        return self.footnotes.selected

    def focus_item(self, item: str) -> None:
        self.footnotes.select(item)
        self.footnotes.footnote_list.focus()

    def cells_of(self, pane: TablePane, item: str) -> list[Coordinate]:
        return pane.table.citing(item)

    def nowhere(self, item: str) -> str:
        return f"No table cell cites footnote {footnote_label(item)}."

    def which(self, item: str, index: int, count: int) -> str:
        return f"Cell {index + 1} of {count} citing {footnote_label(item)} (n: next)"

    def cell_requested(self, table: TransactionTable, coordinate: Coordinate, footnote_ids: tuple[str, ...]) -> None:
        """`f` on a cell: its footnotes are highlighted in the footnotes pane, which takes the focus."""
        self.from_cell(table, coordinate)
        self.footnotes.show_cited(footnote_ids)
        self.mark(self.footnotes.selected)

    def footnote_selected(self, footnote_id: str | None) -> None:
        if self.footnotes.footnote_list.has_focus:
            self.mark(footnote_id)
