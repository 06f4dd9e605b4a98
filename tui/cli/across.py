"""`form4 insider`, `form4 issuer` and `form4 transactions`: the across-filings views (`tui.across`) as
tables on a terminal and as tsv/csv/json records for scripts (one section of a view at a time)."""

from __future__ import annotations

import argparse
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from rich.table import Table
from rich.text import Text

from tui.cli.common import NOT_FOUND, OK, Context, iso_date
from tui.cli.output import add_format_arg, chosen_format, write_records
from tui.formatting import format_money, format_number
from tui.safe_text import inert_line

if TYPE_CHECKING:
    from tui.across.insider import InsiderHistory
    from tui.across.issuer import IssuerView
    from tui.across.rows import RowIndex
    from tui.cli.common import SubParsers

INSIDER_SECTIONS = ("filings", "holdings", "years")
ISSUER_SECTIONS = ("insiders", "clusters")
TRANSACTION_FIELDS = (
    "filing_id", "table", "position", "date", "filed", "ticker", "issuer", "insider", "role", "security", "code",
    "acquired_disposed", "shares", "price", "value", "exercise_value", "owned_after", "delta_own", "findings",
    "reviewed",
)  # fmt: skip


def register(sub: SubParsers) -> None:
    from tui.across.sort_columns import SORT_COLUMNS

    p = sub.add_parser("insider", help="one insider's filings across issuers, holdings over time, totals by year")
    p.add_argument("who", nargs="+", metavar="NAME|CIK")
    p.add_argument("--show", choices=INSIDER_SECTIONS, default="filings", help="the section written as records")
    add_format_arg(p)
    p.set_defaults(run=run_insider)

    p = sub.add_parser("issuer", help="an issuer's insiders, their holdings and trades, and cluster buys")
    p.add_argument("issuer", metavar="TICKER|CIK")
    p.add_argument("--show", choices=ISSUER_SECTIONS, default="insiders", help="the section written as records")
    p.add_argument("--as-of", type=iso_date, metavar="YYYY-MM-DD", help="the windows end here (default: latest trade)")
    p.add_argument("--cluster-window", type=int, default=30, metavar="DAYS", help="a cluster's span (default 30)")
    p.add_argument("--cluster-min", type=int, default=3, metavar="N", help="distinct buyers in a cluster (default 3)")
    add_format_arg(p)
    p.set_defaults(run=run_issuer)

    p = sub.add_parser("transactions", help="screen every Table I/II transaction across the store")
    p.add_argument("--code", action="append", default=[], help="transaction code(s): P, S, A, M … (repeat or a,b)")
    p.add_argument("--ad", choices=("A", "D"), help="acquired or disposed")
    p.add_argument("--table", choices=("I", "II"), help="Table I (non-derivative) or II (derivative) rows only")
    p.add_argument("--since", type=iso_date, metavar="YYYY-MM-DD", help="transaction date on or after")
    p.add_argument("--until", type=iso_date, metavar="YYYY-MM-DD", help="transaction date on or before")
    p.add_argument("--filed-since", type=iso_date, metavar="YYYY-MM-DD", help="filed on or after")
    p.add_argument("--filed-until", type=iso_date, metavar="YYYY-MM-DD", help="filed on or before")
    for bound in ("min", "max"):
        p.add_argument(f"--{bound}-value", type=_decimal, metavar="USD", help=f"{bound}imum price x shares (Table I)")
        p.add_argument(f"--{bound}-price", type=_decimal, metavar="USD", help=f"{bound}imum price per share")
    p.add_argument(
        "--role", action="append", default=[], choices=("director", "officer", "ten_percent", "other"), help="any of"
    )
    p.add_argument("--title", metavar="TEXT", help="officer title (or other relationship) contains")
    plan = p.add_mutually_exclusive_group()
    plan.add_argument("--plan", dest="plan", action="store_const", const=True, help="Rule 10b5-1 box checked")
    plan.add_argument("--no-plan", dest="plan", action="store_const", const=False, help="box not checked")
    p.add_argument("--ticker", help="issuer ticker")
    p.add_argument("--insider", metavar="NAME|CIK", help="one insider (a CIK, or a name: every owner it matches)")
    found = p.add_mutually_exclusive_group()
    found.add_argument("--has-findings", dest="has_findings", action="store_const", const=True)
    found.add_argument("--no-findings", dest="has_findings", action="store_const", const=False)
    state = p.add_mutually_exclusive_group()
    state.add_argument("--reviewed", dest="reviewed", action="store_const", const=True)
    state.add_argument("--unreviewed", dest="reviewed", action="store_const", const=False)
    p.add_argument("--sort", choices=SORT_COLUMNS, default="date", help="sort column (default: date)")
    p.add_argument("--asc", action="store_true", help="ascending (default: descending)")
    p.add_argument("--limit", type=int, default=50, help="at most this many lines (0: all)")
    add_format_arg(p)
    p.set_defaults(run=run_transactions)


