"""Items of a pane that point at table cells — footnotes (the cells citing them) and review findings (the
cells they concern) — and the keys between them: an item selected lights up its cells, `enter`/`n` go
through them, `b` goes back. One `CellLinks` per pane of items; the state is a `FootnoteNavigation`
each; `LinkGroup` says which one a key in a table belongs to (the one you last came from)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from typing import ClassVar

from textual.coordinate import Coordinate
from textual.widget import Widget

from tui.explorer.navigation import FootnoteNavigation
from tui.explorer.widgets.transaction_table import TablePane, TransactionTable


class CellLinks(ABC):
    #: the tables' mark layer (`TransactionTable.LAYERS`) of the selected item's cells
    layer: ClassVar[str]

    def __init__(
        self,
        tables: tuple[TablePane, TablePane],
        *,
        bindings_changed: Callable[[], None],
        unzoom: Callable[[], None],
        say: Callable[[str], None],
    ) -> None:
        self.state = FootnoteNavigation()
        self.tables = tables
        self._bindings_changed = bindings_changed
        self._unzoom = unzoom
        self.say = say
        #: called when this goes to a cell (the group forgets where the others would go back to)
        self.went_to_cell: Callable[[CellLinks], None] = lambda links: None

    # ------------------------------------------------------------------ the pane of items
    @abstractmethod
    def in_pane(self, widget: Widget | None) -> bool:
        """True when ``widget`` is the list of items."""

    @abstractmethod
    def selected_item(self) -> str | None: ...

    @abstractmethod
    def focus_item(self, item: str) -> None:
        """Select ``item`` in its pane and give the pane the focus."""

    @abstractmethod
    def cells_of(self, pane: TablePane, item: str) -> list[Coordinate]: ...

    @abstractmethod
    def nowhere(self, item: str) -> str:
        """What to say when ``item`` has no cell."""

    @abstractmethod
    def which(self, item: str, index: int, count: int) -> str:
        """ "Cell 2 of 3 citing (1) (n: next)"."""

    # ------------------------------------------------------------------ the keys
    def reset(self) -> None:
        """Another filing is shown. Only a change of what `n` and `b` can do redraws the footer: a footer
        rebuild mounts a widget per key and reflows the whole screen, too slow for every move."""
        if self.state.reset():
            self._bindings_changed()

    def focused(self, widget: Widget) -> None:
        if self.in_pane(widget):
            self.mark(self.selected_item())

    def mark(self, item: str | None) -> None:
        """Highlight the cells of ``item`` (None: no cell)."""
        changed, bindings_changed = self.state.select(item)
        if changed:
            for pane in self.tables:
                pane.table.mark(self.layer, self.cells_of(pane, item) if item is not None else ())
        if bindings_changed:
            self._bindings_changed()

    def go_to_cell(self, item: str, *, first: bool) -> None:
        """The first (or next) cell of ``item`` gets the cursor and the focus."""
        self.mark(item)
        cells = [(pane, c) for pane in self.tables for c in self.cells_of(pane, item)]
        if not cells:
            self.say(self.nowhere(item))
            return
        index = self.state.next_citation(len(cells), first=first)
        pane, coordinate = cells[index]
        self._unzoom()
        pane.table.go_to(coordinate)
        self.went_to_cell(self)
        if len(cells) > 1:
            self.say(self.which(item, index, len(cells)))
        self._bindings_changed()

    def next_cell(self) -> None:
        if self.state.selected:
            self.go_to_cell(self.state.selected, first=False)

    def from_cell(self, table: TransactionTable, coordinate: Coordinate) -> None:
        """A jump from this cell to the pane of items: `b` there comes back to it."""
        pane = table.parent
        assert isinstance(pane, TablePane) and pane.id
        self.state.from_cell((pane.id, (coordinate.row, coordinate.column)))
        self._unzoom()

    def back(self, focused: Widget | None) -> None:
        """`b`: from the pane of items to the cell you came from, from a table to the item."""
        self._unzoom()
        if self.in_pane(focused):
            cell = self.state.back_from_footnotes()
            if cell is not None:
                pane_id, (row, column) = cell
                next(p for p in self.tables if p.id == pane_id).table.go_to(Coordinate(row, column))
        elif isinstance(focused, TransactionTable) and isinstance(focused.parent, TablePane) and focused.parent.id:
            here = (focused.parent.id, (focused.cursor_coordinate.row, focused.cursor_coordinate.column))
            item = self.state.back_from_table(here)
            if item is not None:
                self.focus_item(item)
        self._bindings_changed()

    def can_next(self, focused: Widget | None) -> bool:
        return self.state.can_next() and (self.in_pane(focused) or isinstance(focused, TransactionTable))

    def can_back(self, focused: Widget | None) -> bool:
        in_table = isinstance(focused, TransactionTable)
        return self.state.can_back(in_footnotes=self.in_pane(focused), in_table=in_table)


class LinkGroup:
    """The panes of items together: `n` and `b` in a table belong to the one you last came from."""

    def __init__(self, members: Sequence[CellLinks]) -> None:
        self.members = tuple(members)
        self.last: CellLinks | None = None
        for member in self.members:
            member.went_to_cell = self._went

    def _went(self, links: CellLinks) -> None:
        self.last = links
        for other in self.members:
            if other is not links:
                other.state.return_footnote = None

    def reset(self) -> None:
        self.last = None
        for member in self.members:
            member.reset()

    def focused(self, widget: Widget) -> None:
        for member in self.members:
            member.focused(widget)

    def _owner(self, focused: Widget | None, action: str) -> CellLinks | None:
        """The member a key acts for where the focus is: its own pane's, else in a table the last one
        that went to a cell (else any that can)."""
        for member in self.members:
            if member.in_pane(focused):
                return member
        if not isinstance(focused, TransactionTable):
            return None
        candidates = [self.last] if self.last is not None else []
        candidates += [m for m in self.members if m is not self.last]
        for member in candidates:
            if member is not None and (member.can_next(focused) if action == "next" else member.can_back(focused)):
                return member
        return None

    def next_citation(self, focused: Widget | None) -> None:
        member = self._owner(focused, "next")
        if member is not None:
            member.next_cell()

    def back(self, focused: Widget | None) -> None:
        member = self._owner(focused, "back")
        if member is not None:
            member.back(focused)

    def can(self, action: str, focused: Widget | None) -> bool | None:
        """Whether `n` (next_citation) or `b` (back) acts where the focus is (None: not ours)."""
        if action == "next_citation":
            member = self._owner(focused, "next")
            return member is not None and member.can_next(focused)
        if action == "back":
            member = self._owner(focused, "back")
            return member is not None and member.can_back(focused)
        return None
