"""`form4 fetch`: filings from EDGAR into the folder you keep and the store, with a progress bar."""

from __future__ import annotations

import argparse
import textwrap
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text

from tui.cli.common import Context
from tui.safe_text import inert_line

if TYPE_CHECKING:
    from rich.progress import Task

    from tui.cli.common import SubParsers

DESCRIPTION = """\
Download Forms 3, 4 and 5 from SEC EDGAR as full-submission .txt files, keep them in a folder
(default: beside the store, <store>-filings) and import them. Filings already in the store (by
accession number) are not downloaded again, and files already in the folder are imported without
asking EDGAR again, so a re-run fetches only what is new.

  TICKER or CIK     an issuer (by ticker, through EDGAR's company tickers file, or by CIK) or a
                    reporting owner (by CIK): every Form 3/4/5 its submissions list names
  --day DATE        every Form 3/4/5 in EDGAR's daily index of that day (YYYY-MM-DD, today, yesterday;
                    FIRST..LAST for each weekday of a range; repeat --day for several)
"""

EPILOG = """\
the User-Agent rule:
{rule}

EDGAR's fair-access rules are kept: at most 10 requests in any second (--rate for fewer), retries
with exponential back-off on 429 and 5xx answers and cut connections, Retry-After honoured. A
filing that cannot be had is one line on stderr and the rest goes on; a download lands in the
folder whole or not at all.

examples:
  form4 fetch TSLA AAPL --since 2024-01-01
  form4 fetch 1494730 --forms 4 --no-amendments       a reporting owner, by CIK
  form4 fetch --day yesterday
  form4 fetch --day 2024-03-04..2024-03-08                a week of filings
  FORM4_USER_AGENT="Jane Doe jane@example.com" form4 fetch --day 2024-03-01
"""


def when(text: str) -> date:
    """A date argument: YYYY-MM-DD, or today / yesterday."""
    word = text.strip().lower()
    if word == "today":
        return date.today()
    if word == "yesterday":
        return date.today() - timedelta(days=1)
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD, today or yesterday)") from None


def days(text: str) -> tuple[date, ...]:
    """``--day``: one date, or FIRST..LAST for every weekday between them (EDGAR's index days)."""
    from tui.fetch.run import days_between

    first, dots, last = text.partition("..")
    if not dots:
        return (when(text),)
    start, end = when(first), when(last)
    if start > end:
        raise argparse.ArgumentTypeError(f"{text!r}: the first day is after the last")
    return days_between(start, end)


def forms(text: str) -> tuple[str, ...]:
    chosen = tuple(f.strip().upper().removesuffix("/A") for f in text.split(",") if f.strip())
    wrong = [f for f in chosen if f not in ("3", "4", "5")]
    if not chosen or wrong:
        raise argparse.ArgumentTypeError(f"--forms takes 3, 4 and 5, comma-separated (not {text!r})")
    return chosen


def register(sub: SubParsers) -> None:
    from tui.fetch.config import MAX_RATE, user_agent_rule

    p = sub.add_parser(
        "fetch",
        help="download filings from EDGAR (by ticker, CIK or day) and import them",
        description=DESCRIPTION,
        epilog=EPILOG.format(rule=textwrap.fill(user_agent_rule(), 98, initial_indent="  ", subsequent_indent="  ")),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("targets", nargs="*", metavar="TICKER|CIK", help="issuer tickers or CIKs, reporting-owner CIKs")
    p.add_argument(
        "--day", type=days, action="append", default=[], metavar="DATE", help="a day's filings; FIRST..LAST for a range"
    )
    p.add_argument("--since", type=when, metavar="DATE", help="filed on or after")
    p.add_argument("--until", type=when, metavar="DATE", help="filed on or before")
    p.add_argument("--forms", type=forms, default=("3", "4", "5"), metavar="3,4,5", help="which forms (default all)")
    p.add_argument(
        "--amendments", action=argparse.BooleanOptionalAction, default=True, help="also 3/A, 4/A, 5/A (default yes)"
    )
    p.add_argument("--user-agent", metavar="'NAME EMAIL'", help="who is asking (see the User-Agent rule below)")
    p.add_argument("--folder", type=Path, help="where the downloaded .txt files are kept (default: beside the store)")
    p.add_argument("--rate", type=int, default=MAX_RATE, help=f"requests a second, at most {MAX_RATE} (default)")
    p.add_argument("--edgar-url", metavar="URL", help="EDGAR's base URL (a mirror; default https://www.sec.gov)")
    p.add_argument(
        "--edgar-data-url", metavar="URL", help="the submissions host (default: --edgar-url or data.sec.gov)"
    )
    p.set_defaults(run=run_fetch)


def run_fetch(args: argparse.Namespace, ctx: Context) -> int:
    from tui.fetch.config import MAX_RATE, EdgarUrls, FetchSettings, UserAgentError, resolve_user_agent
    from tui.fetch.run import FetchRequest, fetch_filings

    try:
        user_agent = resolve_user_agent(args.user_agent)
    except UserAgentError as exc:
        ctx.err.print(Text(f"form4 fetch: {exc}"))
        return 3
    if not 1 <= args.rate <= MAX_RATE:
        ctx.err.print(Text(f"form4 fetch: --rate must be between 1 and {MAX_RATE} (EDGAR's limit)"))
        return 3
    try:
        request = FetchRequest(
            targets=tuple(args.targets),
            days=tuple(day for group in args.day for day in group),
            since=args.since,
            until=args.until,
            forms=args.forms,
            amendments=args.amendments,
        )
    except ValueError as exc:
        ctx.err.print(Text(f"form4 fetch: {exc}"))
        return 3
    urls = EdgarUrls.from_base(args.edgar_url, args.edgar_data_url) if args.edgar_url else EdgarUrls.from_env()
    settings = FetchSettings(user_agent, urls, max_rate=args.rate)
    store = ctx.store
    folder = args.folder.expanduser() if args.folder else None
    report = _with_progress(
        ctx, lambda progress: fetch_filings(store, request, settings, folder=folder, progress=progress)
    )
    for failure in report.failures:
        ctx.err.print(Text(f"failed: {inert_line(str(failure))}"))
    where = folder or _folder_of(store)
    ctx.out.print(Text(f"{report.summary()} (folder: {where})"), soft_wrap=True)
    return 1 if report.failures else 0


def _folder_of(store: object) -> Path:
    from tui.fetch.run import default_folder

    return default_folder(store)  # type: ignore[arg-type]


def _with_progress(ctx: Context, work):
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        TaskID,
        TextColumn,
        TimeElapsedColumn,
    )

    class RateColumn(ProgressColumn):
        """Filings a second, over the run so far."""

        def render(self, task: Task) -> Text:
            elapsed = task.elapsed or 0.0
            if not task.completed or elapsed <= 0:
                return Text("")
            return Text(f"{task.completed / elapsed:.1f}/s")

    labels = {"list": "listing", "download": "downloading", "import": "importing"}
    with Progress(
        TextColumn("{task.description:<11}"),
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(),
        TimeElapsedColumn(),
        console=ctx.err,
        transient=True,
        disable=not ctx.err.is_terminal,  # a log file gets the failures and the summary, not bar frames
    ) as bar:
        tasks: dict[str, TaskID] = {}

        def progress(phase: str, done: int, total: int, _detail: str) -> None:
            if phase not in tasks:
                for other in tasks.values():
                    bar.update(other, visible=False)
                tasks[phase] = bar.add_task(labels.get(phase, phase), total=total or None)
            bar.update(tasks[phase], completed=done, total=total or None)

        return work(progress)