def _decimal(text: str) -> Decimal:
    try:
        return Decimal(text.replace(",", "").replace("$", "").replace("_", ""))
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None


def read_index(ctx: Context) -> RowIndex:
    """The store's row index, brought up to date (with a bar on stderr while it reads filings)."""
    from tui.across.sync import open_index

    with _ReadProgress(ctx) as progress:
        return open_index(ctx.store, progress)


def _index(ctx: Context) -> RowIndex:
    import gc

    index = read_index(ctx)
    # one command, then the process ends: the index's objects (100k filings' details) need no collector
    # walks, which the first view's allocations would otherwise start (at 100k a full collection of 0.3 s
    # CPU, the first insider view 421 ms CPU instead of 88)
    gc.freeze()
    return index


class _ReadProgress:
    """A bar on stderr while the row index reads filings (a first build at 100k takes a minute). Made
    at the first report, so a command whose index is up to date makes none (`tui.cli.progress`: none
    drawn when stderr is not a terminal)."""

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx
        self._bar: Any = None
        self._task: Any = None

    def __enter__(self) -> _ReadProgress:
        return self

    def __call__(self, done: int, total: int) -> None:
        if self._bar is None:
            if done >= total:
                return
            from tui.cli.progress import counting_bar

            self._bar = counting_bar(self._ctx.err, "reading the filings' rows")
            self._bar.start()
            self._task = self._bar.add_task("rows", total=total)
        self._bar.update(self._task, completed=done, total=total)

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()


def num(value: Decimal | None, money: bool = False) -> str:
    if value is None:
        return ""
    return format_money(value) if money else format_number(value)


def price(value: Decimal | None) -> str:
    """A price as filed, to four decimals at most (a computed total has two: `num`)."""
    return "" if value is None else format_money(value, 4)


def _plain(value: Any) -> Any:
    """A record value for tsv/csv/json: Decimals as their digits, dates ISO."""
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _table(*headers: str) -> Table:
    table = Table(header_style="bold")
    for header in headers:
        table.add_column(
            header, overflow="fold", max_width=40, no_wrap=header == "id", min_width=16 if header == "id" else None
        )
    return table


def _row(table: Table, *cells: object) -> None:
    table.add_row(*(Text(inert_line("" if c is None else str(c))) for c in cells))


# ---------------------------------------------------------------------- insider
def run_insider(args: argparse.Namespace, ctx: Context) -> int:
    from tui.across.identity import candidates
    from tui.across.insider import insider_history

    index = _index(ctx)
    query = " ".join(args.who)
    found = candidates(index, query)
    if not found:
        ctx.err.print(Text(f"no insider named like {query!r} (nor with that CIK) in {ctx.store.location}"))
        return NOT_FOUND
    if len(found) > 1:
        others = "; ".join(i.label for i in found[1:6]) + (" …" if len(found) > 6 else "")
        ctx.err.print(Text(inert_line(f"showing {found[0].label}; also matching: {others} (give a CIK for another)")))
    history = insider_history(index, found[0], ctx.store.states())
    fmt = chosen_format(args)
    if fmt == "table":
        _insider_tables(ctx, history)
    else:
        records, fields = insider_records(history, args.show)
        write_records(fmt, fields, records)
    return OK


