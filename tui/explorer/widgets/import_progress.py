"""The import progress line: what is being imported and a progress bar (hidden when idle). The import
worker posts its progress here."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import ProgressBar, Static

from tui.explorer.messages import ImportProgressed, ImportStopped


class ImportProgress(Horizontal):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._label_text = "Importing"
        self._label = Static(Text(self._label_text), id="import-label")
        self._bar = ProgressBar(
            total=1, show_eta=False, id="import-bar"
        )  # indeterminate (animated) only while importing
        self._count = Static(Text(""), id="import-count")

    def compose(self) -> ComposeResult:
        yield self._label
        yield self._bar
        yield self._count

    def start(self, label: str) -> None:
        self._label_text = label
        self._label.update(Text(label))
        self._bar.update(total=None, progress=0)
        self._count.update(Text("looking for files…"))
        self.add_class("-active")

    def advance(self, done: int, total: int) -> None:
        self._bar.update(total=total or None, progress=done)
        self._count.update(Text(f"{done:,} of {total:,} files"))
        # every file read: what is left is the store's last write and the groups' checks (seconds at 100k)
        finishing = bool(total) and done >= total
        label = "Every file read: writing the store…" if finishing else self._label_text
        self._label.update(Text(label))

    @on(ImportProgressed)
    def _progressed(self, event: ImportProgressed) -> None:
        self.advance(event.done, event.total)

    @on(ImportStopped)
    def _stopped(self) -> None:
        self.stop()

    def stop(self) -> None:
        self._bar.update(total=1, progress=1)  # stops the indeterminate animation
        self.remove_class("-active")
