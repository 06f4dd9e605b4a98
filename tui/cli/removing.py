"""`form4 remove ID...`: take filings out of the store (their parsed data; the marks and notes stay
unless --forget-review is given, so importing the file again brings the filing back reviewed)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from rich.text import Text

from tui.cli.common import NOT_FOUND, OK, Context, find_filing

if TYPE_CHECKING:
    from tui.cli.common import SubParsers


def register(sub: SubParsers) -> None:
    p = sub.add_parser(
        "remove",
        help="remove filings from the store (parsed data only; marks and notes are kept unless --forget-review)",
    )
    p.add_argument("ids", nargs="+", metavar="ID", help="filing ids, accession numbers or unique id prefixes")
    p.add_argument(
        "--forget-review", action="store_true", help="also clear the reviewed mark and the note (kept in the history)"
    )
    p.set_defaults(run=run_remove)


def run_remove(args: argparse.Namespace, ctx: Context) -> int:
    store = ctx.store
    found: list[str] = []
    missing = 0
    for key in args.ids:
        fid = find_filing(ctx, key)  # says why on stderr when not found
        if fid is None:
            missing += 1
        elif fid not in found:
            found.append(fid)
    if args.forget_review:
        for fid in found:
            state = store.state(fid)
            if state.reviewed:
                store.set_reviewed(fid, False)
            if state.note:
                store.set_note(fid, None)
    removed = store.remove(found) if found else []
    for fid in removed:
        ctx.out.print(Text(f"removed {fid}"))
    return NOT_FOUND if missing else OK
