"""The keys between table cells and what cites them, shared by every screen that shows a filing's panes
(the main screen, a filing opened from an across-filings view): `f` on a cell to its footnotes, a
footnote's `enter` to its first citing cell, `n` to the next, `b` back, and whether each applies now
(the footer shows it only then)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.explorer.widgets.footnotes_pane import FootnoteList, FootnotesPane
from tui.explorer.widgets.transaction_table import TransactionTable

if TYPE_CHECKING:
    from textual.screen import Screen

    from tui.explorer.cell_links import LinkGroup
    from tui.explorer.footnote_links import FootnoteLinks

    _Base = Screen[None]
else:
    _Base = object


class LinkKeys(_Base):
    if TYPE_CHECKING:
        links: FootnoteLinks
        link_group: LinkGroup

    def on_transaction_table_footnotes_requested(self, event: TransactionTable.FootnotesRequested) -> None:
        self.links.cell_requested(event.table, event.coordinate, event.footnote_ids)

    def on_footnotes_pane_selected(self, event: FootnotesPane.Selected) -> None:
        self.links.footnote_selected(event.footnote_id)

    def on_footnote_list_go_to_citation(self, event: FootnoteList.GoToCitation) -> None:
        self.links.go_to_cell(event.footnote_id, first=event.first)

    def action_next_citation(self) -> None:
        self.link_group.next_citation(self.focused)

    def action_back(self) -> None:
        self.link_group.back(self.focused)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        can = self.link_group.can(action, self.focused)
        return True if can is None else can
