"""The `form4` command: argument parsing and dispatch. Each group of sub-commands is a module in
this package with a `register(sub)` that adds its sub-parsers (each sets `run=` to its handler);
a new sub-command is a new module and one line in `GROUPS`. No parsing or storage logic lives here."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from rich.text import Text

from tui import __version__
from tui.cli import (
    across,
    checking,
    explore,
    exporting,
    fetching,
    importing,
    listing,
    one_filing,
    parse,
    removing,
    team,
)
from tui.cli.common import OUTPUT, STORE, USAGE, CliConsole, Context, default_db_path, shown_location, store_location
from tui.safe_text import inert_line

# one line per module of sub-commands, in the order `form4 --help` lists them
GROUPS = (parse, importing, fetching, listing, across, one_filing, removing, checking, exporting, team, explore)

DESCRIPTION = """\
Explore SEC Form 3, 4 and 5 insider-trading filings from the terminal.

Reads EDGAR ownership XML, EDGAR full-submission .txt/.nc files, EDGAR's HTML page of a filing
(saved from the browser) and PDF printouts of it; keeps them in a local store with your reviewed
marks and notes.

  form4                      open the explorer (imports the bundled samples into an empty store)
  form4 PATH...              import files/folders, then open the explorer
  form4 COMMAND --help       help for one command
"""

EPILOG = """\
examples:
  form4 import ~/filings/             import a folder (recursively)
  form4 fetch TSLA --since 2024-01-01 download from EDGAR and import (see: form4 fetch --help)
  form4 search "caruso james"         find an insider's filings
  form4 show 0001127602-25-004598     show a filing (by accession number or id)
  form4 review 3f2a9c --note "ok"     mark a filing reviewed, with a note
  form4 check --kind late_filing      the review checks' findings over the store
  form4 export --format csv --out rows.csv

The store lives in {default}; use --db PATH or the FORM4_DB variable for another
(--db postgresql://user@host:port/dbname for a store shared by a review team).
"""

__all__ = ["build_parser", "default_db_path", "main"]


class Parser(argparse.ArgumentParser):
    """argparse with the README's exit code for a wrong command line (argparse's own 2 is the store's)."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(USAGE, f"{self.prog}: error: {message}\n")


DB_HELP = (
    "the store: a folder, or postgresql://user@host:port/dbname for a team store (default: FORM4_DB or the "
    "user data folder); may come anywhere on the line"
)
REVIEWER_HELP = "who marks and notes (default: FORM4_REVIEWER or your user name); may come anywhere on the line"


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="form4",
        description=DESCRIPTION,
        epilog=EPILOG.format(default=shown_location(default_db_path())),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"form4-explorer {__version__}")
    parser.add_argument("--db", type=store_location, metavar="FOLDER|URL", help=DB_HELP)
    parser.add_argument("--reviewer", metavar="NAME", help=REVIEWER_HELP)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for group in GROUPS:
        group.register(sub)
    for command in sub.choices.values():  # `form4 list --db X` as well as `form4 --db X list`
        command.add_argument("--db", type=store_location, metavar="FOLDER|URL", default=argparse.SUPPRESS, help=DB_HELP)
        command.add_argument("--reviewer", metavar="NAME", default=argparse.SUPPRESS, help=REVIEWER_HELP)
    return parser


#: global options that take a value (the value is not a path to import)
_VALUE_OPTIONS = ("--db", "--reviewer")


def _with_command(argv: list[str], commands: Sequence[str]) -> list[str]:
    """`form4 PATH...` imports and opens the explorer: insert `explore` before the first path."""
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg in _VALUE_OPTIONS:
            i += 2
            continue
        if not arg.startswith("-"):
            if arg not in commands:
                argv.insert(i, "explore")
            return argv
        i += 1
    return argv


def command_names(parser: argparse.ArgumentParser) -> list[str]:
    return [
        name for action in parser._actions if isinstance(action, argparse._SubParsersAction) for name in action.choices
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(_with_command(list(sys.argv[1:] if argv is None else argv), command_names(parser)))
    run = getattr(args, "run", explore.run_explore)  # no command: the explorer
    ctx = Context(
        db=args.db or default_db_path(),
        reviewer=args.reviewer,
        out=CliConsole(highlight=False, soft_wrap=False),
        err=CliConsole(stderr=True, highlight=False, soft_wrap=True),
    )
    from tui.store import StoreError

    try:
        code: int = run(args, ctx)
        sys.stdout.flush()
        return code
    except BrokenPipeError:
        # the reader went away (`form4 list | head -1`): not an error; stop writing quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except StoreError as exc:
        ctx.err.print(Text(f"form4: {inert_line(str(exc))}"))
        return STORE
    except OSError as exc:  # the output: standard output on a full disk, a file being written
        where = f"{exc.filename}: " if exc.filename else ""
        ctx.err.print(Text(inert_line(f"form4: {where}{exc.strerror or exc}")))
        return OUTPUT
    except KeyboardInterrupt:
        ctx.err.print("form4: interrupted")
        return 130
    finally:
        with contextlib.suppress(Exception):  # what a command wrote is committed; closing only lets go
            ctx.close()
