"""The explorer app: owns the store, runs every store call in a worker, holds the global keys and the one
handler for failed workers. What is shown, and how, is the main screen's business (main_screen.py).

Every store call (reads and writes) runs in a thread worker with ``exit_on_error=False``; results,
progress and failures come back as messages (messages.py) posted to the main screen. A worker that fails
anyway ends in `_worker_failed`: at open a clean exit with the message, later one notification line."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.worker import Worker, WorkerState, get_current_worker

from tui.explorer import across_actions
from tui.explorer import messages as m
from tui.explorer.commands import ExplorerCommands
from tui.explorer.journal import Journal
from tui.explorer.keys import help_sections
from tui.explorer.main_screen import MainScreen
from tui.explorer.memory import IDLE_COLLECT_SECONDS, CollectorPolicy
from tui.explorer.messages import one_line
from tui.explorer.screens.help import HelpScreen
from tui.explorer.screens.history_screen import HistoryScreen, filing_label
from tui.explorer.screens.messages_screen import MessagesScreen
from tui.explorer.widgets.fetch_dialog import FetchDialog, FetchOrder
from tui.explorer.widgets.fetch_status import FetchStatus, fetch_digest
from tui.explorer.writes import Write, WriteQueue
from tui.fetch.config import EdgarUrls, FetchSettings
from tui.importer import default_workers, import_paths
from tui.safe_text import inert_values
from tui.samples import bundled_samples
from tui.store import ListFilter, Store, StoredFiling, StoreError, is_url, open_store

#: the filings shipped with the program, imported into an empty store on the first run
SAMPLE_FILINGS = bundled_samples()  # None: this install has none
#: the filings a team store shows before its whole list is read (more than a screen holds)
FIRST_PAGE = 100
#: how often the explorer looks whether another process changed the store
STORE_CHECK_SECONDS = 2.0


class ExplorerApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "form4 explorer"
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {ExplorerCommands}  # ours only

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", tooltip="quit"),
        Binding("question_mark", "help", "Help", tooltip="this help"),
        Binding("m", "messages", "Messages", show=False, tooltip="every message: each import failure, store problems"),
        Binding(
            "e", "fetch", "EDGAR", show=False, tooltip="get filings from EDGAR (by ticker, CIK or day) into the store"
        ),
        Binding("ctrl+p", "command_palette", "palette", show=False, priority=True, tooltip="command palette"),
        Binding("o", "insider_view", "Insider", tooltip="the shown filing's owner across all filings (by CIK)"),
        Binding("I", "issuer_view", "Issuer", tooltip="the shown filing's issuer: every insider, cluster buys"),
        Binding("T", "screener", "Screener", tooltip="screen every transaction across the store"),
    ]

    def __init__(self, db: Path | str, paths: list[str] | None = None, *, import_samples: bool = True) -> None:
        super().__init__()
        self.db = db if isinstance(db, str) else Path(db)  # a folder, or a postgresql:// URL
        self.paths = list(paths or [])
        self.import_samples = import_samples
        self.store: Store | None = None
        self.main: MainScreen = MainScreen()
        #: held by workers while the store re-reads its index, so a filing load never sees it half-read
        self._reading = threading.Lock()
        self._writes = WriteQueue()
        self.collector = CollectorPolicy()
        self._last_input = time.monotonic()  # a key or the mouse, on any screen (the GC waits for a pause)
        self._problem: str | None = None  # the store problem last shown (shown once until it changes)
        self.journal = Journal()

    def get_default_screen(self) -> MainScreen:
        return self.main

    def on_mount(self) -> None:
        self._open_store()
        self.set_interval(STORE_CHECK_SECONDS, self._check_store)
        self.collector.install()
        self.set_interval(IDLE_COLLECT_SECONDS, self._collect_when_idle)

    def on_unmount(self) -> None:
        self.collector.uninstall()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent):
            self._last_input = time.monotonic()
        await super().on_event(event)

    def _collect_when_idle(self) -> None:
        # the main list's cursor alone would say "idle" while the user pages through the screener (its
        # own screen): a full collection there stalls the scrolling for 100-400 ms
        resting = time.monotonic() - self._last_input > IDLE_COLLECT_SECONDS / 2
        self.collector.collect_if_idle(resting and self.main.details.idle_for(IDLE_COLLECT_SECONDS / 2))

    # ------------------------------------------------------------------ failures
    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        if event.state != WorkerState.ERROR:
            return
        worker = event.worker
        reason = one_line(worker.error)
        if worker.group == "open":
            self.exit(None, 2, Text(f"form4: {reason}"))
            return
        if worker.group == "write":  # the writer died: what it did not write is taken back on screen
            for write in self._writes.abandon():
                self.main.post_message(m.StateNotSaved(write.filing_id, write.what, reason, write.mark))
            return
        if worker.group == "import":
            self.main.import_progress.post_message(m.ImportStopped())
        self.report_problem(reason)

    @on(m.StoreProblem)
    def _store_problem(self, event: m.StoreProblem) -> None:
        self.report_problem(event.reason)

    def report_problem(self, reason: str) -> None:
        """One line about a store problem; the same problem again (every store check) is not repeated."""
        if reason != self._problem:
            self._problem = reason
            self.journal.add("Store problem", reason)
            self.notify(reason, title="Store problem", severity="error", markup=False, timeout=10)

    def problem_solved(self) -> None:
        self._problem = None

    # ------------------------------------------------------------------ the store: open and watch
    @work(thread=True, exclusive=True, group="open", exit_on_error=False)
    def _open_store(self) -> None:
        """A team store (a URL) first answers the newest filings, then reads its index in the background:
        the list shows that page at once, and the whole list when the store's reads answer."""
        store = open_store(self.db, lazy=is_url(self.db))
        page = store.first_page(FIRST_PAGE)
        self.post_message(m.StoreOpened(store, page.total if page is not None else len(store), page))

    @on(m.StoreOpened)
    def _store_opened(self, event: m.StoreOpened) -> None:
        self.store = event.store
        count = event.count
        if (page := event.first_page) is not None:  # shown while the whole list is read
            self.main.post_message(
                m.ListLoaded(
                    page.ids, page.summaries, page.total, None, page.reviewed, noted=page.noted, first_page=True
                )
            )
        if self.paths:
            self.main.start_import(self.paths, "Importing " + "; ".join(self.paths))
        elif count == 0 and self.import_samples:
            if SAMPLE_FILINGS is not None and SAMPLE_FILINGS.is_dir():
                self.main.start_import([str(SAMPLE_FILINGS)], "First run: importing the bundled sample filings", True)
            else:
                self.notify("The store is empty. Press i to import filings.", markup=False)
        if event.first_page is not None:
            self.main.store_ready_after_first_screen()  # the whole list once that page and its panes show
        else:
            self.main.store_ready()

    def _check_store(self) -> None:
        if self.store is not None and self.main.list_ready:
            self._check_worker(self.store)

    @work(thread=True, exclusive=True, group="check", exit_on_error=False)
    def _check_worker(self, store: Store) -> None:
        """Another form4 (an import in a terminal, a second explorer) wrote to this store: show it."""
        if store.has_changed():
            self.main.post_message(m.StoreChanged())

    # ------------------------------------------------------------------ the store: reads
    @work(thread=True, exclusive=True, group="list", exit_on_error=False)
    def list_filings(self, flt: ListFilter, reload: bool, keep: str | None, shown: str | None) -> None:
        """The ids matching ``flt``; on ``reload`` the store re-reads what changed first."""
        store = self.store
        assert store is not None
        loaded = m.ListLoaded([], {}, 0, keep)
        if reload:
            try:
                store.ids()  # a team store may be reading its index (first_page): waited for here, not under the lock
                with self._reading:
                    store.refresh()
                loaded.reviewed = store.reviewed_ids()
                loaded.noted = {fid for fid, state in store.states().items() if state.note}
                loaded.tickers = store.tickers()
                if shown is not None:
                    loaded.shown_state = (shown, store.state(shown))
            except StoreError as exc:  # e.g. the marks file damaged: say so, list with the marks known
                self.post_message(m.StoreProblem(one_line(exc)))
                loaded.reviewed = loaded.tickers = loaded.shown_state = None
        loaded.found = store.list_ids(flt)
        if get_current_worker().is_cancelled:
            return
        # summaries are built only for the rows drawn: nothing per filing here, even at 100k
        loaded.summaries = store.summary_view()
        loaded.total = len(store)
        self.main.post_message(loaded)

    @work(thread=True, group="load", exit_on_error=False)
    def load_filing(self, filing_id: str) -> None:
        assert self.store is not None
        try:
            with self._reading:
                stored = self.store.get(filing_id)
            # made inert here, in the worker, once: every pane then draws it as it is (`tui.safe_text`)
            stored = inert_values(stored)
        except Exception as exc:  # a damaged shard must not leave the panes waiting forever
            self.main.post_message(m.FilingLoaded(filing_id, None, one_line(exc)))
            return
        self.main.post_message(m.FilingLoaded(filing_id, stored))

    def read_filing(self, filing_id: str) -> StoredFiling | None:
        """One stored filing, made inert (`tui.safe_text`): for workers only, it reads the store."""
        assert self.store is not None
        with self._reading:
            return inert_values(self.store.get(filing_id))

    @work(thread=True, group="warm", exit_on_error=False)
    def warm_name_index(self) -> None:
        """Build the insider-name index once the list shows, so the first search does not wait for it."""
        store = self.store
        if store is not None:
            store.build_name_index()
            self.collector.after_load(len(store))

    # ------------------------------------------------------------------ a filing's review history (h)
    def action_history(self) -> None:
        filing_id = self.main.filing_list.highlighted
        if self.store is None or filing_id is None:
            self.notify("No filing is highlighted.", severity="warning", markup=False)
            return
        self._history_worker(self.store, filing_id)

    @work(thread=True, exclusive=True, group="history", exit_on_error=False)
    def _history_worker(self, store: Store, filing_id: str) -> None:
        try:
            self.post_message(m.HistoryLoaded(filing_id, store.history(filing_id)))
        except Exception as exc:  # the server went away: one line, the screen stays as it is
            self.post_message(m.HistoryLoaded(filing_id, None, one_line(exc)))

    @on(m.HistoryLoaded)
    def _history_loaded(self, event: m.HistoryLoaded) -> None:
        if event.entries is None:
            self.notify(f"Review history not read: {event.error}", severity="error", markup=False)
        elif not isinstance(self.screen, HistoryScreen):
            label = filing_label(event.filing_id, self.main.filing_list.summaries.get(event.filing_id))
            self.push_screen(HistoryScreen(label, event.entries))

    # ------------------------------------------------------------------ the store: writes, one at a time
    def save_review(self, filing_id: str, reviewed: bool) -> None:
        if self._writes.push(Write("review", filing_id, reviewed=reviewed)):
            self._writer()

    def save_note(self, filing_id: str, note: str | None) -> None:
        if self._writes.push(Write("note", filing_id, note=note)):
            self._writer()

    @work(thread=True, group="write", exit_on_error=False)
    def _writer(self) -> None:
        """Writes the queued marks and notes in order; a write waits here (not the screen) while another
        process holds the store's lock."""
        store = self.store
        assert store is not None
        while (write := self._writes.pop()) is not None:
            try:
                if write.what == "review":
                    state = store.set_reviewed(write.filing_id, write.reviewed)
                else:
                    state = store.set_note(write.filing_id, write.note)
            except Exception as exc:
                self.main.post_message(m.StateNotSaved(write.filing_id, write.what, one_line(exc), write.mark))
            else:
                self.main.post_message(m.StateSaved(write.filing_id, state, write.what))

    # ------------------------------------------------------------------ import
    @work(thread=True, exclusive=True, group="import", exit_on_error=False)
    def import_files(self, paths: list[str], samples: bool) -> None:
        store = open_store(self.db)  # its own instance: the list keeps reading the app's store meanwhile
        last = 0.0

        def advance(done: int, total: int, _path: str) -> None:
            nonlocal last
            now = time.monotonic()
            if now - last > 0.05 or done == total:
                last = now
                self.main.import_progress.post_message(m.ImportProgressed(done, total))

        try:
            report = import_paths(store, paths, workers=default_workers(), progress=advance)
        finally:
            store.close()
        self.main.post_message(m.ImportFinished(report, samples, paths))

    # ------------------------------------------------------------------ fetch from EDGAR
    def action_fetch(self) -> None:
        if self._fetch_line().running:
            self.notify("A fetch from EDGAR is running: its progress is at the bottom of the screen.", markup=False)
            return
        self.push_screen(FetchDialog(), self._fetch_ordered)

    def _fetch_ordered(self, order: FetchOrder | None) -> None:
        if order is not None:
            settings = FetchSettings(order.user_agent, EdgarUrls.from_env())
            self._fetch_line().start(self.db, order.request, settings)  # a worker: the screen goes on

    def _fetch_line(self) -> FetchStatus:
        """The fetch progress line, above the footer (mounted the first time it is needed)."""
        for status in self.main.query(FetchStatus):
            return status
        status = FetchStatus(id="fetch-status")
        self.main.mount(status, after=self.main.import_progress)
        return status

    @on(FetchStatus.Finished)
    def _fetch_finished(self, event: FetchStatus.Finished) -> None:
        report = event.report
        if report is None:
            reason = event.error or "unknown error"
            self.journal.add("Fetch from EDGAR failed", reason)
            self.notify(reason, title="Fetch from EDGAR failed", severity="error", markup=False, timeout=12)
            return
        self.journal.add(f"Fetch from EDGAR: {report.summary()}", *report.failures)
        warn = bool(report.failures)
        self.notify(fetch_digest(report), severity="warning" if warn else "information", markup=False, timeout=12)
        if report.imported is not None:
            self.main.details.forget()  # a fetch may have brought a richer copy of the filing on screen
            self.main.refresh_list(reload=True)

    # ------------------------------------------------------------------ global keys
    def action_messages(self) -> None:
        if not isinstance(self.screen, MessagesScreen):
            self.push_screen(MessagesScreen(self.journal.entries))

    # ------------------------------------------------------------------ across filings (tui/explorer/across_actions.py)
    def action_insider_view(self) -> None:
        across_actions.insider_view(self)

    def action_issuer_view(self) -> None:
        across_actions.issuer_view(self)

    def action_screener(self) -> None:
        across_actions.screener(self)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The views of the shown filing from the main screen only (the across views have their own keys)."""
        return self.screen is self.main if action in ("insider_view", "issuer_view", "screener") else True

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(help_sections(self.BINDINGS)))


def run_explorer(db: Path | str, paths: list[str]) -> int:
    """Open the explorer on the store at ``db`` (a folder or a URL), importing ``paths`` first."""
    app = ExplorerApp(db, paths)
    app.run()
    return app.return_code or 0
