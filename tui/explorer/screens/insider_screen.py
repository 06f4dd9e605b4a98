"""The insider view (o on a filing, or the palette): one identity (by CIK) across issuers: every filing
newest first with its review state and findings; per issuer and security the holdings over time as a
chart (textual-plotext) with the exact figures in a table beside it; bought/sold/net by year."""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static
from textual_plotext import PlotextPlot

from tui.across.identity import candidates
from tui.across.insider import HoldingSeries, InsiderHistory, insider_history
from tui.explorer.across_data import IndexProgress, index_for
from tui.explorer.screens.across_filing import AcrossFilingScreen
from tui.formatting import format_money, format_number
from tui.safe_text import inert_line
from tui.store import Store


class InsiderLoaded(Message):
    def __init__(self, history: InsiderHistory | None, others: tuple[str, ...], query: str) -> None:
        super().__init__()
        self.history = history
        self.others = others
        self.asked = query


def text(value: object) -> Text:
    """A cell, shown literally; cut with "…" where its column is narrower (a long role, issuer name)."""
    return Text(inert_line("" if value is None else str(value)), overflow="ellipsis", no_wrap=True)


def num(value: Decimal | int | None, money: bool = False) -> Text:
    if value is None:
        return Text("")
    shown = format_money(Decimal(value)) if money else format_number(Decimal(value))
    return Text(shown, justify="right")


def price(value: Decimal | None) -> Text:
    """A price as filed, to four decimals at most (a computed total has two: `num`)."""
    return Text("" if value is None else format_money(value, 4), justify="right")


class InsiderScreen(Screen[None]):
    CSS_PATH = "across.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "right_square_bracket",
            "series(1)",
            "Next holding",
            key_display="]",
            tooltip="the next / previous issuer and security of the chart",
        ),
        Binding(
            "left_square_bracket",
            "series(-1)",
            "Previous holding",
            key_display="[",
            show=False,
            tooltip="the next / previous issuer and security of the chart",
        ),
        Binding("escape", "close", "Back", tooltip="back to where you were"),
    ]

    def __init__(self, store: Store, query: str) -> None:
        super().__init__()
        self.store = store
        self.who = query
        self.history: InsiderHistory | None = None
        self.series_at = 0
        self.title_line = Static(Text(f"Insider · {query} · loading…"), classes="across-title")
        self.filings: DataTable[Text] = DataTable(id="insider-filings", cursor_type="row", zebra_stripes=True)
        self.chart = PlotextPlot(id="insider-chart")
        self.points: DataTable[Text] = DataTable(id="insider-points", cursor_type="row")
        self.series_line = Static("", classes="across-note")
        self.years: DataTable[Text] = DataTable(id="insider-years", cursor_type="row")

    def compose(self) -> ComposeResult:
        yield self.title_line
        yield self.filings
        yield self.series_line
        with Horizontal(id="insider-holdings"):
            yield self.chart
            yield self.points
        yield self.years
        yield Footer(compact=True)

    def on_mount(self) -> None:
        # the issuer and the role (as filed: "Director, Officer (Pres, Prod Architect & Chairmn), 10% Owner") at a
        # fixed width, so the findings and the review mark stay in sight at 120 columns
        for label, width in (("date", None), ("form", None), ("ticker", None), ("issuer", 22), ("role", 34),
                             ("rows", None), ("findings", None), ("reviewed", None), ("id", None)):  # fmt: skip
            self.filings.add_column(label, width=width)
        self.points.add_columns("date", "code", "A/D", "shares", "owned after", "line")
        self.years.add_columns("year", "bought", "sold", "net", "bought $", "sold $")
        self.filings.focus()
        self._load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="insider")
    def _load(self) -> None:
        index = index_for(self, self.store)
        found = candidates(index, self.who)
        if not found:
            self.post_message(InsiderLoaded(None, (), self.who))
            return
        history = insider_history(index, found[0], self.store.states())
        self.post_message(InsiderLoaded(history, tuple(i.label for i in found[1:6]), self.who))

    @on(InsiderLoaded)
    def _loaded(self, event: InsiderLoaded) -> None:
        if event.history is None:
            self.title_line.update(Text(f"Insider · no insider named like {event.asked!r} (nor with that CIK)"))
            return
        self.history = history = event.history
        also = f" · also matching: {'; '.join(event.others)}" if event.others else ""
        self.title_line.update(Text(inert_line(f"Insider · {history.identity.label} · "
                                               f"{len(history.filings)} filing(s){also}")))  # fmt: skip
        for f in history.filings:
            self.filings.add_row(text(f.date), text(f.form), text(f.ticker), text(f.issuer), text(f.role),
                                 num(f.transactions), num(f.findings or None), text("✓" if f.reviewed else ""),
                                 text(f.filing_id), key=f.filing_id)  # fmt: skip
        for y in history.years:
            self.years.add_row(text(y.period), num(y.bought), num(y.sold), num(y.net), num(y.bought_value, True),
                               num(y.sold_value, True))  # fmt: skip
        self._show_series()

    def _show_series(self) -> None:
        history = self.history
        self.points.clear()
        plt = self.chart.plt
        plt.clear_data()
        if history is None or not history.holdings:
            self.series_line.update(Text("No Table I holdings."))
            self.chart.refresh()
            return
        series = history.holdings[self.series_at % len(history.holdings)]
        count = len(history.holdings)
        where = f"{series.ticker or series.issuer} · {series.security}"
        self.series_line.update(
            Text(inert_line(f"Holdings {self.series_at % count + 1}/{count}: {where}  ([ ]: other)"))
        )
        for n, p in enumerate(series.points):
            self.points.add_row(text(p.date), text(p.code or "holding"), text(p.acquired_disposed), num(p.shares),
                                num(p.owned_after), text(p.line), key=f"{p.filing_id}:{n}")  # fmt: skip
        draw(self.chart, series)

    def action_series(self, step: int) -> None:
        if self.history is not None and self.history.holdings:
            self.series_at = (self.series_at + step) % len(self.history.holdings)
            self._show_series()

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        key = event.row_key.value
        if key and event.data_table in (self.filings, self.points):
            self.app.push_screen(AcrossFilingScreen(self.store, key.split(":")[0]))

    @on(IndexProgress)
    def _index_progress(self, event: IndexProgress) -> None:
        if event.total:
            self.title_line.update(event.text)

    def action_close(self) -> None:
        self.dismiss(None)


