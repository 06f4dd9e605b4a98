"""`form4 explore` (the default, and `form4 PATH...`): open the full-screen explorer."""

from __future__ import annotations

import argparse
import os
from typing import TYPE_CHECKING

from rich.text import Text

from tui.cli.common import USAGE, Context
from tui.safe_text import shown_path

if TYPE_CHECKING:
    from tui.cli.common import SubParsers


def register(sub: SubParsers) -> None:
    p = sub.add_parser("explore", help="open the explorer (the default)")
    p.add_argument("paths", nargs="*", metavar="PATH", help="import these first")
    p.set_defaults(run=run_explore)


def run_explore(args: argparse.Namespace, ctx: Context) -> int:
    paths = list(getattr(args, "paths", []))
    missing = [p for p in paths if not os.path.lexists(p)]
    for path in missing:  # a typo opens nothing full-screen: it is said, in one line
        hint = "" if os.sep in path else " (nor a command: `form4 --help` lists them)"
        ctx.err.print(Text(f"form4: {shown_path(path)}: no such file or folder{hint}"))
    if missing:
        return USAGE
    from tui.explorer.app import run_explorer  # Textual loads only when the explorer opens

    if ctx.reviewer:  # the explorer's stores name their reviewer from it (tui.store.default_reviewer)
        os.environ["FORM4_REVIEWER"] = ctx.reviewer
    return run_explorer(ctx.db, paths)
