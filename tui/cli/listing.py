"""`form4 list` and `form4 search`: stored filings as a table, newest first."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text

from tui.cli.common import Context, add_filter_args, list_filter

if TYPE_CHECKING:
    from tui.cli.common import SubParsers
    from tui.store import FilingSummary, Store


def register(sub: SubParsers) -> None:
    p = sub.add_parser("list", help="list stored filings, newest first, with filters")
    add_filter_args(p)
    p.add_argument("--limit", type=int, default=50, help="at most this many lines (0: all)")
    p.set_defaults(run=run_list)

    p = sub.add_parser("search", help="find filings by insider name (any order, any case, small typos)")
    p.add_argument("name", nargs="+")
    add_filter_args(p)
    p.set_defaults(run=run_search)


def summary_table(store: Store, summaries: list[FilingSummary]) -> Table:
    table = Table(show_lines=False, header_style="bold")
    for header in ("id", "date", "form", "ticker"):
        table.add_column(header, no_wrap=True)
    for header in ("issuer", "insider(s)", "codes"):
        table.add_column(header, overflow="fold")
    table.add_column("reviewed", no_wrap=True)
    for s in summaries:
        state = store.state(s.id)
        table.add_row(
            Text(s.id), Text(s.date), Text(s.form), Text(s.ticker or ""), Text(s.issuer or ""),
            Text("; ".join(s.owners)), Text(" ".join(s.codes)), Text("✓" if state.reviewed else ""),
        )  # fmt: skip
    return table


def run_list(args: argparse.Namespace, ctx: Context) -> int:
    store = ctx.store
    found = store.list_summaries(list_filter(args))
    shown = found if args.limit <= 0 else found[: args.limit]
    ctx.out.print(summary_table(store, shown))
    more = f" (showing {len(shown)}; --limit 0 for all)" if len(shown) < len(found) else ""
    ctx.out.print(Text(f"{len(found)} filing(s){more}"))
    return 0


def run_search(args: argparse.Namespace, ctx: Context) -> int:
    store = ctx.store
    name = " ".join(args.name)
    found = store.list_summaries(list_filter(args, name=name))
    if not found:
        ctx.err.print(Text(f"no filings with an insider named like {name!r}"))
        return 1
    ctx.out.print(summary_table(store, found))
    ctx.out.print(Text(f"{len(found)} filing(s)"))
    return 0
