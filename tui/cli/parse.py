"""`form4 parse`: print parsed filings without storing them."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from rich.text import Text

from tui.cli.common import Context

if TYPE_CHECKING:
    from tui.cli.common import SubParsers
    from tui.model import Filing


def register(sub: SubParsers) -> None:
    p = sub.add_parser("parse", help="print parsed filings without storing them")
    p.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="ownership XML, full-submission .txt/.nc, EDGAR's saved page or its PDF printout",
    )
    p.add_argument("--format", choices=("json", "text"), default="text", help="json: the interchange format")
    p.set_defaults(run=run_parse)


def run_parse(args: argparse.Namespace, ctx: Context) -> int:
    import orjson

    from tui.importer import read_source
    from tui.interchange import filing_to_dict
    from tui.render import print_filing
    from tui.safe_text import inert_line, json_for_terminal, shown_path

    parsed: list[tuple[str, Filing]] = []
    failed = 0
    for name in args.files:
        _path, filing, _source, reason = read_source(name)  # the importer's guarded read, PDFs sandboxed
        if filing is None:
            ctx.err.print(Text(f"{shown_path(name)}: {inert_line(reason or 'unreadable')}"))
            failed += 1
        else:
            parsed.append((name, filing))
    if args.format == "json":
        objects = [filing_to_dict(f) for _, f in parsed]
        payload: Any = objects[0] if len(args.files) == 1 and objects else objects
        if len(args.files) > 1 or objects:
            sys.stdout.write(json_for_terminal(orjson.dumps(payload, option=orjson.OPT_INDENT_2).decode()) + "\n")
    else:
        for name, filing in parsed:
            ctx.out.rule(Text(shown_path(name)))
            print_filing(ctx.out, filing)
    return 1 if failed else 0
