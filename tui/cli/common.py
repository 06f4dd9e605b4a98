"""What every sub-command shares: the run context (store location, consoles, the store opened on
first use), the default store location and the filter options."""

from __future__ import annotations

import argparse
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from platformdirs import user_data_dir
from rich.console import Console
from rich.text import Text

if TYPE_CHECKING:
    from tui.store import ListFilter, Store

    SubParsers: TypeAlias = argparse._SubParsersAction[argparse.ArgumentParser]


# exit codes (the README's table says the same)
OK = 0
NOT_FOUND = 1  # nothing matched, no such filing, or a file could not be read (the rest was done)
STORE = 2  # the store cannot be opened or written
USAGE = 3  # the command line is wrong: an unknown option, a bad date, a path that does not exist
OUTPUT = 4  # the output cannot be written (--out, standard output)

_ACCESSION_DIGITS = re.compile(r"\d{18}")


class CliConsole(Console):
    """A rich Console that leaves a closed pipe to `main` (rich's own answer is to exit 1)."""

    def on_broken_pipe(self) -> None:
        self.quiet = True
        raise BrokenPipeError


@dataclass
class Context:
    """Where a command reads and writes: the store folder (opened on first use), stdout and stderr."""

    db: Path
    out: Console
    err: Console
    _store: Store | None = field(default=None, repr=False)

    @property
    def store(self) -> Store:
        if self._store is None:
            from tui.store import open_store

            self._store = open_store(self.db, lazy=True)  # one-shot: read what the command needs
        return self._store


Handler = Callable[[argparse.Namespace, Context], int]


def default_db_path() -> Path:
    env = os.environ.get("FORM4_DB")
    if env:
        return Path(env).expanduser()
    return Path(user_data_dir("form4-explorer", appauthor=False)) / "store"


def iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def add_filter_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--ticker", help="only this issuer ticker")
    parser.add_argument("--form", help="only this form type (3, 4, 5, 4/A …)")
    parser.add_argument("--code", help="only filings with this transaction code (P, S, A, M …)")
    state = parser.add_mutually_exclusive_group()
    state.add_argument("--reviewed", dest="reviewed", action="store_const", const=True, help="only reviewed filings")
    state.add_argument(
        "--unreviewed", dest="reviewed", action="store_const", const=False, help="only filings not yet reviewed"
    )
    plan = parser.add_mutually_exclusive_group()
    plan.add_argument(
        "--plan", dest="plan", action="store_const", const=True, help="only filings with the Rule 10b5-1 box checked"
    )
    plan.add_argument(
        "--no-plan", dest="plan", action="store_const", const=False, help="only filings without it checked"
    )
    parser.add_argument("--since", type=iso_date, metavar="YYYY-MM-DD", help="filed on or after")
    parser.add_argument("--until", type=iso_date, metavar="YYYY-MM-DD", help="filed on or before")


def list_filter(args: argparse.Namespace, name: str | None = None) -> ListFilter:
    from tui.store import ListFilter

    return ListFilter(
        ticker=args.ticker, form=args.form, code=args.code, reviewed=args.reviewed,
        since=args.since, until=args.until, name=name, plan=args.plan,
    )  # fmt: skip


def find_filing(ctx: Context, key: str) -> str | None:
    """The id of the filing named by an id, an accession number (with or without its dashes) or a
    unique id prefix; None after saying on stderr why not (no such filing, or an ambiguous prefix)."""
    key = key.strip()
    if _ACCESSION_DIGITS.fullmatch(key):
        key = f"{key[:10]}-{key[10:12]}-{key[12:]}"
    store = ctx.store
    fid = store.resolve(key)
    if fid is not None:
        return fid
    prefix = key.lower()
    matches = [i for i in store.summary_view() if i.startswith(prefix)] if len(prefix) >= 4 else []
    if len(matches) > 1:
        shown = ", ".join(sorted(matches)[:5]) + (" …" if len(matches) > 5 else "")
        ctx.err.print(Text(f"form4: {key!r} is the start of {len(matches)} filing ids ({shown}): give more of the id"))
    elif 0 < len(prefix) < 4 and any(i.startswith(prefix) for i in store.summary_view()):
        ctx.err.print(Text(f"form4: {key!r} is too short to name a filing: give at least 4 characters of the id"))
    else:
        ctx.err.print(Text(f"no filing {key!r} in {store.location}"))
    return None
