"""The `form4` command: argument parsing and the sub-commands. No parsing or storage logic lives
here; it calls the readers (parse), the importer and the store."""

from __future__ import annotations

import argparse
import csv
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import orjson
from platformdirs import user_data_dir
from rich import box
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from tui import __version__
from tui.columns import TABLE_I, TABLE_II
from tui.csv_cells import neutralise
from tui.formatting import footnote_label, format_date
from tui.importer import import_paths, read_source
from tui.interchange import filing_to_dict
from tui.model import Filing
from tui.safe_text import inert, inert_line, inert_values, shown_path
from tui.store import FilingSummary, ListFilter, Store, StoreError, open_store

COMMANDS = ("parse", "import", "list", "search", "show", "review", "export", "explore")

DESCRIPTION = """\
Explore SEC Form 3, 4 and 5 insider-trading filings from the terminal.

Reads EDGAR ownership XML, EDGAR full-submission .txt/.nc files and PDF printouts of the SEC's
rendering; keeps them in a local store with your reviewed marks and notes.

  form4                      open the explorer (imports the bundled samples into an empty store)
  form4 PATH...              import files/folders, then open the explorer
  form4 COMMAND --help       help for one command
"""

EPILOG = """\
examples:
  form4 import ~/filings/             import a folder (recursively)
  form4 search "caruso james"         find an insider's filings
  form4 show 0001127602-25-004598     show a filing (by accession number or id)
  form4 review 3f2a9c --note "ok"     mark a filing reviewed, with a note
  form4 export --format csv --out rows.csv

The store lives in {default}; use --db PATH or the FORM4_DB variable for another.
"""


def default_db_path() -> Path:
    env = os.environ.get("FORM4_DB")
    if env:
        return Path(env).expanduser()
    return Path(user_data_dir("form4-explorer", appauthor=False)) / "store"


def _filter_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--ticker", help="only this issuer ticker")
    parser.add_argument("--form", help="only this form type (3, 4, 5, 4/A …)")
    parser.add_argument("--code", help="only filings with this transaction code (P, S, A, M …)")
    state = parser.add_mutually_exclusive_group()
    state.add_argument("--reviewed", dest="reviewed", action="store_const", const=True, help="only reviewed filings")
    state.add_argument(
        "--unreviewed", dest="reviewed", action="store_const", const=False, help="only filings not yet reviewed"
    )
    parser.add_argument("--since", type=_iso_date, metavar="YYYY-MM-DD", help="filed on or after")
    parser.add_argument("--until", type=_iso_date, metavar="YYYY-MM-DD", help="filed on or before")


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="form4",
        description=DESCRIPTION,
        epilog=EPILOG.format(default=default_db_path()),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"form4-explorer {__version__}")
    parser.add_argument("--db", type=Path, help="the store folder (default: FORM4_DB or the user data folder)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("parse", help="print parsed filings without storing them")
    p.add_argument("files", nargs="+", metavar="FILE", help="XML, full-submission .txt/.nc or PDF files")
    p.add_argument("--format", choices=("json", "text"), default="text", help="json: the interchange format")

    p = sub.add_parser("import", help="import files and folders (recursively) into the store")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1), help="parser processes (default 2)")

    p = sub.add_parser("list", help="list stored filings, newest first, with filters")
    _filter_args(p)
    p.add_argument("--limit", type=int, default=50, help="at most this many lines (0: all)")

    p = sub.add_parser("search", help="find filings by insider name (any order, any case, small typos)")
    p.add_argument("name", nargs="+")
    _filter_args(p)

    p = sub.add_parser("show", help="show one filing: owners, issuer, Tables I and II, footnotes")
    p.add_argument("id", help="filing id, accession number, or a unique id prefix")

    p = sub.add_parser("review", help="mark a filing reviewed (or not), with an optional note")
    p.add_argument("id", help="filing id, accession number, or a unique id prefix")
    p.add_argument("--undo", action="store_true", help="remove the reviewed mark")
    p.add_argument("--note", help="set the filing's note ('' removes it)")

    p = sub.add_parser("export", help="write stored filings as JSON (interchange format) or CSV (one line per row)")
    p.add_argument("--format", choices=("json", "csv"), default="json")
    p.add_argument("--out", type=Path, help="file to write (default: standard output)")
    _filter_args(p)

    p = sub.add_parser("explore", help="open the explorer (the default)")
    p.add_argument("paths", nargs="*", metavar="PATH", help="import these first")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # `form4 PATH...` imports and opens the explorer: insert the command before the first path.
    first = next((i for i, a in enumerate(argv) if not a.startswith("-")), None)
    if first is not None and (first == 0 or argv[first - 1] != "--db") and argv[first] not in COMMANDS:
        argv.insert(first, "explore")
    elif first is not None and first > 0 and argv[first - 1] == "--db":
        after = first + 1
        if after < len(argv) and argv[after] not in COMMANDS:
            argv.insert(after, "explore")
    args = build_parser().parse_args(argv)
    command = args.command or "explore"
    out = Console(highlight=False, soft_wrap=False)
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    try:
        if command == "parse":
            return cmd_parse(args, err)
        db = args.db.expanduser() if args.db else default_db_path()
        if command == "explore":
            return cmd_explore(db, getattr(args, "paths", []))
        store = open_store(db)
        handler = {
            "import": cmd_import,
            "list": cmd_list,
            "search": cmd_search,
            "show": cmd_show,
            "review": cmd_review,
            "export": cmd_export,
        }[command]
        return handler(args, store, out, err)
    except StoreError as exc:
        err.print(Text(f"form4: {exc}"))
        return 2
    except OSError as exc:  # e.g. export --out into a folder that does not exist
        where = f"{exc.filename}: " if exc.filename else ""
        err.print(Text(f"form4: {where}{exc.strerror or exc}"))
        return 2
    except KeyboardInterrupt:
        err.print("form4: interrupted")
        return 130