def insider_records(history: InsiderHistory, section: str) -> tuple[list[dict[str, Any]], tuple[str, ...]]:
    who = history.identity
    base = {"insider": who.names[0] if who.names else "", "cik": who.cik}
    if section == "filings":
        records = [{**base, **{k: _plain(getattr(f, k)) for k in f.__slots__}} for f in history.filings]
        return records, ("insider", "cik", *history.filings[0].__slots__) if history.filings else ("insider",)
    fields: tuple[str, ...]
    if section == "holdings":
        fields = ("ticker", "issuer", "security", "date", "filing_id", "position", "line", "code",
                  "acquired_disposed", "shares", "owned_after")  # fmt: skip
        records = [
            {**base, "ticker": s.ticker, "issuer": s.issuer, "security": s.security}
            | {k: _plain(getattr(p, k)) for k in fields[3:]}
            for s in history.holdings
            for p in s.points
        ]
        return records, ("insider", "cik", *fields)
    fields = ("year", "bought", "sold", "net", "bought_value", "sold_value", "net_value")
    records = [{**base, "year": y.period, **{k: _plain(getattr(y, k)) for k in fields[1:]}} for y in history.years]
    return records, ("insider", "cik", *fields)


def _insider_tables(ctx: Context, history: InsiderHistory) -> None:
    ctx.out.print(Text(inert_line(history.identity.label), style="bold"))
    filings = _table("date", "form", "ticker", "issuer", "role", "rows", "findings", "reviewed", "id")
    for f in history.filings:
        _row(filings, f.date, f.form, f.ticker, f.issuer, f.role, f.transactions, f.findings or "",
             "✓" if f.reviewed else "", f.filing_id)  # fmt: skip
    ctx.out.print(filings)
    for series in history.holdings:
        ctx.out.print(Text(inert_line(f"{series.ticker or series.issuer} · {series.security}"), style="bold"))
        points = _table("date", "code", "A/D", "shares", "owned after", "line", "filing")
        for p in series.points:
            _row(points, p.date, p.code or "holding", p.acquired_disposed, num(p.shares), num(p.owned_after),
                 p.line, p.filing_id)  # fmt: skip
        ctx.out.print(points)
    years = _table("year", "bought", "sold", "net", "bought $", "sold $")
    for y in history.years:
        _row(
            years, y.period, num(y.bought), num(y.sold), num(y.net), num(y.bought_value, True), num(y.sold_value, True)
        )
    ctx.out.print(Text("Open-market purchases (P) and sales (S), Table I", style="bold"))
    ctx.out.print(years)
    ctx.out.print(Text(f"{len(history.filings)} filing(s)"))


# ---------------------------------------------------------------------- issuer
def run_issuer(args: argparse.Namespace, ctx: Context) -> int:
    from tui.across.issuer import issuer_view

    index = _index(ctx)
    view = issuer_view(
        index, args.issuer, as_of=args.as_of, cluster_window=args.cluster_window, cluster_min=args.cluster_min
    )
    if view is None:
        ctx.err.print(Text(inert_line(f"no issuer with ticker or CIK {args.issuer!r} in {ctx.store.location}")))
        return NOT_FOUND
    fmt = chosen_format(args)
    if fmt == "table":
        _issuer_tables(ctx, view)
    else:
        records, fields = issuer_records(view, args.show)
        write_records(fmt, fields, records)
    return OK


def issuer_records(view: IssuerView, section: str) -> tuple[list[dict[str, Any]], tuple[str, ...]]:
    fields: tuple[str, ...]
    if section == "clusters":
        fields = ("cluster", "start", "end", "insiders", *TRANSACTION_FIELDS)
        records = [
            {"cluster": n, "start": c.start.isoformat(), "end": c.end.isoformat(), "insiders": list(c.insiders)}
            | {k: _plain(getattr(t, k)) for k in TRANSACTION_FIELDS}
            for n, c in enumerate(view.clusters, start=1)
            for t in c.transactions
        ]
        return records, fields
    fields = ("name", "cik", "role", "filings", "last_filed", "holdings")
    for days in view.insiders[0].windows if view.insiders else ():
        fields += tuple(f"{k}_{days.period}d" for k in ("bought", "sold", "net", "bought_value", "sold_value"))
    records = []
    for i in view.insiders:
        record: dict[str, Any] = {
            "name": i.name, "cik": i.cik, "role": i.role, "filings": i.filings, "last_filed": _plain(i.last_filed),
            "holdings": [f"{security}: {shares}" for security, shares in i.holdings],
        }  # fmt: skip
        for w in i.windows:
            for k in ("bought", "sold", "net", "bought_value", "sold_value"):
                record[f"{k}_{w.period}d"] = str(getattr(w, k))
        records.append(record)
    return records, fields


