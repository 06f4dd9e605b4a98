"""The screener's rows: a virtualized list (Textual's Line API) over the row numbers of a screen, each
record built only when its line is drawn, so a million rows scroll like a hundred."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

import numpy as np
from rich.segment import Segment
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.across.rows import RowIndex, as_date
from tui.across.screener import Transaction, transaction
from tui.formatting import format_money, format_number
from tui.safe_text import inert_line
from tui.store.api import ReviewState

#: (header, width, right-aligned) of each column, in order
COLUMNS = (("date", 10, False), ("ticker", 6, False), ("insider", 18, False), ("code", 4, False), ("A/D", 3, False),
           ("shares", 11, True), ("price", 10, True), ("value", 15, True), ("ΔOwn", 9, True),
           ("owned after", 12, True), ("find", 4, True), ("rev", 3, False), ("tbl", 3, False),
           ("security", 30, False))  # fmt: skip


def delta_text(delta: float | None) -> str:
    """ΔOwn as screeners print it; from 1,000 % on without decimals, so it fits its column."""
    if delta is None:
        return ""
    if delta == float("inf"):
        return "new"
    return f"{delta:+,.0f}%" if abs(delta) >= 1000 else f"{delta:+.1f}%"


def cells(t: Transaction) -> tuple[str, ...]:
    def num(value: object, money: bool = False) -> str:
        if value is None:
            return ""
        return format_money(value) if money else format_number(value)  # type: ignore[arg-type]

    def price(value: object) -> str:  # as filed, to four decimals at most; a computed value has two
        return "" if value is None else format_money(value, 4)  # type: ignore[arg-type]

    value = num(t.value, True) if t.table == "I" else (f"ex {num(t.exercise_value, True)}" if t.exercise_value else "")
    return (t.date.isoformat() if t.date else "", t.ticker, t.insider, t.code, t.acquired_disposed, num(t.shares),
            price(t.price), value, delta_text(t.delta_own), num(t.owned_after), str(t.findings or ""),
            "✓" if t.reviewed else "", t.table, t.security)  # fmt: skip


def page_cells(index: RowIndex, rows: np.ndarray, states: Mapping[str, ReviewState]) -> list[tuple[str, ...]]:
    """`cells` of the transactions of many rows (a page of the list) at once: the columns read as arrays,
    no record made per row. The same text as ``cells(transaction(index, row, states))`` for each row."""
    r, f = index.rows, index.filings
    numbers = r["f"][rows].tolist()
    shares, prices = index.exact_many("shares", rows), index.exact_many("price", rows)
    afters, exercises = index.exact_many("after", rows), index.exact_many("exercise_value", rows)
    words = {name: index.vocab[name].words for name in ("tickers", "codes", "securities")}
    tickers, findings = f["ticker"][numbers].tolist(), f["findings"][numbers].tolist()
    columns = (r["day"][rows].tolist(), r["table"][rows].tolist(), r["code"][rows].tolist(), r["ad"][rows].tolist(),
               r["sec"][rows].tolist(), r["delta"][rows].tolist())  # fmt: skip
    out: list[tuple[str, ...]] = []
    for i, (day, table, code, ad, sec, delta) in enumerate(zip(*columns, strict=True)):
        info = index.info[numbers[i]]
        state = states.get(info.fid)
        amount, price, exercise = shares[i], prices[i], exercises[i]
        if table:
            value = f"ex {format_money(exercise)}" if exercise else ""
        else:
            value = format_money(amount * price) if amount is not None and price is not None else ""
        out.append((
            as_date(day).isoformat() if day > 0 else "",  # type: ignore[union-attr]
            words["tickers"][tickers[i]],
            "; ".join(name for _, name, _ in info.owners),
            words["codes"][code],
            {1: "A", -1: "D"}.get(ad, ""),
            "" if amount is None else format_number(amount),
            "" if price is None else format_money(price, 4),
            value,
            delta_text(None if delta != delta else delta),
            "" if afters[i] is None else format_number(afters[i]),  # type: ignore[arg-type]
            str(findings[i] or ""),
            "✓" if state is not None and state.reviewed else "",
            "II" if table else "I",
            words["securities"][sec],
        ))  # fmt: skip
    return out


def line_text(values: tuple[str, ...]) -> str:
    parts = []
    for (_, width, right), value in zip(COLUMNS, values, strict=True):
        value = inert_line(" ".join(value.split()))
        value = value if len(value) <= width else value[: width - 1] + "…"
        parts.append(value.rjust(width) if right else value.ljust(width))
    return " " + " ".join(parts)


def header_text() -> str:
    return line_text(tuple(h for h, _, _ in COLUMNS))


#: the columns that stay in place while the others scroll sideways: date, ticker and insider
FIXED_WIDTH = 1 + sum(width + 1 for _, width, _ in COLUMNS[:3])
#: where each of the other columns starts, counted from the end of the fixed ones: sideways scrolling
#: stops at these, so no column shows cut at its left edge
SCROLL_STOPS = tuple(sum(width + 1 for _, width, _ in COLUMNS[3:i]) for i in range(3, len(COLUMNS)))


class TransactionList(ScrollView, can_focus=True):
    """The first line is the column header: it stays on top and scrolls sideways with the rows, whose
    first three columns (date, ticker, insider) stay in place so a row is never read without them."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor_up", "Up", show=False, tooltip="previous / next transaction"),
        Binding("down,j", "cursor_down", "Down", show=False, tooltip="previous / next transaction"),
        Binding("pageup", "page_up", "Page up", show=False, tooltip="a page up / down"),
        Binding("pagedown", "page_down", "Page down", show=False, tooltip="a page up / down"),
        Binding("home", "first", "First", show=False, tooltip="the first / last transaction"),
        Binding("end", "last", "Last", show=False, tooltip="the first / last transaction"),
        Binding("enter", "open", "Open filing", tooltip="open the transaction's filing"),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {"transaction-list--cursor", "transaction-list--header"}

    class Opened(Message):
        def __init__(self, filing_id: str) -> None:
            super().__init__()
            self.filing_id = filing_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.index: RowIndex | None = None
        self.rows: np.ndarray = np.empty(0, dtype=np.int64)
        self.states: Mapping[str, ReviewState] = {}  # a snapshot, read in the screen's worker
        self.cursor = 0
        self._cache: LRUCache[tuple[int, int, bool], Strip] = LRUCache(512)

    def set_rows(self, index: RowIndex, rows: np.ndarray, states: Mapping[str, ReviewState] | None = None) -> None:
        self.index, self.rows, self.states = index, rows, states or {}
        self.cursor = 0
        self._cache.clear()
        self.virtual_size = Size(len(header_text()) + 1, len(rows) + 1)  # + the header line
        self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh()

    @property
    def highlighted(self) -> Transaction | None:
        if self.index is None or not 0 <= self.cursor < len(self.rows):
            return None
        return transaction(self.index, int(self.rows[self.cursor]), self.states)

    def move_cursor(self, to: int) -> None:
        self.cursor = max(0, min(to, len(self.rows) - 1))
        shown = self._rows_shown()
        y = int(self.scroll_offset.y)
        if self.cursor < y:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif shown and self.cursor >= y + shown:
            self.scroll_to(y=self.cursor - shown + 1, animate=False, immediate=True)
        self.refresh()

    def _rows_shown(self) -> int:
        return max(0, self.scrollable_content_region.height - 1)  # the header takes a line

    def _page(self) -> int:
        return max(1, self._rows_shown() - 1)

    def action_cursor_up(self) -> None:
        self.move_cursor(self.cursor - 1)

    def action_cursor_down(self) -> None:
        self.move_cursor(self.cursor + 1)

    def action_page_up(self) -> None:
        self.move_cursor(self.cursor - self._page())

    def action_page_down(self) -> None:
        self.move_cursor(self.cursor + self._page())

    def action_scroll_right(self) -> None:
        x = int(self.scroll_offset.x)
        stop = next((s for s in SCROLL_STOPS if s > x), x)
        self.scroll_to(x=min(stop, int(self.max_scroll_x)), animate=False, immediate=True)

    def action_scroll_left(self) -> None:
        x = int(self.scroll_offset.x)
        stop = next((s for s in reversed(SCROLL_STOPS) if s < x), 0)
        self.scroll_to(x=stop, animate=False, immediate=True)

    def action_first(self) -> None:
        self.move_cursor(0)

    def action_last(self) -> None:
        self.move_cursor(len(self.rows) - 1)

    def action_open(self) -> None:
        found = self.highlighted
        if found is not None:
            self.post_message(self.Opened(found.filing_id))

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        if y == 0:
            return self._sideways(self._header_strip(), int(scroll_x), width)
        line = int(scroll_y) + y - 1
        if self.index is None or line >= len(self.rows):
            text = Text(" No transaction matches." if line == 0 and self.index is not None else "")
            # padded with real blanks: a strip that only claims its width leaves the terminal's old text there
            return Strip(text.render(self.app.console)).extend_cell_length(width).crop(0, width)
        is_cursor = line == self.cursor
        key = (int(self.rows[line]), line, is_cursor)
        strip = self._cache.get(key)
        if strip is None:
            self._fill(line, int(scroll_y), self._rows_shown())
            strip = self._cache[key]
        return self._sideways(strip, int(scroll_x), width)

    def _fill(self, line: int, first: int, count: int) -> None:
        """The strips of ``line`` and of the other lines shown not drawn before, made together: a page that
        moves is drawn in one go."""
        assert self.index is not None
        shown = range(max(0, first), min(first + count, len(self.rows)))
        lines = [
            n for n in dict.fromkeys([line, *shown]) if (int(self.rows[n]), n, n == self.cursor) not in self._cache
        ]
        cursor_style = self.get_component_rich_style("transaction-list--cursor")
        rows = self.rows[lines]
        for n, row, values in zip(lines, rows.tolist(), page_cells(self.index, rows, self.states), strict=True):
            # one segment of plain text (inert: no markup, one line), no rich layout pass per line
            style = cursor_style if n == self.cursor else None
            strip = Strip([Segment(line_text(values), style)]).extend_cell_length(self.virtual_size.width)
            self._cache[(row, n, n == self.cursor)] = strip

    def _header_strip(self) -> Strip:
        key = (-1, -1, False)
        strip = self._cache.get(key)
        if strip is None:
            style = self.get_component_rich_style("transaction-list--header")
            text = Text(header_text(), no_wrap=True, end="", style=style)
            strip = Strip(text.render(self.app.console)).extend_cell_length(self.virtual_size.width, style)
            self._cache[key] = strip
        return strip

    @staticmethod
    def _sideways(strip: Strip, scroll_x: int, width: int) -> Strip:
        if scroll_x <= 0 or width <= FIXED_WIDTH:
            return strip.crop(scroll_x, scroll_x + width)
        start = FIXED_WIDTH + scroll_x
        return Strip.join([strip.crop(0, FIXED_WIDTH), strip.crop(start, start + width - FIXED_WIDTH)])
