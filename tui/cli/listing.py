"""`form4 list` and `form4 search`: stored filings as a table, newest first."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text

from tui.cli.common import NOT_FOUND, OK, Context, add_filter_args, list_filter
from tui.cli.output import add_format_arg, chosen_format, write_records
from tui.safe_text import inert_line

if TYPE_CHECKING:
    from tui.cli.common import SubParsers
    from tui.store import FilingSummary, Store


def register(sub: SubParsers) -> None:
    p = sub.add_parser("list", help="list stored filings, newest first, with filters")
    add_filter_args(p)
    p.add_argument("--limit", type=int, default=50, help="at most this many lines (0: all)")
    add_format_arg(p)
    p.set_defaults(run=run_list)

    p = sub.add_parser("search", help="find filings by insider name (any order, any case, small typos)")
    p.add_argument("name", nargs="+")
    add_filter_args(p)
    add_format_arg(p)
    p.set_defaults(run=run_search)


#: the fields of a filing in `list`/`search --format tsv|csv|json`, in this order
FIELDS = (
    "id", "date", "form", "ticker", "issuer", "owners", "codes", "reviewed", "reviewed_at", "accession", "note", "plan",
)  # fmt: skip


def summary_table(store: Store, summaries: list[FilingSummary]) -> Table:
    """One row per filing; values from the filing are made inert and cut to their column (a
    500-character ticker must not push the ids off the screen)."""
    table = Table(show_lines=False, header_style="bold")
    for header in ("id", "date", "form"):
        table.add_column(header, no_wrap=True)
    table.add_column("ticker", no_wrap=True, max_width=10, overflow="ellipsis")
    for header, width in (("issuer", 40), ("insider(s)", 60), ("codes", 20)):
        table.add_column(header, max_width=width, overflow="ellipsis")
    table.add_column("reviewed", no_wrap=True)
    for s in summaries:
        state = store.state(s.id)
        owners, codes = "; ".join(s.owners), " ".join(s.codes)
        cells = (s.id, s.date, s.form, _cut(s.ticker), _cut(s.issuer), _cut(owners), _cut(codes))
        table.add_row(*(Text(inert_line(c)) for c in cells), Text("✓" if state.reviewed else ""))
    return table


def _cut(value: str | None, limit: int = 200) -> str:
    """At most ``limit`` characters (a cell folds the rest over a few lines at most)."""
    value = value or ""
    return value if len(value) <= limit else value[: limit - 1] + "…"


def summary_record(store: Store, s: FilingSummary) -> dict[str, object]:
    state = store.state(s.id)
    return {
        "id": s.id, "date": s.date, "form": s.form, "ticker": s.ticker, "issuer": s.issuer, "owners": list(s.owners),
        "codes": list(s.codes), "reviewed": state.reviewed, "reviewed_at": state.reviewed_at, "accession": s.accession,
        "note": state.note, "plan": s.plan,
    }  # fmt: skip


def show_summaries(
    args: argparse.Namespace, ctx: Context, found: list[FilingSummary], shown: list[FilingSummary]
) -> None:
    """The filings as a table with a count line, or as records for a script."""
    store = ctx.store
    fmt = chosen_format(args)
    more = f" (showing {len(shown)}; --limit 0 for all)" if len(shown) < len(found) else ""
    if fmt == "table":
        ctx.out.print(summary_table(store, shown))
        ctx.out.print(Text(f"{len(found)} filing(s){more}"))
        return
    write_records(fmt, FIELDS, (summary_record(store, s) for s in shown))
    if more:  # records only on stdout; the cut is worth saying
        ctx.err.print(Text(f"{len(found)} filing(s){more}"))


def run_list(args: argparse.Namespace, ctx: Context) -> int:
    found = ctx.store.list_summaries(list_filter(args))
    show_summaries(args, ctx, found, found if args.limit <= 0 else found[: args.limit])
    if not found:
        ctx.err.print(Text("no filing matches"))
        return NOT_FOUND
    return OK


def run_search(args: argparse.Namespace, ctx: Context) -> int:
    store = ctx.store
    name = " ".join(args.name)
    found = store.list_summaries(list_filter(args, name=name))
    if not found:
        ctx.err.print(Text(f"no filings with an insider named like {name!r}"))
        return NOT_FOUND
    show_summaries(args, ctx, found, found)
    return OK
