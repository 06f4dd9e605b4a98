"""The progress bar of a long command (an import, a first build of the row index): on stderr, gone
when the work ends, and not drawn at all when stderr is not a terminal (a pipe or a log file gets
the command's own lines, not bar frames or a blank line)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress


def counting_bar(console: Console, label: str) -> Progress:
    """``label``, a bar, done/total and the time left; the caller starts it (``with``) and adds its task."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    return Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                    console=console, transient=True, disable=not console.is_terminal)  # fmt: skip
