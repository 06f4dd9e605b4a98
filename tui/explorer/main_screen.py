"""The explorer's main screen: the filing list on the left, the highlighted filing's panes on the right.

It composes the panes and wires them: widgets tell it what happened with messages, it tells them what
to show. The store is the app's: the screen asks the app for what it needs (the app runs a worker) and
shows the answer when its message arrives (messages.py). The state it keeps is in plain objects:
the filters (filters.py), the details loader (details.py) and the footnote navigation (navigation.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer

from tui.explorer import messages as m
from tui.explorer.cell_links import LinkGroup
from tui.explorer.details import DetailsLoader, Load, Nothing, Show, When
from tui.explorer.filters import Filters, UnknownCode
from tui.explorer.finding_keys import FINDING_BINDINGS, FindingKeys
from tui.explorer.finding_links import FindingLinks
from tui.explorer.footnote_links import FootnoteLinks
from tui.explorer.import_flow import ask_import, import_finished
from tui.explorer.layout import PaneSwitcher
from tui.explorer.link_keys import LinkKeys
from tui.explorer.marks import Marks
from tui.explorer.review_flow import not_saved, toggle_reviewed
from tui.explorer.widgets.filing_list import FilingList
from tui.explorer.widgets.filings_pane import FilingsPane
from tui.explorer.widgets.findings_pane import FindingsPane
from tui.explorer.widgets.footnotes_pane import FootnotesPane
from tui.explorer.widgets.import_progress import ImportProgress
from tui.explorer.widgets.key_footer import KeyFooter
from tui.explorer.widgets.owner_pane import OwnerPane
from tui.explorer.widgets.search_box import SearchBox
from tui.explorer.widgets.shown import FilingPane, ShownFiling
from tui.explorer.widgets.transaction_table import TablePane
from tui.store import StoredFiling

if TYPE_CHECKING:
    from tui.explorer.app import ExplorerApp

#: a team store's whole list is read at the latest this long after its first page was shown
FIRST_SCREEN_SECONDS = 1.0


class MainScreen(FindingKeys, LinkKeys, Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        # the keys that apply only now first: the footer shows them before the others (key_footer.py)
        Binding("n", "next_citation", "Next citing cell", tooltip="the next cell citing the selected footnote"),
        Binding("b", "back", "Back", tooltip="back to the cell or footnote you came from"),
        Binding("slash", "search", "Search", tooltip="search by insider name as you type"),
        Binding("u", "toggle_unreviewed", "Unreviewed", tooltip="only filings not yet reviewed (again: all)"),
        # one label right for both states: a label that follows the filing would rebuild the footer (a
        # widget per key, the whole screen reflowed: 100 ms on a busy machine) on every mark
        Binding("r", "toggle_reviewed", "Reviewed on/off", tooltip="mark the highlighted filing reviewed, or not"),
        Binding("h", "app.history", "History", tooltip="the filing's review history: who changed what, when"),
        Binding("i", "import", "Import", tooltip="import files or folders"),
        Binding("z", "zoom", "Zoom", tooltip="zoom: the focused pane fills the screen"),
        Binding("escape", "focus_list", "Back to the list", show=False, tooltip="back to the filing list"),
        Binding("tab", "next_pane", "Next pane", show=False, tooltip="next / previous pane"),
        Binding("shift+tab", "next_pane(-1)", "Previous pane", show=False, tooltip="next / previous pane"),
        Binding(
            "l", "toggle_list", "List", show=False, tooltip="hide the filing list (the panes get its width), or show it"
        ),
        *FINDING_BINDINGS,
    ]

    def __init__(self) -> None:
        super().__init__()
        self.filters = Filters()
        self.details = DetailsLoader()
        self.marks = Marks()
        self.total = 0
        self.list_ready = False
        self.store_is_ready = False
        self._names_warmed = False
        self._reload_pending = False
        self._tickers: list[str] = []
        self._details_timer: Timer | None = None
        self._first_screen_timer: Timer | None = None  # a first page shown: the whole list read at the latest then
        self._typing = False  # from `/` until the search box is left: printable keys are text
        # the panes, kept by reference: a message that arrives while the app shuts down still finds them
        self.left = FilingsPane(id="left")
        self.filing_list, self.search_box = self.left.filing_list, self.left.search_box
        self.owner_pane = OwnerPane(id="owner")
        self.findings_pane = FindingsPane(id="findings")
        self.table1 = TablePane(
            "Table I — non-derivative securities", "No Table I rows.", derivative=False, id="table1"
        )
        self.table2 = TablePane("Table II — derivative securities", "No Table II rows.", derivative=True, id="table2")
        self.footnotes = FootnotesPane(id="footnotes")
        self.import_progress = ImportProgress(id="import-progress")
        self.links = FootnoteLinks(
            (self.table1, self.table2), self.footnotes, bindings_changed=self.refresh_bindings, unzoom=self._unzoom,
            say=lambda text: self.notify(text, markup=False, timeout=2),
        )  # fmt: skip
        tables, say = (self.table1, self.table2), self.links.say
        self.finding_links = FindingLinks(tables, self.findings_pane, bindings_changed=self.refresh_bindings,
                                          unzoom=self._unzoom, say=say)  # fmt: skip
        self.link_group = LinkGroup((self.links, self.finding_links))
        panes = [self.owner_pane, self.findings_pane, self.table1, self.table2, self.footnotes]
        self.pane_layout = PaneSwitcher(self, self.filing_list, panes)  # the sizes: layout.py, app.tcss

    @property
    def explorer(self) -> ExplorerApp:
        return cast("ExplorerApp", self.app)

    @property
    def panes(self) -> list[FilingPane]:
        return [self.owner_pane, self.findings_pane, self.table1, self.table2, self.footnotes]

    # ------------------------------------------------------------------ layout
    def compose(self) -> ComposeResult:
        with Horizontal(id="main"):
            yield self.left
            with Vertical(id="right"):
                yield self.owner_pane
                yield self.findings_pane
                yield self.table1
                yield self.table2
                yield self.footnotes
        yield self.import_progress
        yield KeyFooter()  # leaves out the keys of least use when they do not all fit

    def on_mount(self) -> None:
        self.pane_layout.resized(self.app.size)
        self.owner_pane.show_message("")
        self.filing_list.focus()

    def on_resize(self, event: events.Resize) -> None:
        self.pane_layout.resized(event.size)

    def action_next_pane(self, step: int = 1) -> None:
        if self.pane_layout.state.one_pane:  # the hidden panes are not in Textual's focus chain
            self.pane_layout.cycle(self.focused, step)
        elif step > 0:
            self.focus_next()
        else:
            self.focus_previous()

    def action_toggle_list(self) -> None:
        self.pane_layout.toggle_list(self.focused)

    # ------------------------------------------------------------------ the list
    def store_ready(self) -> None:
        if self._first_screen_timer is not None:
            self._first_screen_timer.stop()
            self._first_screen_timer = None
        if not self.store_is_ready:
            self.store_is_ready = True
            self.refresh_list(reload=True)

    def store_ready_after_first_screen(self) -> None:
        """A team store's first page is shown: its whole list is read once the first filing's panes
        are painted too (reading 100k summaries takes the interpreter from the screen's thread in
        turns; the first screen is drawn without it), or after FIRST_SCREEN_SECONDS at the latest."""
        self._first_screen_timer = self.set_timer(FIRST_SCREEN_SECONDS, self.store_ready)

    def _first_screen_shown(self) -> None:
        if self._first_screen_timer is not None:
            self.call_after_refresh(self.store_ready)

    def refresh_list(self, *, reload: bool = False, keep: str | None = None) -> None:
        """Recompute the list from the store with the current filters (in a worker)."""
        if not self.store_is_ready:
            return
        # a reload cancelled by a newer filter (typing right after start) is done by the newer one
        self._reload_pending = reload = reload or self._reload_pending
        self.explorer.list_filings(self.filters.list_filter(), reload, keep, self.details.shown)

    @on(m.StoreChanged)
    def _store_changed(self) -> None:
        self.refresh_list(reload=True)

    @on(m.ListLoaded)
    def _list_loaded(self, event: m.ListLoaded) -> None:
        if event.reviewed is not None:
            self.marks.reviewed = event.reviewed
            self._reload_pending = False
        if event.noted is not None:
            self.marks.noted = event.noted
        if event.tickers is not None:
            self._tickers = event.tickers
        if event.shown_state is not None and self.marks.learned(*event.shown_state):
            self._show_owner(event.shown_state[0])
        self.total = event.total
        self.left.say_when_empty(importing=self.import_progress.has_class("-active"), total=event.total)
        ids = self.filters.visible(event.found, self.marks.reviewed)
        self.filing_list.name_query = self.filters.name
        self.filing_list.set_noted(self.marks.noted)
        self.filing_list.set_items(ids, event.summaries, self.marks.reviewed, keep=event.keep)
        if event.reviewed is not None:
            self.explorer.collector.after_load(event.total)
            self.explorer.problem_solved()
        self.list_ready = True
        self.update_filter_line()
        if not self._names_warmed and not event.first_page:  # (a first page: the store is still reading)
            self._names_warmed = True
            self.explorer.warm_name_index()

    def known_tickers(self) -> list[str]:
        return self._tickers

    def update_filter_line(self) -> None:
        line = self.filters.line(len(self.filing_list.ids), self.total)
        self.left.show_line(line, filtered=bool(self.filters.active()))

    # ------------------------------------------------------------------ filters
    def action_search(self) -> None:
        if not self._typing:  # from the palette; a `/` key has started the search in on_key already
            self.search_box.start_typing()
        self._typing = True
        self.set_focus(self.search_box)  # at once: the keys waiting behind `/` find the box focused

    def on_key(self, event: events.Key) -> None:
        """Keys queued for a pane behind `/` (a paste, fast typing) are text for the search box, never
        commands: from `/` on, printable keys that reach the screen go into the box."""
        if event.key == "slash" and not isinstance(self.focused, SearchBox):
            # here, not in the binding's action, which may run after the keys queued behind `/`
            self.search_box.start_typing()
            self._typing = True
        elif self._typing and event.is_printable and event.character:
            event.stop()
            event.prevent_default()
            self.search_box.type_text(event.character)

    @on(SearchBox.Changed, "#search")
    def _search_changed(self, event: SearchBox.Changed) -> None:
        self.filters.name = event.value
        self.refresh_list()

    @on(SearchBox.Leave)
    def _search_leave(self) -> None:
        self._typing = False
        self.filing_list.focus()

    def action_focus_list(self) -> None:
        self._typing = False
        self._unzoom()
        self.pane_layout.show_list()
        self.filing_list.focus()

    def _unzoom(self) -> None:
        """Back to the layout before moving the focus to another pane (it would be hidden)."""
        if self.maximized is not None:
            self.minimize()

    def action_zoom(self) -> None:
        """Let the focused pane fill the screen (again: back to the layout)."""
        if self.maximized is not None:
            self.minimize()
        elif self.focused is not None:
            self.maximize(self.focused, container=True)

    def action_toggle_unreviewed(self) -> None:
        self.filters.unreviewed_only = not self.filters.unreviewed_only
        self.refresh_list()

    def set_ticker_filter(self, ticker: str | None) -> None:
        self.filters.set_ticker(ticker)
        self.refresh_list()

    def set_code_filter(self, code: str | None) -> None:
        try:
            self.filters.set_code(code)
        except UnknownCode as exc:
            self.notify(str(exc), severity="warning", markup=False)
            return
        self.refresh_list()

    def action_clear_filters(self) -> None:
        self.filters.clear()
        with self.search_box.prevent(SearchBox.Changed):
            self.search_box.value = ""
        self.refresh_list()

    # ------------------------------------------------------------------ the highlighted filing
    @on(FilingList.Highlighted)
    def _filing_highlighted(self, event: FilingList.Highlighted) -> None:
        when = self.details.highlighted(event.filing_id)
        if when is When.SKIP:
            return  # the list was rebuilt around the same filing: keep its panes (and the cell cursor)
        if self._details_timer is not None:
            self._details_timer.stop()
            self._details_timer = None
        if when is When.LATER:
            self._details_timer = self.set_timer(self.details.interval, self._details_due)
        else:
            self._update_details()

    def _details_due(self) -> None:
        self._details_timer = None
        self._update_details()

    def _update_details(self) -> None:
        step = self.details.next_step()
        if isinstance(step, Nothing):
            self._show_nothing("No filing to show." if self.list_ready else "")
        elif isinstance(step, Show):
            self._show_filing(step.stored)
        elif isinstance(step, Load):
            self.explorer.load_filing(step.filing_id)

    @on(m.FilingLoaded)
    def _filing_loaded(self, event: m.FilingLoaded) -> None:
        if event.stored is not None:
            self.marks.learned(event.filing_id, event.stored.state)
        if not self.details.loaded(event.filing_id, event.stored):
            if self._details_timer is None:
                self._update_details()  # the cursor moved on meanwhile
            return
        if event.stored is None:
            reason = f" ({event.error})" if event.error else ""
            self._show_nothing(f"Filing {event.filing_id} could not be loaded from the store{reason}.")
        else:
            self._show_filing(event.stored)

    @on(FilingList.Opened)
    def _filing_opened(self) -> None:
        self._unzoom()
        pane = next((p for p in (self.table1, self.table2) if not p.has_class("-empty")), None)
        (pane.table if pane is not None else self.owner_pane).focus()

    def _shown(self, stored: StoredFiling) -> ShownFiling:
        summary = self.filing_list.summaries.get(stored.id)
        state = self.marks.states.get(stored.id, stored.state)
        return ShownFiling(stored.id, stored.filing, summary, state, tuple(stored.sources))

    def _show_nothing(self, message: str = "") -> None:
        self.details.shown = None
        for pane in self.panes:
            pane.show_nothing(message)
        self.link_group.reset()
        self._first_screen_shown()

    def _show_filing(self, stored: StoredFiling) -> None:
        shown = self._shown(stored)
        with self.app.batch_update():
            for pane in self.panes:
                pane.show_filing(shown)
            self.pane_layout.content_shown()
        self.link_group.reset()
        self.details.shown = stored.id
        self._first_screen_shown()

    def _show_owner(self, filing_id: str) -> None:
        stored = self.details.cached(filing_id)
        if filing_id == self.details.shown and stored is not None:
            self.owner_pane.show_filing(self._shown(stored))

    # ------------------------------------------------------------------ review state
    def action_toggle_reviewed(self) -> None:
        toggle_reviewed(self)  # review_flow.py

    def show_mark(self, filing_id: str, reviewed: bool) -> None:
        self.marks.show(filing_id, reviewed)
        self.filing_list.set_reviewed(self.marks.reviewed)
        self._show_owner(filing_id)

    @on(m.StateSaved)
    def _state_saved(self, event: m.StateSaved) -> None:
        self.marks.learned(event.filing_id, event.state)
        if event.what == "note":
            self.notify("Note saved." if event.state.note else "Note removed.")
            self.filing_list.set_noted(self.marks.noted)
        elif self.filters.reviewed_by:  # the filing may leave (or join) the "reviewed by" list
            self.refresh_list(keep=event.filing_id)
        self._show_owner(event.filing_id)

    @on(m.StateNotSaved)
    def _state_not_saved(self, event: m.StateNotSaved) -> None:
        not_saved(self, event)

    # ------------------------------------------------------------------ footnote navigation (link_keys.py)
    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self._typing = self._typing and event.widget is self.search_box
        self.link_group.focused(event.widget)
        self.pane_layout.focused(event.widget)

    # ------------------------------------------------------------------ import (import_flow.py)
    def action_import(self) -> None:
        ask_import(self)

    def start_import(self, paths: list[str], label: str, samples: bool = False) -> None:
        self.import_progress.start(label)
        if not self.filing_list.ids:
            self.left.say_when_empty(importing=True, total=0)
        self.explorer.import_files(paths, samples)

    @on(m.ImportFinished)
    def _import_finished(self, event: m.ImportFinished) -> None:
        import_finished(self, event)
