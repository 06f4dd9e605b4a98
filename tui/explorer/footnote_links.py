"""The links between table cells and footnotes, wired to the panes: `f` on a cell, a footnote selected,
`enter`/`n` through the citing cells, `b` back. The state is FootnoteNavigation's; this moves the cursors
and the focus and says when the footer must change (what `n` and `b` can do)."""

from __future__ import annotations

from collections.abc import Callable

from textual.coordinate import Coordinate
from textual.widget import Widget

from tui.explorer.navigation import FootnoteNavigation
from tui.explorer.widgets.footnotes_pane import FootnoteList, FootnotesPane
from tui.explorer.widgets.transaction_table import TablePane, TransactionTable
from tui.formatting import footnote_label


class FootnoteLinks:
    def __init__(
        self,
        tables: tuple[TablePane, TablePane],
        footnotes: FootnotesPane,
        *,
        bindings_changed: Callable[[], None],
        unzoom: Callable[[], None],
        say: Callable[[str], None],
    ) -> None:
        self.state = FootnoteNavigation()
        self.tables = tables
        self.footnotes = footnotes
        self._bindings_changed = bindings_changed
        self._unzoom = unzoom
        self._say = say

    def reset(self) -> None:
        """Another filing is shown. Only a change of what `n` and `b` can do redraws the footer: a footer
        rebuild mounts a widget per key and reflows the whole screen, too slow for every move."""
        if self.state.reset():
            self._bindings_changed()

    def cell_requested(self, table: TransactionTable, coordinate: Coordinate, footnote_ids: tuple[str, ...]) -> None:
        """`f` on a cell: its footnotes are highlighted in the footnotes pane, which takes the focus."""
        pane = table.parent
        assert isinstance(pane, TablePane) and pane.id
        self.state.from_cell((pane.id, (coordinate.row, coordinate.column)))
        self._unzoom()
        self.footnotes.show_cited(footnote_ids)
        self.mark(self.footnotes.selected)

    def footnote_selected(self, footnote_id: str | None) -> None:
        if self.footnotes.footnote_list.has_focus:
            self.mark(footnote_id)

    def focused(self, widget: Widget) -> None:
        if isinstance(widget, FootnoteList):
            self.mark(self.footnotes.selected)

    def mark(self, footnote_id: str | None) -> None:
        """Highlight the cells that cite ``footnote_id`` (None: no cell)."""
        changed, bindings_changed = self.state.select(footnote_id)
        if changed:
            for pane in self.tables:
                pane.table.mark_footnote(footnote_id)
        if bindings_changed:
            self._bindings_changed()

    def go_to_citation(self, footnote_id: str, *, first: bool) -> None:
        """The first (or next) cell citing ``footnote_id`` gets the cursor and the focus."""
        self.mark(footnote_id)
        citations = [(pane, c) for pane in self.tables for c in pane.table.citing(footnote_id)]
        if not citations:
            self._say(f"No table cell cites footnote {footnote_label(footnote_id)}.")
            return
        index = self.state.next_citation(len(citations), first=first)
        pane, coordinate = citations[index]
        self._unzoom()
        pane.table.go_to(coordinate)
        if len(citations) > 1:
            self._say(f"Cell {index + 1} of {len(citations)} citing {footnote_label(footnote_id)} (n: next)")
        self._bindings_changed()

    def next_citation(self) -> None:
        if self.state.selected:
            self.go_to_citation(self.state.selected, first=False)

    def back(self, focused: Widget | None) -> None:
        """`b`: from the footnotes to the cell you came from, from a table to the footnote."""
        self._unzoom()
        if isinstance(focused, FootnoteList):
            cell = self.state.back_from_footnotes()
            if cell is not None:
                pane_id, (row, column) = cell
                next(p for p in self.tables if p.id == pane_id).table.go_to(Coordinate(row, column))
        elif isinstance(focused, TransactionTable) and isinstance(focused.parent, TablePane) and focused.parent.id:
            footnote_id = self.state.back_from_table(
                (focused.parent.id, (focused.cursor_coordinate.row, focused.cursor_coordinate.column))
            )
            if footnote_id is not None:
                self.footnotes.select(footnote_id)
                self.footnotes.footnote_list.focus()
        self._bindings_changed()

    def can(self, action: str, focused: Widget | None) -> bool | None:
        """Whether `n` (next_citation) or `b` (back) acts where the focus is (None: not ours)."""
        if action == "next_citation":
            return self.state.can_next() and isinstance(focused, FootnoteList | TransactionTable)
        if action == "back":
            in_footnotes = isinstance(focused, FootnoteList)
            return self.state.can_back(in_footnotes=in_footnotes, in_table=isinstance(focused, TransactionTable))
        return None
