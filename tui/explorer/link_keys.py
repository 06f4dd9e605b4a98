"""The keys between table cells and what cites them, shared by every screen that shows a filing's panes
(the main screen, a filing opened from an across-filings view): a footnote's `enter` to its first citing
cell, `n` to the next, `b` back, and whether each applies now (the footer shows it only then)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.explorer.widgets.footnotes_pane import FootnoteList

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

    def on_footnote_list_go_to_citation(self, event: FootnoteList.GoToCitation) -> None:
        self.links.go_to_cell(event.footnote_id, first=event.first)

    def action_next_citation(self) -> None:
        self.link_group.next_citation(self.focused)

    def action_back(self) -> None:
        self.link_group.back(self.focused)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        can = self.link_group.can(action, self.focused)
        return True if can is None else can
