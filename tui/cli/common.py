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

from tui.checks.finding import KINDS

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
    """Where a command reads and writes: the store (a folder or a postgresql:// URL, opened on first
    use), who marks (None: FORM4_REVIEWER or the OS user), stdout and stderr."""

    db: Path | str
    out: Console
    err: Console
    reviewer: str | None = None
    _store: Store | None = field(default=None, repr=False)

    @property
    def store(self) -> Store:
        if self._store is None:
            from tui.store import open_store

            # one-shot: read what the command needs
            self._store = open_store(self.db, reviewer=self.reviewer, lazy=True)
        return self._store

    def close(self) -> None:
        """Close the store if a command opened it: a team store then sends its notices (a mark's, to
        the open explorers) before the process ends, instead of leaving them to a thread the exit kills."""
        if self._store is not None:
            store, self._store = self._store, None
            store.close()


Handler = Callable[[argparse.Namespace, Context], int]


def store_location(text: str) -> Path | str:
    """A --db value: a postgresql:// URL stays as it is, anything else is a folder."""
    if text.startswith(("postgresql://", "postgres://")):
        return text
    return Path(text).expanduser()


def shown_location(location: Path | str) -> str:
    """A store location for help and messages: a URL without its password."""
    return re.sub(r"^(postgres(?:ql)?://[^:/@]*):[^@]*@", r"\1@", str(location))


def default_db_path() -> Path | str:
    env = os.environ.get("FORM4_DB")
    if env:
        return store_location(env)
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
    parser.add_argument(
        "--reviewed-by",
        choices=("me", "others", "nobody"),
        help="only filings reviewed by you (--reviewer), by someone else, or by nobody",
    )
    parser.add_argument("--since", type=iso_date, metavar="YYYY-MM-DD", help="filed on or after")
    parser.add_argument("--until", type=iso_date, metavar="YYYY-MM-DD", help="filed on or before")
    found = parser.add_mutually_exclusive_group()
    found.add_argument(
        "--has-findings",
        dest="has_findings",
        action="store_const",
        const=True,
        help="only filings the review checks have findings on (see `form4 check`)",
    )
    found.add_argument(
        "--no-findings",
        dest="has_findings",
        action="store_const",
        const=False,
        help="only filings without findings",
    )
    parser.add_argument(
        "--finding",
        dest="finding_kind",
        choices=KINDS,
        metavar="KIND",
        help=f"only filings with a finding of this kind ({', '.join(KINDS)})",
    )


def list_filter(args: argparse.Namespace, name: str | None = None) -> ListFilter:
    from tui.store import ListFilter

    return ListFilter(
        ticker=args.ticker, form=args.form, code=args.code, reviewed=args.reviewed,
        since=args.since, until=args.until, name=name, plan=args.plan, reviewed_by=args.reviewed_by,
        has_findings=args.has_findings, finding_kind=args.finding_kind,
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
