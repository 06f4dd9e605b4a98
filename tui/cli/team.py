"""`form4 history` and `form4 copy-store`: the review history of a filing, and moving a whole
store between backends (a TinyDB folder ⇄ a PostgreSQL database)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from rich import box
from rich.table import Table
from rich.text import Text

from tui.cli.common import Context, shown_location, store_location

if TYPE_CHECKING:
    from tui.cli.common import SubParsers


def register(sub: SubParsers) -> None:
    p = sub.add_parser("history", help="every change of a filing's review mark and note: who, when, old → new")
    p.add_argument("id", help="filing id, accession number, or a unique id prefix")
    p.set_defaults(run=run_history)

    p = sub.add_parser(
        "copy-store",
        help="copy a whole store into an empty one (folder or postgresql:// URL, either way), then verify it",
    )
    p.add_argument("source", metavar="FROM", help="the store to copy: a folder or a postgresql:// URL")
    p.add_argument("target", metavar="TO", help="an empty store (a new folder, or an empty database)")
    p.set_defaults(run=run_copy_store)


def _note(text: str | None) -> Text:
    return Text(text) if text is not None else Text("—", style="dim")


def run_history(args: argparse.Namespace, ctx: Context) -> int:
    store = ctx.store
    fid = store.resolve(args.id)
    if fid is None:
        ctx.err.print(Text(f"no filing {args.id!r} in {store.location}"))
        return 1
    entries = store.history(fid)
    if not entries:
        ctx.out.print(Text(f"{fid}: no review history"))
        return 0
    table = Table(box=box.SIMPLE_HEAD, title=Text(f"review history of {fid}"), title_justify="left")
    for column in ("when (UTC)", "who", "mark", "note"):
        table.add_column(column)
    for e in entries:
        mark = "reviewed" if e.new_reviewed else "not reviewed"
        if e.old_reviewed != e.new_reviewed:
            mark = f"{'reviewed' if e.old_reviewed else 'not reviewed'} → {mark}"
        note = (
            _note(e.new_note)
            if e.old_note == e.new_note
            else Text.assemble(_note(e.old_note), " → ", _note(e.new_note))
        )
        table.add_row(Text(e.at), Text(e.reviewer), Text(mark), note)
    ctx.out.print(table)
    return 0


def run_copy_store(args: argparse.Namespace, ctx: Context) -> int:
    from tui.store import open_store
    from tui.store.copy import copy_store

    source = open_store(store_location(args.source), reviewer=ctx.reviewer)
    try:
        target = open_store(store_location(args.target), reviewer=ctx.reviewer)
        try:
            report = copy_store(source, target)
        finally:
            target.close()
    finally:
        source.close()
    ctx.out.print(
        Text(f"copied {report.summary()} from {shown_location(args.source)} to {shown_location(args.target)}; verified")
    )
    return 0
