"""`form4 export`: stored filings as JSON (the interchange format) or CSV (one line per row)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text

from tui.cli.common import Context, add_filter_args, list_filter

if TYPE_CHECKING:
    from tui.cli.common import SubParsers
    from tui.store import FilingSummary, StoredFiling


def register(sub: SubParsers) -> None:
    p = sub.add_parser(
        "export",
        help="write stored filings as JSON (interchange format + id, accession, filed, review state) or CSV "
        "(one line per Table I/II row; --code keeps only the rows with that code)",
    )
    p.add_argument("--format", choices=("json", "csv"), default="json")
    p.add_argument("--out", type=Path, help="file to write (default: standard output)")
    add_filter_args(p)
    p.set_defaults(run=run_export)


def run_export(args: argparse.Namespace, ctx: Context) -> int:
    from tui.export import write_csv, write_json

    store = ctx.store
    summaries = store.list_summaries(list_filter(args))
    if not summaries:
        ctx.err.print(Text("no filing matches"))
        return 1

    def filings(found: list[FilingSummary]) -> Iterator[StoredFiling]:
        for s in found:
            stored = store.get(s.id)
            if stored is not None:
                yield stored

    stream = args.out.open("w", encoding="utf-8", newline="") if args.out else sys.stdout
    try:
        if args.format == "json":
            written = write_json(filings(summaries), stream)
        else:
            written = write_csv(filings(summaries), stream, code=args.code)
    finally:
        if args.out:
            stream.close()
    if args.out:
        ctx.err.print(Text(f"wrote {written} filing(s) to {args.out}"))
    return 0