def _issuer_tables(ctx: Context, view: IssuerView) -> None:
    title = f"{view.name} ({view.ticker or '-'}, CIK {view.cik}): {view.filings} filing(s)"
    ctx.out.print(Text(inert_line(title), style="bold"))
    windows = [w.period for w in view.insiders[0].windows] if view.insiders else []
    headers = ["insider", "CIK", "role", "holdings", *(f"net {d}d (bought $ / sold $)" for d in windows)]
    table = _table(*headers)
    for i in view.insiders:
        held = "; ".join(f"{s}: {num(n)}" for s, n in i.holdings)
        nets = [f"{num(w.net)} ({num(w.bought_value, True)} / {num(w.sold_value, True)})" for w in i.windows]
        _row(table, i.name, i.cik or "(none filed)", i.role, held, *nets)
    ctx.out.print(table)
    ctx.out.print(
        Text(f"windows end {view.as_of.isoformat() if view.as_of else '-'} (the latest trade unless --as-of)")
    )
    if not view.clusters:
        ctx.out.print(Text("no cluster buys"))
    for n, c in enumerate(view.clusters, start=1):
        ctx.out.print(Text(inert_line(f"cluster {n}: {c.start} – {c.end}: {', '.join(c.insiders)}"), style="bold"))
        rows = _table("date", "insider", "shares", "price", "value", "id")
        for t in c.transactions:
            _row(rows, t.date, t.insider, num(t.shares), price(t.price), num(t.value, True), t.filing_id)
        ctx.out.print(rows)


# ---------------------------------------------------------------------- transactions
def run_transactions(args: argparse.Namespace, ctx: Context) -> int:
    from tui.across.screener import ScreenFilter, screen, transactions

    codes = tuple(c.strip() for arg in args.code for c in arg.split(",") if c.strip())
    flt = ScreenFilter(
        codes=codes, acquired_disposed=args.ad, since=args.since, until=args.until, filed_since=args.filed_since,
        filed_until=args.filed_until, min_value=args.min_value, max_value=args.max_value, min_price=args.min_price,
        max_price=args.max_price, roles=tuple(args.role), title_contains=args.title, plan=args.plan,
        ticker=args.ticker, insider=args.insider, has_findings=args.has_findings, reviewed=args.reviewed,
        table=None if args.table is None else ("I", "II").index(args.table),
    )  # fmt: skip
    index = _index(ctx)
    states = ctx.store.states()
    rows = screen(index, flt, states, sort=args.sort, descending=not args.asc)
    if not len(rows):
        ctx.err.print(Text("no transaction matches"))
        return NOT_FOUND
    shown = transactions(index, rows if args.limit <= 0 else rows[: args.limit], states)
    fmt = chosen_format(args)
    more = f" (showing {len(shown)}; --limit 0 for all)" if len(shown) < len(rows) else ""
    if fmt != "table":
        write_records(fmt, TRANSACTION_FIELDS, ({k: _plain(getattr(t, k)) for k in TRANSACTION_FIELDS} for t in shown))
        if more:
            ctx.err.print(Text(f"{len(rows)} transaction(s){more}"))
        return OK
    table = _table("date", "ticker", "insider", "role", "security", "code", "A/D", "shares", "price", "value",
                   "ΔOwn", "owned after", "findings", "reviewed", "id")  # fmt: skip
    for t in shown:
        value = (
            num(t.value, True) if t.table == "I" else (f"ex. {num(t.exercise_value, True)}" if t.exercise_value else "")
        )
        _row(table, t.date, t.ticker, t.insider, t.role, t.security, t.code, t.acquired_disposed, num(t.shares),
             price(t.price), value, delta_text(t.delta_own), num(t.owned_after), t.findings or "",
             "✓" if t.reviewed else "", t.filing_id)  # fmt: skip
    ctx.out.print(table)
    ctx.out.print(Text(f"{len(rows)} transaction(s){more}"))
    return OK


def delta_text(delta: float | None) -> str:
    if delta is None:
        return ""
    if delta == float("inf"):
        return "new"
    return f"{delta:+.1f}%"
