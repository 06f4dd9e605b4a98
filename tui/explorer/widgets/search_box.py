"""The insider-name search box (`/`). Filtering happens as you type; escape or enter goes back to the list."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Input


class SearchBox(Input):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave", "Back to list", tooltip="back to the list (the filter stays)"),
        Binding("enter", "leave", "Back to list", show=False, tooltip="back to the list (the filter stays)"),
    ]

    class Leave(Message):
        """The user is done typing."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder="/ search insider name", id=id)

    def action_leave(self) -> None:
        self.post_message(self.Leave())
