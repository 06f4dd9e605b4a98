"""`form4 show`, `form4 review` and `form4 note`: commands on one filing, named by its id, its
accession number (with or without dashes) or a unique id prefix."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from rich.text import Text

from tui.cli.common import NOT_FOUND, Context, find_filing
from tui.cli.output import FORMATS, tsv_cell
from tui.safe_text import inert, inert_line, json_for_terminal

if TYPE_CHECKING:
    from collections.abc import Sequence

    from tui.checks.finding import Finding
    from tui.cli.common import SubParsers
    from tui.store import StoredFiling

ID_HELP = "filing id, accession number (dashes optional), or a unique id prefix (4+ characters)"


def register(sub: SubParsers) -> None:
    p = sub.add_parser("show", help="show one filing: owners, issuer, Tables I and II, footnotes")
    p.add_argument("id", help=ID_HELP)
    p.add_argument(
        "--format",
        choices=FORMATS,
        default="table",
        help="table: the filing for reading (the default, also into a pipe); tsv/csv: one line per Table I/II "
        "row as `export --format csv` writes them (tsv without the header); json: the filing as `export` writes it",
    )
    p.set_defaults(run=run_show)

    p = sub.add_parser("review", help="mark a filing reviewed (or not), with an optional note")
    p.add_argument("id", help=ID_HELP)
    p.add_argument("--undo", action="store_true", help="remove the reviewed mark")
    p.add_argument("--note", help="also set the filing's note ('' removes it); `form4 note` sets a note alone")
    p.set_defaults(run=run_review)

    p = sub.add_parser("note", help="show, set or remove a filing's note without changing its reviewed mark")
    p.add_argument("id", help=ID_HELP)
    p.add_argument("text", nargs="*", help="the note (several words are joined); none: print the note")
    p.add_argument("--remove", action="store_true", help="remove the note")
    p.set_defaults(run=run_note)


def run_show(args: argparse.Namespace, ctx: Context) -> int:
    from tui.render import print_filing

    store = ctx.store
    fid = find_filing(ctx, args.id)
    stored = store.get(fid) if fid else None
    if stored is None:
        return NOT_FOUND
    if args.format != "table":
        # the findings from the store's findings lookup: a command on one filing never reads the whole
        # index (its cost must not grow with the store)
        write_filing(args.format, stored, store.findings_of(stored.id))
        return 0
    accession = stored.filing.accession_number
    ctx.out.print(Text(f"id {stored.id}" + (f"   accession {inert_line(accession)}" if accession else "")))
    if stored.state.reviewed:
        ctx.out.print(Text(f"reviewed {stored.state.reviewed_at or ''}", style="green"))
    if stored.state.note:
        ctx.out.print(Text(f"note: {inert(stored.state.note)}"), soft_wrap=True)
    print_filing(ctx.out, stored.filing)
    return 0


def write_filing(fmt: str, stored: StoredFiling, findings: Sequence[Finding] = ()) -> None:
    import csv
    import sys

    import orjson

    from tui.export import CSV_COLUMNS, csv_lines, json_object

    if fmt == "json":
        text = orjson.dumps(json_object(stored, findings), option=orjson.OPT_INDENT_2).decode()
        sys.stdout.write(json_for_terminal(text) + "\n")
    elif fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(CSV_COLUMNS)
        writer.writerows(csv_lines(stored, findings=findings))
    else:
        for line in csv_lines(stored, findings=findings):
            sys.stdout.write("\t".join(tsv_cell(v) for v in line) + "\n")


def run_review(args: argparse.Namespace, ctx: Context) -> int:
    store = ctx.store
    fid = find_filing(ctx, args.id)
    if fid is None:
        return NOT_FOUND
    state = store.set_reviewed(fid, not args.undo)
    if args.note is not None:
        state = store.set_note(fid, args.note)
    mark = f"reviewed at {state.reviewed_at}" if state.reviewed else "not reviewed"
    ctx.out.print(Text(f"{fid}: {mark}" + (f"; note: {inert(state.note)}" if state.note else "")), soft_wrap=True)
    return 0


def run_note(args: argparse.Namespace, ctx: Context) -> int:
    store = ctx.store
    fid = find_filing(ctx, args.id)
    if fid is None:
        return NOT_FOUND
    if args.remove or args.text:
        text = "" if args.remove else " ".join(args.text)
        state = store.set_note(fid, text)
    else:
        state = store.state(fid)
    ctx.out.print(Text(f"{fid}: note: {inert(state.note)}" if state.note else f"{fid}: no note"), soft_wrap=True)
    return 0
