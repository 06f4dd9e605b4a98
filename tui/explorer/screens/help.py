"""`?`: every key of the explorer and the legend of the 20 transaction codes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.codes import TRANSACTION_CODES

#: a titled list of (keys, what they do); built from the bindings (tui/explorer/keys.py)
KeySection = tuple[str, list[tuple[str, str]]]


def keys_table(sections: Sequence[KeySection]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold cyan", no_wrap=True)
    table.add_column()
    for section, keys in sections:
        table.add_row(Text(section, style="bold underline"), Text(""))
        for key, meaning in keys:
            table.add_row(Text(key), Text(meaning))
        table.add_row(Text(""), Text(""))
    return table


def codes_table() -> Table:
    table = Table(title=Text("Transaction codes (Form 4 instructions, item 8)", style="bold"), title_justify="left",
                  show_edge=False, header_style="bold", expand=True)  # fmt: skip
    table.add_column("Code", style="bold cyan", no_wrap=True)
    table.add_column("Group", no_wrap=True)
    table.add_column("Meaning", ratio=1)
    for code, (group, meaning) in TRANSACTION_CODES.items():
        table.add_row(Text(code), Text(group), Text(meaning))
    return table


#: from this terminal width on, the keys and the codes stand side by side
SIDE_BY_SIDE_WIDTH = 160


def help_content(sections: Sequence[KeySection], side_by_side: bool) -> RenderableType:
    if not side_by_side:
        return Group(keys_table(sections), codes_table())
    grid = Table.grid(padding=(0, 3), expand=True)
    grid.add_column(ratio=2)
    grid.add_column(ratio=3)
    grid.add_row(keys_table(sections), codes_table())
    return grid


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "close", "Close help", tooltip="close"),
    ]

    def __init__(self, sections: Sequence[KeySection]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body") as body:
            body.border_title = "Help — keys and transaction codes"
            body.border_subtitle = "↑ ↓ pgup pgdn: scroll · escape: close"
            yield Static(help_content(self.sections, self.app.size.width >= SIDE_BY_SIDE_WIDTH), id="help-text")

    def on_resize(self, event: events.Resize) -> None:
        self.query_one("#help-text", Static).update(help_content(self.sections, event.size.width >= SIDE_BY_SIDE_WIDTH))

    def action_close(self) -> None:
        self.dismiss(None)
