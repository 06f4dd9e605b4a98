"""The help screen's key sections, built from the bindings themselves (so the help cannot drift from
what the keys do): each binding's `tooltip` is its line in the help, its `description` its footer label."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from textual.binding import Binding, BindingType

from tui.explorer.main_screen import MainScreen
from tui.explorer.screens.across_keys import across_sections
from tui.explorer.screens.diff_screen import DiffScreen
from tui.explorer.screens.help import HelpScreen, KeySection
from tui.explorer.screens.messages_screen import MessagesScreen
from tui.explorer.widgets.cell_grid import CellGrid
from tui.explorer.widgets.filing_list import FilingList
from tui.explorer.widgets.findings_pane import FindingList
from tui.explorer.widgets.footnotes_pane import FootnoteList
from tui.explorer.widgets.search_box import SearchBox
from tui.explorer.widgets.transaction_table import TransactionTable

#: how a key is written in the help (the rest as Textual names them: "ctrl+home", "pageup", "enter")
KEY_NAMES = {"question_mark": "?", "slash": "/"}
#: the screen's keys that act only in the tables and the footnotes
NAVIGATION = ("next_citation", "back")


def key_name(key: str) -> str:
    return KEY_NAMES.get(key, key)


def key_rows(
    bindings: Iterable[BindingType], *, only: Sequence[str] = (), skip: Sequence[str] = ()
) -> list[tuple[str, str]]:
    """(keys, what they do) for ``bindings``: the keys of one action, and of actions with the same help
    text, on one line ("f / enter", "tab / shift+tab")."""
    rows: dict[str, list[str]] = {}
    for binding in Binding.make_bindings(bindings):
        action = binding.action.removeprefix("app.").removeprefix("screen.")
        if (only and action not in only) or action in skip:
            continue
        meaning = binding.tooltip or binding.description.lower()
        keys = rows.setdefault(meaning, [])
        name = binding.key_display or key_name(binding.key)
        if name not in keys:
            keys.append(name)
    return [(" / ".join(keys), meaning) for meaning, keys in rows.items()]


def actions(bindings: Iterable[BindingType]) -> list[str]:
    return [binding.action for binding in Binding.make_bindings(bindings)]


def help_sections(app_bindings: Sequence[BindingType]) -> list[KeySection]:
    screen = MainScreen.BINDINGS
    table = [*CellGrid.BINDINGS, *TransactionTable.BINDINGS]
    return [
        ("Everywhere", key_rows([*screen, *app_bindings], skip=NAVIGATION)),
        ("Filing list", key_rows(FilingList.BINDINGS)),
        ("Search box", key_rows(SearchBox.BINDINGS)),
        ("Table I / Table II", key_rows([*table, *screen], only=[*actions(table), *NAVIGATION])),
        ("Footnotes", key_rows([*FootnoteList.BINDINGS, *screen], only=[*actions(FootnoteList.BINDINGS), *NAVIGATION])),
        ("This help", key_rows(HelpScreen.BINDINGS)),
        ("Messages", key_rows(MessagesScreen.BINDINGS)),
        (
            "Review findings",
            key_rows([*FindingList.BINDINGS, *screen], only=[*actions(FindingList.BINDINGS), *NAVIGATION]),
        ),
        ("Amendment diff", key_rows(DiffScreen.BINDINGS)),
        *across_sections(),
    ]
