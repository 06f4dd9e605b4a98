"""The import progress line: what is being imported and a progress bar (hidden when idle)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import ProgressBar, Static


class ImportProgress(Horizontal):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)

    def compose(self) -> ComposeResult:
        yield Static(Text("Importing"), id="import-label")
        yield ProgressBar(total=1, show_eta=False, id="import-bar")  # indeterminate (animated) only while importing
        yield Static(Text(""), id="import-count")

    def start(self, label: str) -> None:
        self.query_one("#import-label", Static).update(Text(label))
        self.query_one(ProgressBar).update(total=None, progress=0)
        self.query_one("#import-count", Static).update(Text("looking for files…"))
        self.add_class("-active")

    def advance(self, done: int, total: int) -> None:
        self.query_one(ProgressBar).update(total=total or None, progress=done)
        self.query_one("#import-count", Static).update(Text(f"{done:,} of {total:,} files"))

    def stop(self) -> None:
        self.query_one(ProgressBar).update(total=1, progress=1)  # stops the indeterminate animation
        self.remove_class("-active")
