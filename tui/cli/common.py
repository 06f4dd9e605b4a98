"""What every sub-command shares: the run context (store location, consoles, the store opened on
first use), the default store location and the filter options."""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from platformdirs import user_data_dir
from rich.console import Console

if TYPE_CHECKING:
    from tui.store import ListFilter, Store

    SubParsers: TypeAlias = argparse._SubParsersAction[argparse.ArgumentParser]


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

            self._store = open_store(self.db)
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
    parser.add_argument("--since", type=iso_date, metavar="YYYY-MM-DD", help="filed on or after")
    parser.add_argument("--until", type=iso_date, metavar="YYYY-MM-DD", help="filed on or before")


def list_filter(args: argparse.Namespace, name: str | None = None) -> ListFilter:
    from tui.store import ListFilter

    return ListFilter(
        ticker=args.ticker, form=args.form, code=args.code, reviewed=args.reviewed,
        since=args.since, until=args.until, name=name,
    )  # fmt: skip
