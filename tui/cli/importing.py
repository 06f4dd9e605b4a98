"""`form4 import`: files and folders into the store, with a progress bar on stderr."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from rich.text import Text

from tui.cli.common import Context

if TYPE_CHECKING:
    from tui.cli.common import SubParsers

#: skipped files named one by one on stderr (the rest are counted)
SKIPPED_SHOWN = 10


def register(sub: SubParsers) -> None:
    p = sub.add_parser("import", help="import files and folders (recursively) into the store")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--workers", type=int, help="parser processes (default 2, 1 on a one-core machine)")
    p.set_defaults(run=run_import)


def run_import(args: argparse.Namespace, ctx: Context) -> int:
    from tui.cli.progress import counting_bar
    from tui.importer import FILING_SUFFIXES, default_workers, import_paths
    from tui.safe_text import inert_line, shown_path

    names = ", ".join(sorted(FILING_SUFFIXES))

    store = ctx.store
    with counting_bar(ctx.err, "{task.description}") as progress:
        task = progress.add_task("importing", total=None)

        def advance(done: int, total: int, _path: str) -> None:
            # every file read: what is left is the store's last write and the groups' checks (seconds at 100k)
            label = "writing the store" if total and done >= total else "importing"
            progress.update(task, completed=done, total=total, description=label)

        report = import_paths(
            store,
            args.paths,
            workers=max(1, default_workers() if args.workers is None else args.workers),
            progress=advance,
        )
    for failure in report.failures:
        ctx.err.print(Text(f"failed: {shown_path(failure.path)}: {inert_line(failure.reason)}"))
    for path in report.skipped[:SKIPPED_SHOWN]:
        ctx.err.print(
            Text(f"skipped: {shown_path(path)} (in a folder only files named {names} are read; name it to import it)")
        )
    if len(report.skipped) > SKIPPED_SHOWN:
        ctx.err.print(Text(f"skipped: {len(report.skipped) - SKIPPED_SHOWN} more files not named {names}"))
    ctx.out.print(Text(report.summary()), soft_wrap=True)
    return 1 if report.failures else 0
