"""The help's sections for the across-filings screens, built from their bindings (see tui/explorer/keys.py)."""

from __future__ import annotations

from collections.abc import Sequence

from textual.binding import Binding, BindingType

from tui.explorer.screens.across_filing import AcrossFilingScreen
from tui.explorer.screens.insider_screen import InsiderScreen
from tui.explorer.screens.issuer_screen import IssuerScreen
from tui.explorer.screens.screener_screen import ScreenerScreen
from tui.explorer.widgets.transaction_list import TransactionList

Section = tuple[str, list[tuple[str, str]]]


def _rows(*bindings: Sequence[BindingType]) -> list[tuple[str, str]]:
    rows: dict[str, list[str]] = {}
    for binding in Binding.make_bindings([b for group in bindings for b in group]):
        keys = rows.setdefault(binding.tooltip or binding.description.lower(), [])
        name = binding.key_display or binding.key
        if name not in keys:
            keys.append(name)
    return [(" / ".join(keys), meaning) for meaning, keys in rows.items()]


def across_sections() -> list[Section]:
    return [
        ("Transaction screener (T)", _rows(ScreenerScreen.BINDINGS, TransactionList.BINDINGS)),
        ("Insider view (o)", [*_rows(InsiderScreen.BINDINGS), ("enter", "open the filing of the row")]),
        ("Issuer view (I)", [*_rows(IssuerScreen.BINDINGS), ("enter", "an insider's view / a cluster row's filing")]),
        ("A filing opened from a view", _rows(AcrossFilingScreen.BINDINGS)),
    ]
