"""The issuer view (I on a filing, or the palette): every insider of an issuer with role, last holdings,
bought/sold over 30/90/365 days, and the cluster buys with their transactions. Enter on an insider opens
their insider view; Enter on a cluster's transaction opens its filing."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from tui.across.issuer import IssuerView, issuer_view
from tui.explorer.across_data import IndexProgress, index_for
from tui.explorer.screens.across_filing import AcrossFilingScreen
from tui.explorer.screens.insider_screen import InsiderScreen, num, price, text
from tui.safe_text import inert_line
from tui.store import Store


class IssuerLoaded(Message):
    def __init__(self, view: IssuerView | None) -> None:
        super().__init__()
        self.view = view


class IssuerScreen(Screen[None]):
    CSS_PATH = "across.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", tooltip="back to where you were"),
    ]

    def __init__(self, store: Store, key: str) -> None:
        super().__init__()
        self.store = store
        self.key = key
        self.title_line = Static(Text(f"Issuer · {key} · loading…"), classes="across-title")
        self.insiders: DataTable[Text] = DataTable(id="issuer-insiders", cursor_type="row", zebra_stripes=True)
        self.cluster_line = Static("", classes="across-note")
        self.clusters: DataTable[Text] = DataTable(id="issuer-clusters", cursor_type="row")

    def compose(self) -> ComposeResult:
        yield self.title_line
        yield self.insiders
        yield self.cluster_line
        yield self.clusters
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.insiders.focus()
        self._load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="issuer")
    def _load(self) -> None:
        self.post_message(IssuerLoaded(issuer_view(index_for(self, self.store), self.key)))

    @on(IssuerLoaded)
    def _loaded(self, event: IssuerLoaded) -> None:
        view = event.view
        if view is None:
            self.title_line.update(Text(inert_line(f"Issuer · no issuer with ticker or CIK {self.key!r}")))
            return
        end = view.as_of.isoformat() if view.as_of else "-"
        title = f"Issuer · {view.name} ({view.ticker or '-'}, CIK {view.cik}) · {view.filings} filing(s) · to {end}"
        self.title_line.update(Text(inert_line(title)))
        windows = [w.period for w in view.insiders[0].windows] if view.insiders else []
        headers = [f"net {d}d" for d in windows]
        self.insiders.add_columns("insider", "CIK", "role", "last filed", "holdings", *headers,
                                  *(f"bought/sold $ {d}d" for d in windows))  # fmt: skip
        for i in view.insiders:
            held = "; ".join(f"{s}: {format_num(n)}" for s, n in i.holdings)
            nets = [num(w.net) for w in i.windows]
            values = [text(f"{format_num(w.bought_value, True)} / {format_num(w.sold_value, True)}") for w in i.windows]
            self.insiders.add_row(text(i.name), text(i.cik or "(none filed)"), text(i.role), text(i.last_filed),
                                  text(held), *nets, *values, key=i.key)  # fmt: skip
        self.cluster_line.update(
            Text(f"Cluster buys (3+ insiders buying, code P, within 30 days): {len(view.clusters)}")
        )
        self.clusters.add_columns("cluster", "date", "insider", "shares", "price", "value", "id")
        for n, c in enumerate(view.clusters, start=1):
            for k, t in enumerate(c.transactions):
                self.clusters.add_row(text(f"{n}: {c.start} – {c.end}"), text(t.date), text(t.insider), num(t.shares),
                                      price(t.price), num(t.value, True), text(t.filing_id),
                                      key=f"{t.filing_id}:{n}:{k}")  # fmt: skip

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        key = event.row_key.value
        if not key:
            return
        if event.data_table is self.insiders:
            query = key.removeprefix("cik:") if key.startswith("cik:") else key.removeprefix("name:")
            self.app.push_screen(InsiderScreen(self.store, query))
        elif event.data_table is self.clusters:
            self.app.push_screen(AcrossFilingScreen(self.store, key.split(":")[0]))

    @on(IndexProgress)
    def _index_progress(self, event: IndexProgress) -> None:
        if event.total:
            self.title_line.update(event.text)

    def action_close(self) -> None:
        self.dismiss(None)


def format_num(value: object, money: bool = False) -> str:
    from tui.formatting import format_money, format_number

    if value is None:
        return ""
    return format_money(value) if money else format_number(value)  # type: ignore[arg-type]
