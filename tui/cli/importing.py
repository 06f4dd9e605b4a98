"""`form4 import`: files and folders into the store, with a progress bar on stderr."""

from __future__ import annotations

import argparse
import os
from typing import TYPE_CHECKING

from rich.text import Text

from tui.cli.common import Context

if TYPE_CHECKING:
    from tui.cli.common import SubParsers


def register(sub: SubParsers) -> None:
    p = sub.add_parser("import", help="import files and folders (recursively) into the store")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1), help="parser processes (default 2)")
    p.set_defaults(run=run_import)


def run_import(args: argparse.Namespace, ctx: Context) -> int:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from tui.importer import import_paths
    from tui.safe_text import inert_line, shown_path

    store = ctx.store
    with Progress(
        TextColumn("importing"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=ctx.err,
        transient=True,
    ) as progress:
        task = progress.add_task("import", total=None)

        def advance(done: int, total: int, _path: str) -> None:
            progress.update(task, completed=done, total=total)

        report = import_paths(store, args.paths, workers=max(1, args.workers), progress=advance)
    for failure in report.failures:
        ctx.err.print(Text(f"failed: {shown_path(failure.path)}: {inert_line(failure.reason)}"))
    ctx.out.print(Text(report.summary()))
    return 1 if report.failures else 0
