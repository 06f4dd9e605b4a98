"""The explorer (Textual): the filing list on the left, the highlighted filing's panes on the right.

The app owns the store and the filters; widgets tell it what happened with messages and it tells them
what to show. Opening the store, filtering, loading a filing and importing run in thread workers so
the screen never waits on the disk.
"""

from __future__ import annotations

import gc
import threading
import time
from collections import Counter, OrderedDict
from collections.abc import Mapping
from pathlib import Path
from typing import ClassVar, TypeVar

from rich.text import Text
from textual import events, on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.coordinate import Coordinate
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Footer, Static
from textual.worker import get_current_worker

import tui
from tui.codes import TRANSACTION_CODES
from tui.columns import TABLE_I, TABLE_II
from tui.formatting import footnote_label
from tui.importer import ImportReport, import_paths
from tui.safe_text import inert_line, inert_values, shown_path
from tui.store import FilingSummary, ListFilter, Store, StoredFiling, StoreError, open_store
from tui.widgets.commands import ExplorerCommands
from tui.widgets.filing_list import FilingList
from tui.widgets.footnotes_pane import FootnoteList, FootnotesPane
from tui.widgets.help_screen import HelpScreen
from tui.widgets.import_dialog import ImportDialog, split_paths
from tui.widgets.import_progress import ImportProgress
from tui.widgets.note_dialog import NoteDialog
from tui.widgets.owner_pane import OwnerPane
from tui.widgets.prompt_dialog import PromptDialog
from tui.widgets.search_box import SearchBox
from tui.widgets.transaction_table import TablePane, TransactionTable

W = TypeVar("W", bound=Widget)

#: the filings shipped with the program, imported into an empty store on the first run
SAMPLE_FILINGS = Path(tui.__file__).resolve().parent.parent / "sample_filings"
#: filings kept parsed in memory, so going back and forth between filings costs nothing
FILING_CACHE_SIZE = 64
#: terminals with fewer lines than this get shorter tables (the footnotes keep their room)
SHORT_TERMINAL = 50
#: moves closer together than this (seconds) are "racing": the panes wait until the cursor rests
DETAILS_INTERVAL = 0.08
#: failures listed by name in the import notification
FAILURES_SHOWN = 3


#: from this many filings on, the list's objects are moved out of the garbage collector's sight
FREEZE_FROM = 5_000


def freeze_long_lived_objects() -> None:
    """Exclude the objects alive now (the store's summaries, the list) from garbage collection.

    With 100k filings a full collection walks millions of objects and stalls the screen for 100-300 ms
    every few dozen key presses; frozen objects are skipped. No collection is run first: at 100k that
    alone would stall the screen. Frozen objects are still freed by reference counting when dropped."""
    gc.freeze()


#: the full garbage collection waits for a pause in the user's work at least this long (seconds)
IDLE_COLLECT_SECONDS = 20.0

#: how often the explorer looks whether another process changed the store
STORE_CHECK_SECONDS = 2.0


class ExplorerApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "form4 explorer"
    COMMANDS = App.COMMANDS | {ExplorerCommands}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit"),
        Binding("question_mark", "help", "Help"),
        Binding("slash", "search", "Search"),
        Binding("u", "toggle_unreviewed", "Unreviewed"),
        Binding("r", "toggle_reviewed", "Mark reviewed"),
        Binding("i", "import", "Import"),
        Binding("z", "zoom", "Zoom"),
        Binding("n", "next_citation", "Next citing cell"),
        Binding("b", "back", "Back"),
        Binding("escape", "focus_list", "Back to the list", show=False),
    ]

    def __init__(self, db: Path, paths: list[str] | None = None, *, import_samples: bool = True) -> None:
        super().__init__()
        self.db = Path(db)
        self.paths = list(paths or [])
        self.import_samples = import_samples
        self.store: Store | None = None
        # filters
        self.name_query = ""
        self.ticker_filter: str | None = None
        self.code_filter: str | None = None
        self.unreviewed_only = False
        # what is shown
        self.reviewed: set[str] = set()
        self.total = 0
        self.shown_filing_id: str | None = None
        self.list_ready = False
        self._names_warmed = False
        self._reload_pending = False
        self._tickers: list[str] = []
        self._cache: OrderedDict[str, StoredFiling] = OrderedDict()
        self._wanted: str | None = None
        self._loading: str | None = None
        self._highlight_at = 0.0
        self._details_timer: Timer | None = None
        # footnote navigation
        self._selected_footnote: str | None = None
        self._return_cell: tuple[str, Coordinate] | None = None
        self._return_footnote: str | None = None
        self._citation_index = -1
        self._widgets: dict[str, Widget] = {}
        #: held by workers while the store re-reads its index, so a filing load never sees it half-read
        self._reading = threading.Lock()

    # ------------------------------------------------------------------ layout
    def compose(self) -> ComposeResult:
        with Horizontal(id="main"):
            with Vertical(id="left", classes="pane") as left:
                left.border_title = "Filings"
                yield SearchBox(id="search")
                yield Static(Text("Opening the store…"), id="filter-line")
                yield FilingList(id="filings")
            with Vertical(id="right"):
                yield OwnerPane(id="owner")
                yield TablePane("Table I — non-derivative securities", "No Table I rows.", id="table1")
                yield TablePane("Table II — derivative securities", "No Table II rows.", id="table2")
                yield FootnotesPane(id="footnotes")
        yield ImportProgress(id="import-progress")
        yield Footer(compact=True)

    # The main screen's widgets, looked up once: a worker's result or a message that arrives while the
    # app shuts down (the screen's widgets already removed) must still find them.
    @property
    def filing_list(self) -> FilingList:
        return self._widget("#filings", FilingList)

    @property
    def footnotes(self) -> FootnotesPane:
        return self._widget("#footnotes", FootnotesPane)

    @property
    def owner_pane(self) -> OwnerPane:
        return self._widget("#owner", OwnerPane)

    @property
    def import_progress(self) -> ImportProgress:
        return self._widget("#import-progress", ImportProgress)

    def _widget(self, selector: str, expect: type[W]) -> W:
        widget = self._widgets.get(selector)
        if widget is None:
            widget = self._widgets[selector] = self.query_one(selector, expect)
        assert isinstance(widget, expect)
        return widget

    def _tables(self) -> list[TablePane]:
        return [self._widget("#table1", TablePane), self._widget("#table2", TablePane)]

    def on_resize(self, event: events.Resize) -> None:
        self.screen.set_class(event.size.height < SHORT_TERMINAL, "-short")

    def on_mount(self) -> None:
        self.screen.set_class(self.size.height < SHORT_TERMINAL, "-short")
        self.filing_list.empty_text = "Opening the store…"
        for selector, kind in (("#filings", FilingList), ("#footnotes", FootnotesPane), ("#owner", OwnerPane),
                               ("#import-progress", ImportProgress), ("#table1", TablePane), ("#table2", TablePane),
                               ("#search", SearchBox), ("#filter-line", Static), ("#left", Vertical)):  # fmt: skip
            self._widget(selector, kind)
        self.owner_pane.show_message("")
        self.filing_list.focus()
        self._open_store()
        self.set_interval(STORE_CHECK_SECONDS, self._check_store)
        # Python's automatic full collections walk every young-enough object and, with a large store,
        # stall the screen for 100-350 ms every few dozen key presses. Young generations are still
        # collected as usual; the full collection runs when the user pauses.
        self._gc_thresholds = gc.get_threshold()
        gc.set_threshold(self._gc_thresholds[0], self._gc_thresholds[1], 1_000_000_000)
        self.set_interval(IDLE_COLLECT_SECONDS, self._collect_when_idle)

    def on_unmount(self) -> None:
        gc.set_threshold(*self._gc_thresholds)

    def _collect_when_idle(self) -> None:
        if time.monotonic() - self._highlight_at > IDLE_COLLECT_SECONDS / 2:
            gc.collect()

    def _check_store(self) -> None:
        """Another form4 (an import in a terminal, a second explorer) wrote to this store: show it."""
        store = self.store
        if store is not None and self.list_ready and store.has_changed():
            self.refresh_list(reload=True)

    # ------------------------------------------------------------------ the store
    @work(thread=True, exclusive=True, group="store")
    def _open_store(self) -> None:
        try:
            store = open_store(self.db)
        except StoreError as exc:
            self.call_from_thread(self.exit, None, 2, Text(f"form4: {exc}"))
            return
        self.call_from_thread(self._store_opened, store)

    def _store_opened(self, store: Store) -> None:
        self.store = store
        if self.paths:
            self.start_import(self.paths, "Importing " + "; ".join(self.paths))
        elif len(store) == 0 and self.import_samples:
            if SAMPLE_FILINGS.is_dir():
                self.start_import(
                    [str(SAMPLE_FILINGS)], "First run: importing the bundled sample filings", samples=True
                )
            else:
                self.notify("The store is empty. Press i to import filings.", markup=False)
        self.refresh_list(reload=True)

    def known_tickers(self) -> list[str]:
        return self._tickers

    def refresh_list(self, *, reload: bool = False, keep: str | None = None) -> None:
        """Recompute the list from the store with the current filters (in a worker)."""
        if self.store is None:
            return
        # a reload cancelled by a newer filter (typing right after start) is done by the newer one
        self._reload_pending = reload = reload or self._reload_pending
        # "unreviewed only" is applied to the app's own marks in _show_list: they are the newest
        flt = ListFilter(ticker=self.ticker_filter, code=self.code_filter, name=self.name_query.strip() or None)
        self._filter_worker(flt, reload, keep)

    @work(thread=True, exclusive=True, group="filter", exit_on_error=False)
    def _filter_worker(self, flt: ListFilter, reload: bool, keep: str | None) -> None:
        store = self.store
        assert store is not None
        try:
            if reload:
                with self._reading:
                    store.refresh()
                reviewed = store.reviewed_ids()
                tickers = store.tickers()
            else:
                reviewed = None
                tickers = None
            found = store.list_ids(flt)
        except (OSError, StoreError) as exc:  # e.g. a damaged user_state.json: one line, never a traceback
            self.call_from_thread(self._store_failed, exc)
            return
        if get_current_worker().is_cancelled:
            return
        # summaries are built only for the rows drawn: nothing per filing here, even at 100k
        summaries = store.summary_view()
        self.call_from_thread(self._show_list, found, summaries, reviewed, tickers, len(store), keep)

    def _store_failed(self, exc: Exception) -> None:
        """The store cannot be read: before the list was ever shown, leave as the CLI does (one
        line, exit 2); later, say it and keep what is on screen."""
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        message = inert_line(reason)
        if not self.list_ready:
            self.exit(None, 2, Text(f"form4: {message}"))
        else:
            self.notify(f"The store cannot be read: {message}", severity="error", markup=False, timeout=12)

    def _show_list(
        self,
        found: list[str],
        summaries: Mapping[str, FilingSummary],
        reviewed: set[str] | None,
        tickers: list[str] | None,
        total: int,
        keep: str | None,
    ) -> None:
        if reviewed is not None:
            self.reviewed = reviewed
            self._reload_pending = False
        if tickers is not None:
            self._tickers = tickers
        ids = found
        if self.unreviewed_only:
            ids = [i for i in ids if i not in self.reviewed]
        self.total = total
        filing_list = self.filing_list
        filing_list.empty_text = (
            "No filings match the filters." if total else "No filings yet. Press i to import files or folders."
        )
        filing_list.set_items(ids, summaries, self.reviewed, keep=keep)
        if reviewed is not None and total >= FREEZE_FROM:
            freeze_long_lived_objects()
        self.list_ready = True
        self._update_filter_line()
        shown = self.shown_filing_id
        if reviewed is not None and shown is not None and shown in self._cache:
            self._show_owner(shown)  # another process may have marked it or changed its note
        if not self._names_warmed:
            self._names_warmed = True
            self._warm_name_index()

    @work(thread=True, group="warm")
    def _warm_name_index(self) -> None:
        """Build the insider-name index once the list shows, so the first search does not wait for it."""
        store = self.store
        if store is not None:
            store.build_name_index()
            if len(store) >= FREEZE_FROM:
                freeze_long_lived_objects()

    def _update_filter_line(self) -> None:
        shown = len(self.filing_list.ids)
        text = Text()
        text.append(f"{shown:,}" if shown == self.total else f"{shown:,} of {self.total:,}", style="bold")
        text.append(" filing" if self.total == 1 else " filings")
        active = []
        if self.name_query.strip():
            active.append(("name", self.name_query.strip()))
        if self.unreviewed_only:
            active.append(("unreviewed", ""))
        if self.ticker_filter:
            active.append(("ticker", self.ticker_filter))
        if self.code_filter:
            active.append(("code", self.code_filter))
        for label, value in active:
            text.append(" · ")
            text.append(label, style="bold yellow")
            if value:
                text.append(f" {value}")
        self._widget("#filter-line", Static).update(text)
        self._widget("#left", Vertical).border_subtitle = Text("filtered" if active else "newest first")

    # ------------------------------------------------------------------ filters
    def action_search(self) -> None:
        self._widget("#search", SearchBox).focus()

    @on(SearchBox.Changed, "#search")
    def _search_changed(self, event: SearchBox.Changed) -> None:
        self.name_query = event.value
        self.refresh_list()

    @on(SearchBox.Leave)
    def _search_leave(self) -> None:
        self.filing_list.focus()

    def action_focus_list(self) -> None:
        self._unzoom()
        self.filing_list.focus()

    def _unzoom(self) -> None:
        """Back to the layout before moving the focus to another pane (it would be hidden)."""
        if self.screen.maximized is not None:
            self.screen.minimize()

    def action_zoom(self) -> None:
        """Let the focused pane fill the screen (again: back to the layout)."""
        screen = self.screen
        if screen.maximized is not None:
            screen.minimize()
        elif self.focused is not None:
            screen.maximize(self.focused, container=True)

    def action_toggle_unreviewed(self) -> None:
        self.unreviewed_only = not self.unreviewed_only
        self.refresh_list()

    def set_ticker_filter(self, ticker: str | None) -> None:
        self.ticker_filter = (ticker or "").strip().upper() or None
        self.refresh_list()

    def set_code_filter(self, code: str | None) -> None:
        code = (code or "").strip().upper() or None
        if code is not None and code not in TRANSACTION_CODES:
            self.notify(f"Unknown transaction code {code!r}; press ? for the list.", severity="warning", markup=False)
            return
        self.code_filter = code
        self.refresh_list()

    def action_filter_ticker(self) -> None:
        self.push_screen(
            PromptDialog(
                "Filter: ticker",
                "Show only this issuer's filings (empty: any ticker).",
                value=self.ticker_filter or "",
                placeholder="e.g. CLRB",
                suggestions=self._tickers,
            ),
            lambda answer: None if answer is None else self.set_ticker_filter(answer),
        )

    def action_filter_code(self) -> None:
        self.push_screen(
            PromptDialog(
                "Filter: transaction code",
                "Show only filings with this code: " + " ".join(TRANSACTION_CODES) + " (empty: any code).",
                value=self.code_filter or "",
                placeholder="e.g. P",
                suggestions=list(TRANSACTION_CODES),
            ),
            lambda answer: None if answer is None else self.set_code_filter(answer),
        )

    def action_clear_filters(self) -> None:
        self.ticker_filter = None
        self.code_filter = None
        self.unreviewed_only = False
        search = self._widget("#search", SearchBox)
        self.name_query = ""
        with search.prevent(SearchBox.Changed):
            search.value = ""
        self.refresh_list()

    # ------------------------------------------------------------------ the highlighted filing
    @on(FilingList.Highlighted)
    def _filing_highlighted(self, event: FilingList.Highlighted) -> None:
        if event.filing_id is not None and event.filing_id == self.shown_filing_id == self._wanted:
            return  # the list was rebuilt around the same filing: keep its panes (and the cell cursor)
        self._wanted = event.filing_id
        # A single move updates the panes at once. While the cursor races (a key held down) the panes
        # wait until it rests for DETAILS_INTERVAL: the list never waits for them.
        now = time.monotonic()
        racing = now - self._highlight_at < DETAILS_INTERVAL
        self._highlight_at = now
        if self._details_timer is not None:
            self._details_timer.stop()
            self._details_timer = None
        if racing:
            self._details_timer = self.set_timer(DETAILS_INTERVAL, self._details_due)
        else:
            self._update_details()

    def _details_due(self) -> None:
        self._details_timer = None
        self._update_details()

    def _update_details(self) -> None:
        filing_id = self._wanted
        if filing_id is None:
            self._show_nothing("No filing to show." if self.list_ready else "")
        elif filing_id in self._cache:
            self._cache.move_to_end(filing_id)
            self._show_filing(self._cache[filing_id])
        elif self._loading is None:  # one load at a time; the newest wanted filing is loaded next
            self._loading = filing_id
            self._load_filing(filing_id)

    @on(FilingList.Opened)
    def _filing_opened(self) -> None:
        self._unzoom()
        for pane in self._tables():
            if not pane.has_class("-empty"):
                pane.table.focus()
                return
        self.owner_pane.focus()

    @work(thread=True, group="load")
    def _load_filing(self, filing_id: str) -> None:
        assert self.store is not None
        try:
            with self._reading:
                stored = self.store.get(filing_id)
            # made inert here, in the worker, once: every pane then draws it as it is (`tui.safe_text`)
            stored = inert_values(stored)
        except Exception as exc:  # a damaged shard must not leave the panes waiting forever
            reason = str(exc) if isinstance(exc, StoreError) else f"{type(exc).__name__}: {exc}"
            self.call_from_thread(self._filing_loaded, filing_id, None, inert_line(reason))
            return
        self.call_from_thread(self._filing_loaded, filing_id, stored, None)

    def _filing_loaded(self, filing_id: str, stored: StoredFiling | None, error: str | None) -> None:
        self._loading = None
        if stored is not None:
            self._cache[filing_id] = stored
            while len(self._cache) > FILING_CACHE_SIZE:
                self._cache.popitem(last=False)
        if filing_id != self._wanted:
            if self._details_timer is None:
                self._update_details()  # the cursor moved on meanwhile
            return
        if stored is None:
            reason = f" ({error})" if error else ""
            self._show_nothing(f"Filing {filing_id} could not be loaded from the store{reason}.")
        else:
            self._show_filing(stored)

    def _show_nothing(self, message: str = "") -> None:
        self.shown_filing_id = None
        self.owner_pane.show_message(message)
        for pane in self._tables():
            pane.show_rows((), ())
        self.footnotes.show({}, None)
        self._reset_navigation()

    def _show_filing(self, stored: StoredFiling) -> None:
        assert self.store is not None
        filing = stored.filing
        summary = self.filing_list.summaries.get(stored.id)
        with self.batch_update():
            self.owner_pane.show(stored.id, filing, summary, self.store.state(stored.id), stored.sources)
            table1, table2 = self._tables()
            table1.show_rows(filing.non_derivative, TABLE_I)
            table2.show_rows(filing.derivative, TABLE_II)
            self.footnotes.show(filing.footnotes, filing.remarks)
        self._reset_navigation()
        self.shown_filing_id = stored.id

    def _reset_navigation(self) -> None:
        # Only a change of what `n` and `b` can do redraws the footer: a footer rebuild mounts a widget per
        # key and reflows the whole screen, too slow to happen on every move through the list.
        navigable = self._selected_footnote is not None or self._return_cell is not None or self._return_footnote
        self._selected_footnote = None
        self._return_cell = None
        self._return_footnote = None
        self._citation_index = -1
        if navigable:
            self.refresh_bindings()

    # ------------------------------------------------------------------ review state
    def action_toggle_reviewed(self) -> None:
        filing_id = self.filing_list.highlighted
        if self.store is None or filing_id is None:
            return
        self._mark_worker(filing_id, filing_id not in self.reviewed)

    @work(thread=True, group="mark", exit_on_error=False)
    def _mark_worker(self, filing_id: str, reviewed: bool) -> None:
        """The mark is written in a worker: another process holding the store's lock for a while
        must not freeze the screen."""
        assert self.store is not None
        try:
            state = self.store.set_reviewed(filing_id, reviewed)
        except (OSError, StoreError, KeyError) as exc:
            self.call_from_thread(self._save_failed, "the review mark", exc)
            return
        self.call_from_thread(self._marked, filing_id, state.reviewed)

    def _save_failed(self, what: str, exc: Exception) -> None:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        self.notify(f"Could not save {what}: {inert_line(reason)}", severity="error", markup=False, timeout=12)

    def _marked(self, filing_id: str, reviewed: bool) -> None:
        if reviewed:
            self.reviewed.add(filing_id)
        else:
            self.reviewed.discard(filing_id)
        self.filing_list.set_reviewed(self.reviewed)
        if filing_id == self.shown_filing_id and filing_id in self._cache:
            self._show_owner(filing_id)
        if self.unreviewed_only and reviewed:
            # the reviewed filing leaves the "to do" list; the cursor goes on to the next one
            ids = [i for i in self.filing_list.ids if i != filing_id]
            cursor = self.filing_list.cursor
            self.filing_list.set_items(ids, self.filing_list.summaries, self.reviewed,
                                       keep=ids[min(cursor, len(ids) - 1)] if ids else None)  # fmt: skip
            self._update_filter_line()

    def _show_owner(self, filing_id: str) -> None:
        assert self.store is not None
        stored = self._cache[filing_id]
        self.owner_pane.show(
            filing_id,
            stored.filing,
            self.filing_list.summaries.get(filing_id),
            self.store.state(filing_id),
            stored.sources,
        )

    def action_edit_note(self) -> None:
        filing_id = self.filing_list.highlighted
        if self.store is None or filing_id is None:
            self.notify("No filing is highlighted.", severity="warning")
            return
        summary = self.filing_list.summaries.get(filing_id)
        label = (
            f"{summary.ticker or summary.issuer or filing_id} {summary.date} ({'; '.join(summary.owners)})"
            if summary
            else filing_id
        )

        def save(note: str | None) -> None:
            if note is None or self.store is None:
                return
            self._note_worker(filing_id, note.strip() or None)

        self.push_screen(NoteDialog(label, self.store.state(filing_id).note), save)

    @work(thread=True, group="mark", exit_on_error=False)
    def _note_worker(self, filing_id: str, note: str | None) -> None:
        assert self.store is not None
        try:
            self.store.set_note(filing_id, note)
        except (OSError, StoreError, KeyError) as exc:  # a full disk, a read-only store: said, not a crash
            self.call_from_thread(self._save_failed, "the note", exc)
            return
        self.call_from_thread(self._note_saved, filing_id, note)

    def _note_saved(self, filing_id: str, note: str | None) -> None:
        if filing_id == self.shown_filing_id and filing_id in self._cache:
            self._show_owner(filing_id)
        self.notify("Note saved." if note else "Note removed.")

    # ------------------------------------------------------------------ footnote navigation
    @on(TransactionTable.FootnotesRequested)
    def _footnotes_requested(self, event: TransactionTable.FootnotesRequested) -> None:
        pane = event.table.parent
        assert isinstance(pane, TablePane) and pane.id
        self._return_cell = (pane.id, event.coordinate)
        self._return_footnote = None
        self._unzoom()
        self.footnotes.show_cited(event.footnote_ids)
        self._mark(self.footnotes.selected)

    @on(FootnotesPane.Selected)
    def _footnote_selected(self, event: FootnotesPane.Selected) -> None:
        if self.footnotes.footnote_list.has_focus:
            self._mark(event.footnote_id)

    def on_descendant_focus(self, event: object) -> None:
        widget = getattr(event, "widget", None)
        if isinstance(widget, FootnoteList):
            self._mark(self.footnotes.selected)

    def _mark(self, footnote_id: str | None) -> None:
        if footnote_id == self._selected_footnote:
            return
        self._citation_index = -1
        had_selection = self._selected_footnote is not None
        self._selected_footnote = footnote_id
        for pane in self._tables():
            pane.table.mark_footnote(footnote_id)
        if had_selection != (footnote_id is not None):
            self.refresh_bindings()

    def _citations(self, footnote_id: str) -> list[tuple[TablePane, Coordinate]]:
        return [(pane, coordinate) for pane in self._tables() for coordinate in pane.table.citing(footnote_id)]

    @on(FootnoteList.GoToCitation)
    def _go_to_citation(self, event: FootnoteList.GoToCitation) -> None:
        self._mark(event.footnote_id)
        self._jump_to_citation(event.footnote_id, first=event.first)

    def _jump_to_citation(self, footnote_id: str, *, first: bool) -> None:
        citations = self._citations(footnote_id)
        if not citations:
            self.notify(f"No table cell cites footnote {footnote_label(footnote_id)}.", markup=False)
            return
        self._citation_index = 0 if first or self._citation_index < 0 else (self._citation_index + 1) % len(citations)
        pane, coordinate = citations[self._citation_index]
        self._unzoom()
        self._return_footnote = footnote_id
        self._return_cell = None
        pane.table.go_to(coordinate)
        if len(citations) > 1:
            self.notify(
                f"Cell {self._citation_index + 1} of {len(citations)} citing {footnote_label(footnote_id)} (n: next)",
                markup=False,
                timeout=2,
            )
        self.refresh_bindings()

    def action_next_citation(self) -> None:
        if self._selected_footnote:
            self._jump_to_citation(self._selected_footnote, first=False)

    def action_back(self) -> None:
        focused = self.focused
        self._unzoom()
        if isinstance(focused, FootnoteList) and self._return_cell:
            pane_id, coordinate = self._return_cell
            self._widget(f"#{pane_id}", TablePane).table.go_to(coordinate)
            self._return_footnote = self._selected_footnote
            self._return_cell = None
        elif isinstance(focused, TransactionTable) and self._return_footnote:
            pane = focused.parent
            assert isinstance(pane, TablePane) and pane.id
            back_to = self._return_footnote
            self._return_cell = (pane.id, focused.cursor_coordinate)
            self._return_footnote = None
            self.footnotes.select(back_to)
            self.footnotes.footnote_list.focus()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next_citation":
            return bool(self._selected_footnote) and isinstance(self.focused, FootnoteList | TransactionTable)
        if action == "back":
            focused = self.focused
            return (isinstance(focused, FootnoteList) and self._return_cell is not None) or (
                isinstance(focused, TransactionTable) and self._return_footnote is not None
            )
        return True

    # ------------------------------------------------------------------ import
    def action_import(self) -> None:
        def answered(answer: str | None) -> None:
            paths = split_paths(answer or "")
            if paths:
                self.start_import(paths, "Importing " + "; ".join(paths))

        self.push_screen(ImportDialog(), answered)

    def start_import(self, paths: list[str], label: str, *, samples: bool = False) -> None:
        self.import_progress.start(label)
        self._import_worker(paths, samples)

    @work(thread=True, exclusive=True, group="import", exit_on_error=False)
    def _import_worker(self, paths: list[str], samples: bool) -> None:
        try:
            self._import(paths, samples)
        except (OSError, StoreError) as exc:  # a read-only store, a full disk: said, not a crash
            self.call_from_thread(self._import_failed, exc)

    def _import_failed(self, exc: Exception) -> None:
        self.import_progress.stop()
        self._save_failed("the import", exc)
        self.refresh_list(reload=True)  # what was imported before the failure is shown

    def _import(self, paths: list[str], samples: bool) -> None:
        store = open_store(self.db)  # its own instance: the list keeps reading the app's store meanwhile
        progress = self.import_progress
        last = 0.0

        def advance(done: int, total: int, _path: str) -> None:
            nonlocal last
            now = time.monotonic()
            if now - last > 0.05 or done == total:
                last = now
                self.call_from_thread(progress.advance, done, total)

        try:
            report = import_paths(store, paths, progress=advance)
        finally:
            store.close()
        self.call_from_thread(self._import_done, report, samples, paths)

    def _import_done(self, report: ImportReport, samples: bool, roots: list[str]) -> None:
        self.import_progress.stop()
        if samples:
            message = f"First run: imported the bundled sample filings ({SAMPLE_FILINGS.name}/): {report.summary()}"
        else:
            message = f"Import done: {report.summary()}"
        if report.failures:
            message += "\n" + failure_digest(report, roots)
        self.notify(message, severity="warning" if report.failures else "information", markup=False, timeout=12)
        self._cache.clear()
        self.shown_filing_id = None  # an import may have updated the filing on screen: show it again
        self.refresh_list(reload=True)

    # ------------------------------------------------------------------ help
    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())


