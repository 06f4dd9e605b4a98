"""The footnote navigation state machine: from a table cell to the footnotes it cites and back, and from a
footnote through every cell that cites it.

Plain state, no widgets: the main screen asks it what to do and moves the cursors itself. A cell is
named by its pane id and its coordinate (row, column)."""

from __future__ import annotations

from dataclasses import dataclass

#: a table cell: (pane id, (row, column))
Cell = tuple[str, tuple[int, int]]


@dataclass
class FootnoteNavigation:
    #: the footnote whose citing cells are highlighted (None: no footnote selected)
    selected: str | None = None
    #: where `b` in the footnotes goes back to (set by a jump from a cell)
    return_cell: Cell | None = None
    #: where `b` in a table goes back to (set by a jump from a footnote)
    return_footnote: str | None = None
    #: which citing cell of `selected` the cursor is on (-1: none yet)
    citation_index: int = -1

    @property
    def navigable(self) -> bool:
        """True while `n` or `b` can act somewhere (the footer shows them)."""
        return self.selected is not None or self.return_cell is not None or self.return_footnote is not None

    def reset(self) -> bool:
        """Another filing is shown: forget everything. True if what `n`/`b` can do changed."""
        changed = self.navigable
        self.selected = None
        self.return_cell = None
        self.return_footnote = None
        self.citation_index = -1
        return changed

    def from_cell(self, cell: Cell) -> None:
        """`f` on a cell: the footnotes pane takes the focus; `b` there comes back to ``cell``."""
        self.return_cell = cell
        self.return_footnote = None

    def select(self, footnote_id: str | None) -> tuple[bool, bool]:
        """A footnote is selected (or none). Returns (the selection changed, `n` appeared or went)."""
        if footnote_id == self.selected:
            return False, False
        had = self.selected is not None
        self.selected = footnote_id
        self.citation_index = -1
        return True, had != (footnote_id is not None)

    def next_citation(self, count: int, *, first: bool) -> int:
        """The index of the citing cell to go to among ``count`` (the first, or the one after the last
        visited, round); `b` from there goes back to the selected footnote."""
        if count <= 0:
            raise ValueError("no cell cites the footnote")
        if first or self.citation_index < 0:
            self.citation_index = 0
        else:
            self.citation_index = (self.citation_index + 1) % count
        self.return_footnote = self.selected
        self.return_cell = None
        return self.citation_index

    def back_from_footnotes(self) -> Cell | None:
        """`b` in the footnotes: the cell to go back to (None: nowhere). `b` there leads back here."""
        cell = self.return_cell
        if cell is not None:
            self.return_footnote = self.selected
            self.return_cell = None
        return cell

    def back_from_table(self, here: Cell) -> str | None:
        """`b` in a table on cell ``here``: the footnote to go back to (None: nowhere)."""
        footnote_id = self.return_footnote
        if footnote_id is not None:
            self.return_cell = here
            self.return_footnote = None
        return footnote_id

    def can_next(self) -> bool:
        return self.selected is not None

    def can_back(self, *, in_footnotes: bool, in_table: bool) -> bool:
        return (in_footnotes and self.return_cell is not None) or (in_table and self.return_footnote is not None)
