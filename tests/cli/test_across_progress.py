"""The views across filings read every stored filing once to build their row index (a minute at 100k):
the CLI shows a bar on stderr while it reads, on a terminal only, and nothing when the index is up to
date or when stderr is a pipe."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

from tests.cli.helpers import form4
from tui.cli.across import read_index
from tui.cli.common import Context


def _context(db: Path) -> tuple[Context, io.StringIO]:
    err = io.StringIO()
    return Context(db, Console(file=io.StringIO()), Console(file=err, force_terminal=True, width=100)), err


def test_a_first_build_shows_a_bar_and_an_up_to_date_index_none(sample_db: Path, copy_of: object) -> None:
    db = copy_of(sample_db)  # type: ignore[operator]
    ctx, err = _context(db)
    index = read_index(ctx)
    assert {info.fid for info in index.info} == {s.id for s in ctx.store.list_summaries()}
    assert "reading the filings' rows" in err.getvalue()
    again, err_again = _context(db)
    read_index(again)
    assert err_again.getvalue() == ""


def test_into_a_pipe_stderr_carries_no_bar(sample_db: Path, copy_of: object) -> None:
    db = copy_of(sample_db)  # type: ignore[operator]
    result = form4("--db", str(db), "transactions", "--code", "S")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout
