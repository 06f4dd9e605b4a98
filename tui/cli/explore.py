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
    from tui.app import run_explorer  # Textual loads only when the explorer opens

    return run_explorer(ctx.db, list(getattr(args, "paths", [])))
