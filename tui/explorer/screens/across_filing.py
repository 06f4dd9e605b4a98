"""One filing opened from an across-filings view (Enter on a row): its owners, Tables I and II and
footnotes, the same panes as the main screen, loaded in a worker; escape goes back to the view."""

from __future__ import annotations

from typing import ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer

from tui.explorer.cell_links import LinkGroup
from tui.explorer.footnote_links import FootnoteLinks
from tui.explorer.link_keys import LinkKeys
from tui.explorer.widgets.footnotes_pane import FootnotesPane
from tui.explorer.widgets.owner_pane import OwnerPane
from tui.explorer.widgets.shown import ShownFiling
from tui.explorer.widgets.transaction_table import TablePane
from tui.safe_text import inert_values
from tui.store import FilingSummary, Store, StoredFiling


class FilingLoaded(Message):
    def __init__(self, stored: StoredFiling | None, summary: FilingSummary | None = None, error: str = "") -> None:
        super().__init__()
        self.stored = stored
        self.summary = summary
        self.error = error


class AcrossFilingScreen(LinkKeys, Screen[None]):
    CSS_PATH = "across.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back_to_view", "Back to the view", tooltip="back to the view you came from"),
        Binding("n", "next_citation", "Next citing cell", tooltip="the next cell citing the selected footnote"),
        Binding("b", "back", "Back", tooltip="back to the cell or footnote you came from"),
    ]

    def __init__(self, store: Store, filing_id: str) -> None:
        super().__init__()
        self.store = store
        self.filing_id = filing_id
        self.owner_pane = OwnerPane(id="across-owner")
        # ids as on the main screen: a jump to the footnotes remembers its cell by pane id ("table1"/"table2")
        self.table1 = TablePane(
            "Table I — non-derivative securities", "No Table I rows.", derivative=False, id="table1"
        )
        self.table2 = TablePane("Table II — derivative securities", "No Table II rows.", derivative=True, id="table2")
        self.footnotes = FootnotesPane(id="across-footnotes")
        self.links = FootnoteLinks(
            (self.table1, self.table2), self.footnotes, bindings_changed=self.refresh_bindings, unzoom=lambda: None,
            say=lambda text: self.notify(text, markup=False, timeout=2),
        )  # fmt: skip
        self.link_group = LinkGroup((self.links,))  # the main screen's footnote keys, without findings

    def compose(self) -> ComposeResult:
        with Vertical(id="across-filing"):
            yield self.owner_pane
            yield self.table1
            yield self.table2
            yield self.footnotes
        yield Footer(compact=True)

    def on_mount(self) -> None:
        for pane in (self.owner_pane, self.table1, self.table2, self.footnotes):
            pane.show_nothing("Loading…")
        self._load()

    @work(thread=True, exit_on_error=False, group="across-filing")
    def _load(self) -> None:
        try:
            stored = self.store.get(self.filing_id)
            summary = self.store.summary_view().get(self.filing_id)
            self.post_message(FilingLoaded(inert_values(stored) if stored is not None else None, summary))
        except Exception as exc:  # a damaged shard: say so in the panes
            self.post_message(FilingLoaded(None, None, " ".join(str(exc).split())))

    @on(FilingLoaded)
    def _loaded(self, event: FilingLoaded) -> None:
        if event.stored is None:
            for pane in (self.owner_pane, self.table1, self.table2, self.footnotes):
                pane.show_nothing(f"Filing {self.filing_id} could not be loaded. {event.error}".strip())
            return
        stored = event.stored
        shown = ShownFiling(stored.id, stored.filing, event.summary, stored.state, tuple(stored.sources))
        for pane in (self.owner_pane, self.table1, self.table2, self.footnotes):
            pane.show_filing(shown)
        self.link_group.reset()
        table = next((p for p in (self.table1, self.table2) if not p.has_class("-empty")), None)
        (table.table if table is not None else self.owner_pane).focus()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self.link_group.focused(event.widget)

    def action_back_to_view(self) -> None:
        self.dismiss(None)
