"""`form4 explore` (the default, and `form4 PATH...`): open the full-screen explorer."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from tui.cli.common import Context

if TYPE_CHECKING:
    from tui.cli.common import SubParsers


def register(sub: SubParsers) -> None:
    p = sub.add_parser("explore", help="open the explorer (the default)")
    p.add_argument("paths", nargs="*", metavar="PATH", help="import these first")
    p.set_defaults(run=run_explore)


def run_explore(args: argparse.Namespace, ctx: Context) -> int:
    from pathlib import Path

    from rich.text import Text

    if isinstance(ctx.db, str):  # TODO(store): the explorer on a team store lands with tui/explorer/
        ctx.err.print(Text("form4: the explorer does not open a PostgreSQL store yet; use the other commands"))
        return 2
    from tui.app import run_explorer  # Textual loads only when the explorer opens

    return run_explorer(Path(ctx.db), list(getattr(args, "paths", [])))
