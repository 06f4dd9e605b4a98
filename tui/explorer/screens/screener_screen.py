"""The transaction screener (T, or the palette): every Table I/II transaction across the store, filtered
by a line of text (`tui.across.filter_text`), sorted by any column; Enter opens a row's filing."""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import ClassVar

import numpy as np
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static

from tui.across.filter_text import FilterError, parse_filter
from tui.across.rows import RowIndex
from tui.across.screener import SORT_COLUMNS, screen
from tui.explorer.across_data import IndexProgress, index_for
from tui.explorer.screens.across_filing import AcrossFilingScreen
from tui.explorer.screens.prompt_dialog import PromptDialog
from tui.explorer.widgets.transaction_list import TransactionList
from tui.store import ReviewState, Store

FILTER_HINT = (
    "name=value words: code=S,P ad=D table=I ticker=TSLA insider=1494730 value>1000000 price<=50 "
    "since=2024-01-01 until=2024-12-31 filed>=2024-02-01 role=director,officer title=ceo plan=yes findings=no "
    "reviewed=no (empty: every transaction)"
)


class Screened(Message):
    def __init__(
        self, index: RowIndex, rows: np.ndarray, seconds: float, states: Mapping[str, ReviewState] | None
    ) -> None:
        super().__init__()
        self.index = index
        self.rows = rows
        self.seconds = seconds
        self.states = states


class ScreenerScreen(Screen[None]):
    CSS_PATH = "across.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f", "edit_filter", "Filter", tooltip="the screener's filter: code=S ticker=TSLA value>1000000 …"),
        Binding("s", "next_sort", "Sort", tooltip="sort by the next column"),
        Binding("S", "reverse", "Reverse", tooltip="reverse the order"),
        Binding("escape", "close", "Back", tooltip="back to where you were"),
    ]

    def __init__(self, store: Store, text: str = "") -> None:
        super().__init__()
        self.store = store
        self.text = text
        self.sort = "date"
        self.descending = True
        self.title_line = Static("", classes="across-title")
        self.list = TransactionList(id="screener-list")

    def compose(self) -> ComposeResult:
        yield self.title_line
        yield self.list
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.list.focus()
        self._run()

    def _run(self) -> None:
        try:
            flt = parse_filter(self.text)
        except FilterError as exc:
            self.notify(str(exc), title="Filter", severity="error", markup=False)
            return
        self.title_line.update(Text(f"Transactions · {self.text or 'all'} · screening…"))
        self._screen(flt, self.sort, self.descending)

    @work(thread=True, exclusive=True, exit_on_error=False, group="screener")
    def _screen(self, flt: object, sort: str, descending: bool) -> None:
        index = index_for(self, self.store)
        start = time.perf_counter()
        states = self.store.states()  # the review marks shown and filtered on, read here, not while drawing
        rows = screen(index, flt, states, sort=sort, descending=descending)  # type: ignore[arg-type]
        self.post_message(Screened(index, rows, time.perf_counter() - start, states))

    @on(Screened)
    def _screened(self, event: Screened) -> None:
        order = "newest/largest first" if self.descending else "ascending"
        line = f"Transactions · {self.text or 'all'} · {len(event.rows):,} row(s) · sorted by {self.sort}, {order}"
        self.title_line.update(Text(f"{line} · {event.seconds * 1000:.0f} ms"))
        self.list.set_rows(event.index, event.rows, event.states)

    @on(TransactionList.Opened)
    def _opened(self, event: TransactionList.Opened) -> None:
        self.app.push_screen(AcrossFilingScreen(self.store, event.filing_id))

    def action_edit_filter(self) -> None:
        def answered(answer: str | None) -> None:
            if answer is not None:
                self.text = answer.strip()
                self._run()

        self.app.push_screen(PromptDialog("Screener filter", FILTER_HINT, value=self.text), answered)

    def action_next_sort(self) -> None:
        self.sort = SORT_COLUMNS[(SORT_COLUMNS.index(self.sort) + 1) % len(SORT_COLUMNS)]
        self._run()

    def action_reverse(self) -> None:
        self.descending = not self.descending
        self._run()

    @on(IndexProgress)
    def _index_progress(self, event: IndexProgress) -> None:
        if event.total:
            self.title_line.update(event.text)

    def action_close(self) -> None:
        self.dismiss(None)
