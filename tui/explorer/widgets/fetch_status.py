"""The fetch line: a worker that fetches from EDGAR into the store and a progress bar with counts and
rate. Progress and the result come back as messages; the UI never waits on the network."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import ProgressBar, Static

from tui.fetch.config import FetchSettings
from tui.fetch.run import FetchReport, FetchRequest, fetch_filings

PHASES = {"list": "Listing", "download": "Downloading", "import": "Importing"}
#: progress messages at most this often (a fast import reports hundreds of files a second)
PROGRESS_INTERVAL = 0.1


class FetchStatus(Horizontal):
    class Progressed(Message):
        def __init__(self, phase: str, done: int, total: int) -> None:
            super().__init__()
            self.phase, self.done, self.total = phase, done, total

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, FetchStatus.Progressed) and message.phase == self.phase

    class Finished(Message):
        """The fetch ended: ``report`` (with one line per failure) or ``error`` when it could not run."""

        def __init__(self, report: FetchReport | None, error: str | None = None) -> None:
            super().__init__()
            self.report, self.error = report, error

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._label = Static(Text("Fetching"), id="fetch-label")
        self._bar = ProgressBar(total=1, show_eta=False, id="fetch-bar")
        self._count = Static(Text(""), id="fetch-count")
        self._cancel = threading.Event()
        self._started = 0.0
        self.running = False

    def compose(self) -> ComposeResult:
        yield self._label
        yield self._bar
        yield self._count

    def start(self, db: Path, request: FetchRequest, settings: FetchSettings, folder: Path | None = None) -> None:
        self.running = True
        self._cancel = threading.Event()
        self._started = time.monotonic()
        self._label.update(Text("Asking EDGAR"))
        self._bar.update(total=None, progress=0)
        self._count.update(Text(""))
        self.add_class("-active")
        self._fetch(db, request, settings, folder, self._cancel)

    def cancel(self) -> None:
        self._cancel.set()

    @work(thread=True, exclusive=True, group="fetch", exit_on_error=False)
    def _fetch(
        self, db: Path, request: FetchRequest, settings: FetchSettings, folder: Path | None, cancel: threading.Event
    ) -> None:
        from tui.store import open_store

        last = 0.0

        def progress(phase: str, done: int, total: int, _detail: str) -> None:
            nonlocal last
            now = time.monotonic()
            if now - last >= PROGRESS_INTERVAL or done == total:
                last = now
                self.post_message(self.Progressed(phase, done, total))

        try:
            store = open_store(db)  # its own instance: the list keeps reading the app's meanwhile
            try:
                report = fetch_filings(store, request, settings, folder=folder, progress=progress, cancel=cancel)
            finally:
                store.close()
        except Exception as exc:  # the store cannot be opened, the folder cannot be made …
            self.post_message(self.Finished(None, f"{type(exc).__name__}: {exc}"))
            return
        self.post_message(self.Finished(report))

    def on_fetch_status_progressed(self, message: Progressed) -> None:
        message.stop()
        self._label.update(Text(PHASES.get(message.phase, message.phase)))
        self._bar.update(total=message.total or None, progress=message.done)
        elapsed = time.monotonic() - self._started
        rate = f" · {message.done / elapsed:.1f}/s" if message.phase != "list" and message.done and elapsed else ""
        self._count.update(Text(f"{message.done:,} of {message.total:,}{rate}"))

    def on_fetch_status_finished(self, message: Finished) -> None:
        # not stopped: the app hears it too (to refresh the list and say how it went)
        self.running = False
        self._bar.update(total=1, progress=1)
        self.remove_class("-active")


def fetch_digest(report: FetchReport, shown: int = 6) -> str:
    """How a fetch went, for a notification: the summary, then the failures, one line each."""
    lines = [f"Fetch done: {report.summary()}"]
    lines += [f"• {failure}" for failure in report.failures[:shown]]
    if len(report.failures) > shown:
        lines.append(f"… and {len(report.failures) - shown} more")
    return "\n".join(lines)
