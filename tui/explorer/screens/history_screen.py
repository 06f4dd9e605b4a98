"""`h`: a filing's review history, newest first: who changed its mark or note, when, and from what to
what (the store's history, which is never rewritten). Names and notes are shown as typed, never markup."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich import box
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.formatting import format_when
from tui.safe_text import inert, inert_line
from tui.store import FilingSummary, HistoryEntry


def filing_label(filing_id: str, summary: FilingSummary | None) -> str:
    """'AAPL 2019-08-24 (COOK TIMOTHY D)': the filing the history is of."""
    if summary is None:
        return filing_id
    return f"{summary.ticker or summary.issuer or filing_id} {summary.date} ({'; '.join(summary.owners)})"


def _mark(reviewed: bool) -> str:
    return "reviewed" if reviewed else "not reviewed"


def _note(note: str | None) -> Text:
    return Text(inert(note)) if note is not None else Text("—", style="dim")


def history_table(entries: Sequence[HistoryEntry]) -> Table | Text:
    """One row per change, newest first: when, who, old → new mark, old → new note."""
    if not entries:
        return Text("No review history: nobody has marked this filing or written a note on it.", style="italic")
    table = Table(box=box.SIMPLE_HEAD, expand=True, show_edge=False)
    table.add_column("when", no_wrap=True)
    table.add_column("who", no_wrap=True)
    table.add_column("mark", no_wrap=True)
    table.add_column("note", ratio=1)
    for e in reversed(entries):
        mark = Text(_mark(e.new_reviewed))
        if e.old_reviewed != e.new_reviewed:
            mark = Text.assemble((_mark(e.old_reviewed), "dim"), " → ", (_mark(e.new_reviewed), "bold"))
        note = _note(e.new_note)
        if e.old_note != e.new_note:
            note = Text.assemble(_note(e.old_note), " → ", _note(e.new_note))
        table.add_row(Text(format_when(e.at)), Text(inert_line(e.reviewer)), mark, note)
    return table


class HistoryScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,h,q", "close", "Close history", tooltip="close"),
    ]

    def __init__(self, label: str, entries: Sequence[HistoryEntry]) -> None:
        super().__init__()
        self.label = label
        self.entries = list(entries)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="history-body") as body:
            body.border_title = Text(f"Review history — {inert_line(self.label)}")
            plural = "" if len(self.entries) == 1 else "s"
            body.border_subtitle = f"{len(self.entries)} change{plural}, newest first · escape: close"
            yield Static(history_table(self.entries), id="history-text")

    def action_close(self) -> None:
        self.dismiss(None)