def chart_points(series: HoldingSeries) -> dict[str, tuple[list[float], list[float]]]:
    """Per ownership line, (x: days since the first point, y: shares owned after) of the dated points."""
    first = next((p.date for p in series.points if p.date), None)
    lines: dict[str, tuple[list[float], list[float]]] = {}
    for p in series.points:
        if p.date is None or p.owned_after is None or first is None:
            continue
        xs, ys = lines.setdefault(p.line or "?", ([], []))
        xs.append(float((p.date - first).days))
        ys.append(float(p.owned_after))
    return lines


def steps(xs: list[float], ys: list[float]) -> tuple[list[float], list[float]]:
    """Holdings change at each row and stay until the next: the line as steps through the points."""
    sx, sy = xs[:1], ys[:1]
    for x, y in zip(xs[1:], ys[1:], strict=True):
        sx += [x, x]
        sy += [sy[-1], y]
    return sx, sy


def draw(chart: PlotextPlot, series: HoldingSeries) -> None:
    plt = chart.plt
    plt.clear_figure()
    lines = chart_points(series)
    for line, (xs, ys) in lines.items():
        plt.plot(*steps(xs, ys), marker="braille", label=line[:20])
        plt.scatter(xs, ys, marker="●")
    dated = [p.date for p in series.points if p.date]
    if dated:
        first, last = dated[0], dated[-1]
        if last > first:
            plt.xticks([0.0, float((last - first).days)], [first.isoformat(), last.isoformat()])
        else:
            plt.xticks([0.0], [first.isoformat()])
    values = [y for _, ys in lines.values() for y in ys]
    if values:
        low, high = min(values), max(values)
        marks = sorted({low + (high - low) * k / 4 for k in range(5)})
        plt.yticks(marks, [format_number(Decimal(round(m))) for m in marks])
    plt.title(f"{series.ticker or series.issuer} {series.security}: shares owned after each row"[:80])
    chart.refresh()
