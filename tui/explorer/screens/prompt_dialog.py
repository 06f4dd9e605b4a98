"""A small modal that asks for one line of text (a path, a ticker, a note). Dismisses with the text,
or None on escape."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import Suggester, SuggestFromList
from textual.widgets import Input, Static


class PromptDialog(ModalScreen[str | None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self,
        title: str,
        hint: str = "",
        *,
        value: str = "",
        placeholder: str = "",
        suggestions: Sequence[str] = (),
        suggester: Suggester | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id, classes="prompt-dialog")
        self._title = title
        self._hint = hint
        self._value = value
        self._placeholder = placeholder
        self._suggester = suggester or (SuggestFromList(suggestions, case_sensitive=False) if suggestions else None)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = Text(self._title)
            if self._hint:
                yield Static(Text(self._hint), classes="dialog-hint")
            yield Input(
                value=self._value, placeholder=self._placeholder, suggester=self._suggester, classes="dialog-input"
            )
            yield Static(Text("enter: OK   escape: cancel"), classes="dialog-keys")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
