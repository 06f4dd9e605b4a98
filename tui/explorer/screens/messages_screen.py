"""`m`: every message of this session (imports with each failure, store problems), newest first."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.explorer.journal import Entry


def journal_text(entries: Sequence[Entry]) -> Text:
    text = Text()
    if not entries:
        text.append("No messages yet.", style="italic")
    for entry in reversed(entries):
        text.append(f"{entry.when:%H:%M:%S}  ", style="dim")
        text.append(entry.title, style="bold")
        text.append("\n")
        for line in entry.lines:
            text.append(f"    {line}\n")
        text.append("\n")
    return text


class MessagesScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,m,q", "close", "Close messages", tooltip="close"),
    ]

    def __init__(self, entries: Sequence[Entry]) -> None:
        super().__init__()
        self.entries = list(entries)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="messages-body") as body:
            body.border_title = "Messages — imports and store problems, newest first"
            body.border_subtitle = "↑ ↓ pgup pgdn: scroll · escape: close"
            yield Static(journal_text(self.entries), id="messages-text")

    def action_close(self) -> None:
        self.dismiss(None)
