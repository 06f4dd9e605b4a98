"""The main screen's review-check keys and handlers (a mixin of `MainScreen`, which is big enough): the
findings pane's messages, `a` between an amendment and the filing it amends, `d` for the diff of the two,
and the findings filters the palette sets."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding

from tui.explorer.screens.diff_screen import DiffScreen
from tui.explorer.widgets.findings_pane import FindingList, FindingsPane, amendment_links
from tui.explorer.widgets.search_box import SearchBox

if TYPE_CHECKING:
    from textual.screen import Screen

    from tui.explorer.app import ExplorerApp
    from tui.explorer.details import DetailsLoader
    from tui.explorer.filters import Filters
    from tui.explorer.finding_links import FindingLinks
    from tui.explorer.widgets.filing_list import FilingList

    _Base = Screen[None]
else:
    _Base = object

FINDING_BINDINGS = [
    Binding(
        "a",
        "linked_filing",
        "Original / amendment",
        show=False,
        tooltip="from an amendment to the filing it amends, and back",
    ),
    Binding(
        "d",
        "amendment_diff",
        "Amendment diff",
        show=False,
        tooltip="what an amendment changed, row by row and field by field",
    ),
]


class FindingKeys(_Base):
    if TYPE_CHECKING:
        finding_links: FindingLinks
        details: DetailsLoader
        filters: Filters
        filing_list: FilingList
        findings_pane: FindingsPane
        search_box: SearchBox

        @property
        def explorer(self) -> ExplorerApp: ...

        def refresh_list(self, *, reload: bool = False, keep: str | None = None) -> None: ...

    # ------------------------------------------------------------------ the findings pane
    def on_finding_list_go_to_cells(self, event: FindingList.GoToCells) -> None:
        self.finding_links.go_to_cell(event.item, first=event.first)

    def on_findings_pane_selected(self, event: FindingsPane.Selected) -> None:
        self.finding_links.finding_selected(event.item)

    # ------------------------------------------------------------------ amendments
    def _linked(self) -> list[tuple[str, str]]:
        shown = self.details.shown
        summary = self.filing_list.summaries.get(shown) if shown is not None else None
        return amendment_links(summary.findings) if summary is not None else []

    def action_linked_filing(self) -> None:
        """`a`: to the filing this one amends, or to its amendment (the first; the findings name the others)."""
        links = self._linked()
        if not links:
            self.notify("This filing is not linked to an amendment or to a filing it amends.", timeout=3)
            return
        target, what = links[0]
        self.go_to_filing(target, f"the {what}")

    def go_to_filing(self, filing_id: str, label: str) -> None:
        """Put the list's cursor on ``filing_id``; a filing the filters hide: the filters are cleared first."""
        if filing_id in self.filing_list.ids:
            self.filing_list.move_cursor(self.filing_list.ids.index(filing_id))
            return
        self.filters.clear()
        with self.search_box.prevent(SearchBox.Changed):
            self.search_box.value = ""
        self.notify(f"Filters cleared to show {label} ({filing_id}).", markup=False, timeout=3)
        self.refresh_list(keep=filing_id)

    def action_amendment_diff(self) -> None:
        """`d`: the diff between this amendment and its original (on an original: its first amendment's)."""
        links = self._linked()
        shown = self.details.shown
        if not links or shown is None:
            self.notify("This filing is not linked to an amendment or to a filing it amends.", timeout=3)
            return
        other, what = links[0]
        original, amendment = (other, shown) if what == "original" else (shown, other)
        self.app.push_screen(DiffScreen(original, amendment, self.explorer.read_filing))

    # ------------------------------------------------------------------ filters (from the palette)
    def set_findings_filter(self, *, has: bool = False, kind: str | None = None) -> None:
        """Only filings with findings (``has``), or with a finding of ``kind``; neither: off."""
        self.filters.has_findings, self.filters.finding_kind = has and kind is None, kind
        self.refresh_list()
