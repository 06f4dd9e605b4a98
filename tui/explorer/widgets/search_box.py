"""The insider-name search box (`/`). Filtering happens as you type; escape or enter goes back to the list."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Input
from textual.widgets.input import Selection


class SearchBox(Input):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave", "Back to list", tooltip="back to the list (the filter stays)"),
        Binding("enter", "leave", "Back to list", show=False, tooltip="back to the list (the filter stays)"),
    ]

    class Leave(Message):
        """The user is done typing."""

    def __init__(self, *, id: str | None = None) -> None:
        # the text is selected by `start_typing`, at once, not by a later Focus event (which could
        # select keys already typed behind `/`)
        super().__init__(placeholder="/ search insider name", id=id, select_on_focus=False)

    def start_typing(self) -> None:
        """`/`: what the box holds is selected, so the new search replaces the last one (as `/` does in
        less or vim); `right` or `end` keeps it to add to."""
        self.selection = Selection(0, len(self.value))

    def type_text(self, text: str) -> None:
        """Text typed before the box had the focus (keys queued behind `/`): as if typed in the box."""
        selection = self.selection
        if selection.is_empty:
            self.insert_text_at_cursor(text)
        else:
            self.replace(text, *selection)

    def action_leave(self) -> None:
        self.post_message(self.Leave())