# ---------------------------------------------------------------------- commands
def cmd_parse(args: argparse.Namespace, err: Console) -> int:
    parsed: list[tuple[str, Filing]] = []
    failed = 0
    for name in args.files:
        _path, filing, _source, reason = read_source(name)  # the importer's guarded read, PDFs sandboxed
        if filing is None:
            err.print(Text(f"{shown_path(name)}: {inert_line(reason or 'unreadable')}"))
            failed += 1
        else:
            parsed.append((name, filing))
    if args.format == "json":
        objects = [filing_to_dict(f) for _, f in parsed]
        payload: Any = objects[0] if len(args.files) == 1 and objects else objects
        if len(args.files) > 1 or objects:
            sys.stdout.write(orjson.dumps(payload, option=orjson.OPT_INDENT_2).decode() + "\n")
    else:
        console = Console(highlight=False)
        for name, filing in parsed:
            console.rule(Text(shown_path(name)))
            print_filing(console, inert_values(filing))
    return 1 if failed else 0


def cmd_import(args: argparse.Namespace, store: Store, out: Console, err: Console) -> int:
    with Progress(
        TextColumn("importing"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=True,
    ) as progress:
        task = progress.add_task("import", total=None)

        def advance(done: int, total: int, _path: str) -> None:
            progress.update(task, completed=done, total=total)

        report = import_paths(store, args.paths, workers=max(1, args.workers), progress=advance)
    for failure in report.failures:
        err.print(Text(f"failed: {shown_path(failure.path)}: {inert_line(failure.reason)}"))
    out.print(Text(report.summary()))
    return 1 if report.failures else 0


def _filter(args: argparse.Namespace, name: str | None = None) -> ListFilter:
    return ListFilter(
        ticker=args.ticker, form=args.form, code=args.code, reviewed=args.reviewed,
        since=args.since, until=args.until, name=name,
    )  # fmt: skip


def _summary_table(store: Store, summaries: list[FilingSummary]) -> Table:
    """One line per filing; values from the filing are made inert and cut to their column's width
    (a 500-character ticker must not push the ids off the screen)."""
    table = Table(show_lines=False, header_style="bold")
    for header in ("id", "date", "form"):
        table.add_column(header, no_wrap=True)
    table.add_column("ticker", no_wrap=True, max_width=10, overflow="ellipsis")
    for header, width in (("issuer", 40), ("insider(s)", 60), ("codes", 20)):
        table.add_column(header, max_width=width, overflow="ellipsis")
    table.add_column("reviewed", no_wrap=True)
    for s in summaries:
        state = store.state(s.id)
        cells = (
            s.id,
            s.date,
            s.form,
            s.ticker or "",
            _cut(s.issuer),
            _cut("; ".join(s.owners)),
            _cut(" ".join(s.codes)),
        )
        table.add_row(*(Text(inert_line(c)) for c in cells), Text("✓" if state.reviewed else ""))
    return table


def _cut(value: str | None, limit: int = 200) -> str:
    """At most ``limit`` characters (a table cell folds the rest onto a few lines at most)."""
    value = value or ""
    return value if len(value) <= limit else value[: limit - 1] + "…"


def cmd_list(args: argparse.Namespace, store: Store, out: Console, err: Console) -> int:
    found = store.list_summaries(_filter(args))
    shown = found if args.limit <= 0 else found[: args.limit]
    out.print(_summary_table(store, shown))
    more = f" (showing {len(shown)}; --limit 0 for all)" if len(shown) < len(found) else ""
    out.print(Text(f"{len(found)} filing(s){more}"))
    return 0


def cmd_search(args: argparse.Namespace, store: Store, out: Console, err: Console) -> int:
    name = " ".join(args.name)
    found = store.list_summaries(_filter(args, name=name))
    if not found:
        err.print(Text(f"no filings with an insider named like {name!r}"))
        return 1
    out.print(_summary_table(store, found))
    out.print(Text(f"{len(found)} filing(s)"))
    return 0


def cmd_show(args: argparse.Namespace, store: Store, out: Console, err: Console) -> int:
    stored = store.get(args.id)
    if stored is None:
        err.print(Text(f"no filing {args.id!r} in {store.path}"))
        return 1
    s = store.summary(stored.id)
    out.print(Text(f"id {stored.id}" + (f"   accession {s.accession}" if s.accession else "")))
    if stored.state.reviewed:
        out.print(Text(f"reviewed {stored.state.reviewed_at or ''}", style="green"))
    if stored.state.note:
        out.print(Text(f"note: {inert(stored.state.note)}"))
    print_filing(out, inert_values(stored.filing))
    return 0


def cmd_review(args: argparse.Namespace, store: Store, out: Console, err: Console) -> int:
    fid = store.resolve(args.id)
    if fid is None:
        err.print(Text(f"no filing {args.id!r} in {store.path}"))
        return 1
    state = store.set_reviewed(fid, not args.undo)
    if args.note is not None:
        state = store.set_note(fid, args.note)
    mark = f"reviewed at {state.reviewed_at}" if state.reviewed else "not reviewed"
    out.print(Text(f"{fid}: {mark}" + (f"; note: {inert(state.note)}" if state.note else "")))
    return 0


CSV_FILING_COLUMNS = ("filing_id", "accession", "form", "issuer", "ticker", "issuer_cik", "owners", "table")
CSV_ROW_COLUMNS = (
    "kind", "security_title", "conversion_or_exercise_price", "transaction_date", "deemed_execution_date",
    "form_type", "code", "equity_swap", "timeliness", "shares", "total_value", "price", "acquired_disposed",
    "exercise_date", "expiration_date", "underlying_title", "underlying_shares", "underlying_value",
    "shares_owned_following", "value_owned_following", "direct_indirect", "nature_of_ownership", "footnotes",
)  # fmt: skip


def cmd_export(args: argparse.Namespace, store: Store, out: Console, err: Console) -> int:
    summaries = store.list_summaries(_filter(args))
    stream = args.out.open("w", encoding="utf-8", newline="") if args.out else sys.stdout
    try:
        if args.format == "json":
            docs = []
            for s in summaries:
                stored = store.get(s.id)
                if stored is not None:
                    docs.append(filing_to_dict(stored.filing))
            stream.write(orjson.dumps(docs, option=orjson.OPT_INDENT_2).decode() + "\n")
        else:
            writer = csv.writer(stream)
            writer.writerow(CSV_FILING_COLUMNS + CSV_ROW_COLUMNS)
            for s in summaries:
                stored = store.get(s.id)
                if stored is None:
                    continue
                doc = filing_to_dict(stored.filing)
                head = [s.id, s.accession or "", s.form, s.issuer or "", s.ticker or "", s.issuer_cik or "",
                        "; ".join(s.owners)]  # fmt: skip
                for table, rows in (("I", doc["non_derivative"]), ("II", doc["derivative"])):
                    for row in rows:
                        values = [_csv_value(row.get(c)) for c in CSV_ROW_COLUMNS[:-1]]
                        notes = "; ".join(f"{k}: {' '.join(v)}" for k, v in row["footnotes"].items())
                        writer.writerow([neutralise(cell) for cell in (*head, table, *values, notes)])
    finally:
        if args.out:
            stream.close()
    if args.out:
        err.print(Text(f"wrote {len(summaries)} filing(s) to {args.out}"))
    return 0


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def cmd_explore(db: Path, paths: Sequence[str]) -> int:
    from tui.app import run_explorer  # Textual loads only when the explorer opens

    return run_explorer(db, list(paths))


# ---------------------------------------------------------------------- printing
def print_filing(console: Console, filing: Filing) -> None:
    """A filing as rich tables, with the form's footnote marks on the cells that cite them."""
    issuer = filing.issuer
    head = Table.grid(padding=(0, 2))
    head.add_column(style="bold")
    head.add_column()
    head.add_row("Form", Text(filing.form + ("  (amendment)" if filing.is_amendment else "")))
    cik = f"  CIK {issuer.cik}" if issuer.cik else ""
    head.add_row("Issuer", Text(f"{issuer.name or ''} [{issuer.ticker or ''}]{cik}"))
    head.add_row("Period of report", Text(format_date(filing.period_of_report)))
    if filing.date_of_original_submission:
        head.add_row("Original filed", Text(format_date(filing.date_of_original_submission)))
    if filing.accession_number:
        head.add_row("Accession", Text(filing.accession_number))
    for flag, label in (
        (filing.aff10b5_one, "Rule 10b5-1 plan box checked"),
        (filing.not_subject_to_section16, "No longer subject to Section 16"),
        (filing.no_securities_owned, "No securities beneficially owned"),
    ):
        if flag:
            head.add_row("", Text(label))
    for number, owner in enumerate(filing.owners, start=1):
        address = ", ".join(
            p for p in (owner.street1, owner.street2, owner.city, owner.state, owner.zip, owner.country) if p
        )
        head.add_row(f"Owner {number}", Text(f"{owner.name or ''}" + (f"  CIK {owner.cik}" if owner.cik else "")))
        head.add_row("", Text(address))
        if owner.relationship:
            head.add_row("", Text(owner.relationship))
    console.print(head)
    for title, rows, columns in (
        ("Table I — non-derivative securities", filing.non_derivative, TABLE_I),
        ("Table II — derivative securities", filing.derivative, TABLE_II),
    ):
        if not rows:
            continue
        # columns empty in every row (no deemed dates, no indirect holdings …) are left out
        cells = [[column.render(row) for column in columns] for row in rows]
        shown = [i for i, column in enumerate(columns) if i == 0 or any(line[i].plain for line in cells)]
        table = Table(
            title=title, title_justify="left", title_style="bold", header_style="bold", box=box.SIMPLE_HEAD,
            pad_edge=False, collapse_padding=True,
        )  # fmt: skip
        needed = 0
        for i in shown:
            column = columns[i]
            # values (dates, amounts) keep their width; free text and headers wrap to fit
            widest = max(len(line[i].plain) for line in cells)
            word = max(len(w) for w in column.header.split())
            min_width = max(min(widest, 12) if column.wraps else widest, word)
            needed += min_width + 2
            table.add_column(
                column.header, justify="right" if column.numeric else "left", overflow="fold", min_width=min_width
            )
        for line in cells:
            table.add_row(*(line[i] for i in shown))
        if needed <= console.width:
            console.print(table)
            continue
        # too wide for this terminal: one block per row, "column: value", so nothing is cut off
        console.print(Text(title, style="bold"))
        for number, line in enumerate(cells, start=1):
            record = Table.grid(padding=(0, 2))
            record.add_column(style="bold", no_wrap=True)
            record.add_column(overflow="fold")
            for i in shown:
                if line[i].plain:
                    record.add_row(columns[i].header, line[i])
            console.print(Text(f"row {number}", style="dim"))
            console.print(record)
    if filing.footnotes:
        console.print(Text("Explanation of responses", style="bold"))
        for footnote_id, text in filing.footnotes.items():
            console.print(Text(f"{footnote_label(footnote_id)} ", style="bold green") + Text(text))
    if filing.remarks:
        console.print(Text("Remarks: ", style="bold") + Text(filing.remarks))
    for signature in filing.signatures:
        console.print(Text(f"Signed: {signature.name or ''}  {format_date(signature.date)}"))