def failure_digest(report: ImportReport, roots: list[str]) -> str:
    """The failures of an import in a few lines: how many per reason, then the first few files
    (named relative to the folder imported, so the names fit in a notification)."""
    reasons = Counter(f.reason for f in report.failures)
    lines = [f"{count} × {inert_line(reason)}" for reason, count in reasons.most_common(3)]
    if len(reasons) > 3:
        lines.append(f"… {len(reasons) - 3} other reasons")
    for failure in report.failures[:FAILURES_SHOWN]:
        name = shown_path(_relative(failure.path, roots))
        lines.append(f"• {name}" if len(reasons) == 1 else f"• {name}: {inert_line(failure.reason)}")
    if report.failed > FAILURES_SHOWN:
        lines.append(f"… and {report.failed - FAILURES_SHOWN} more")
    return "\n".join(lines)


def _relative(path: str, roots: list[str]) -> str:
    for root in roots:
        try:
            relative = Path(path).relative_to(root)
        except ValueError:
            continue
        return str(relative) if str(relative) != "." else Path(path).name
    return path


def run_explorer(db: Path, paths: list[str]) -> int:
    """Open the explorer on the store at ``db``, importing ``paths`` first. Returns the exit status."""
    app = ExplorerApp(db, paths)
    app.run()
    return app.return_code or 0
