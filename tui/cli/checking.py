"""`form4 check`: the reviewer's checks (late filing, holdings arithmetic and continuity, codes against
direction, 10b5-1 disclosure, amendments) on stored filings, or on files checked against the store."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text

from tui.checks.finding import KINDS
from tui.cli.common import NOT_FOUND, OK, Context, find_filing
from tui.safe_text import inert_line, json_for_terminal, shown_path

if TYPE_CHECKING:
    from tui.checks import Finding, Known
    from tui.cli.common import SubParsers
    from tui.store import FilingSummary, Store


def register(sub: SubParsers) -> None:
    p = sub.add_parser(
        "check",
        help="run the review checks on stored filings (all of them by default) or on files, against the store",
        description="Check filings as a compliance reviewer does: late filing (Rule 16a-3, business days of "
        "Rule 0-3), holdings that do not add up within a filing or from the owner's previous filing, codes "
        "against acquired/disposed, the 10b5-1 box against the footnotes, amendments linked to their "
        "originals with what changed. Without ID, FILE or FOLDER, every stored filing is checked and those with "
        "findings are printed. A file (or each file of a folder) is read and checked against the store's "
        "filings without being stored.",
    )
    p.add_argument(
        "targets",
        nargs="*",
        metavar="ID|FILE|FOLDER",
        help="a stored filing (id, accession, id prefix), a file to read, or a folder of files (walked as "
        "`form4 import` walks it)",
    )
    p.add_argument("--kind", choices=KINDS, action="append", help="only findings of this kind (may be repeated)")
    p.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help='json: one object per filing, {"id", "accession", "form", "findings": [{"kind", "message", '
        '"rows", "fields", "related"}]} (an array for several filings)',
    )
    p.set_defaults(run=run_check)


def _stored_of_groups(store: Store, keys: set[tuple[str, str]]) -> list[Known]:
    """The stored filings of these owner-issuer groups (issuer CIK, owner CIK): what a file's group checks
    compare it with (read at once: `Store.get_many`)."""
    from tui.checks import Known
    from tui.store.findings import stored_group_keys

    wanted = [s.id for s in store.summaries() if not keys.isdisjoint(stored_group_keys(s.issuer_cik, s.owner_ciks))]
    return [Known(stored.id, stored.filing) for stored in store.get_many(wanted)]


@dataclass(frozen=True, slots=True)
class Checked:
    id: str
    accession: str | None
    form: str
    ticker: str | None
    owners: tuple[str, ...]
    findings: tuple[Finding, ...]
    file: str | None = None  # the file it was read from (not stored)


def _of_summary(summary: FilingSummary) -> Checked:
    """A stored filing's findings, as the store worked them out at import."""
    return Checked(summary.id, summary.accession, summary.form, summary.ticker, summary.owners, summary.findings)


def _files(ctx: Context, files: list[tuple[str, Known]]) -> list[Checked]:
    """Files (path, filing) checked on their own and against the store's filings of their owner-issuer
    groups."""
    from tui.checks import check_all, check_filing, group_keys

    known = [k for _, k in files]
    own = {k.id for k in known}
    keys = {key for k in known for key in group_keys(k.filing)}
    stored = [k for k in _stored_of_groups(ctx.store, keys) if k.id not in own]
    results = check_all([*stored, *known], only=keys)
    return [
        Checked(
            k.id,
            k.filing.accession_number,
            k.filing.form,
            k.filing.issuer.ticker,
            k.filing.owner_names,
            results.get(k.id) or tuple(dict.fromkeys(check_filing(k.filing))),
            path,
        )
        for path, k in files
    ]


def _targets(args: argparse.Namespace, ctx: Context) -> tuple[list[Checked], int]:
    """The filings named on the command line, in order (stored ones by id, files read), and how many failed."""
    from tui.checks import Known
    from tui.readers import ReadError, read_file
    from tui.store import filing_id

    order: list[str | tuple[str, Known]] = []  # a stored filing's id, or a file's (path, filing)
    failed = 0
    for target in args.targets:
        if Path(target).exists():
            paths, unread = _files_of(ctx, target)
            failed += unread
            for path in paths:
                try:
                    filing = read_file(path)
                except ReadError as exc:
                    ctx.err.print(Text(f"{shown_path(path)}: {inert_line(str(exc))}"))
                    failed += 1
                    continue
                order.append((path, Known(filing_id(filing), filing)))
            continue
        fid = find_filing(ctx, target)
        if fid is None:
            failed += 1
            continue
        order.append(fid)
    files = _files(ctx, [entry for entry in order if not isinstance(entry, str)]) if order else []
    from_files = iter(files)
    checked = [_of_summary(ctx.store.summary(k)) if isinstance(k, str) else next(from_files) for k in order]
    return checked, failed


def _files_of(ctx: Context, target: str) -> tuple[list[str], int]:
    """The files a target names: itself, or a folder's files as `form4 import` finds them (the paths that
    cannot be walked are said, one line each, and counted)."""
    if not Path(target).is_dir():
        return [target], 0
    from tui.importer import FILING_SUFFIXES, collect

    skipped: list[str] = []
    found, failures = collect([target], skipped)
    for failure in failures:
        ctx.err.print(Text(f"{shown_path(failure.path)}: {inert_line(failure.reason)}"))
    if skipped:
        names = "/".join(sorted(FILING_SUFFIXES))
        ctx.err.print(Text(f"{shown_path(target)}: {len(skipped)} file(s) skipped (not named {names})"))
    return [shown for shown, _ in found], len(failures)


def finding_object(checked: Checked) -> dict[str, Any]:
    return {
        "id": checked.id,
        "accession": checked.accession,
        "form": checked.form,
        "findings": [f.to_dict() for f in checked.findings],
    }


def run_check(args: argparse.Namespace, ctx: Context) -> int:
    import orjson

    from tui.store import ListFilter

    kinds = set(args.kind or KINDS)
    if args.targets:
        checked, failed = _targets(args, ctx)
        if not checked:
            return NOT_FOUND
    else:  # the whole store: the filings with findings, straight from the summaries
        store = ctx.store
        checked = [_of_summary(store.summary(fid)) for fid in store.list_ids(ListFilter(has_findings=True))]
        failed = 0
    checked = [replace(c, findings=tuple(f for f in c.findings if f.kind in kinds)) for c in checked]
    if not args.targets:
        checked = [c for c in checked if c.findings]
    if args.format == "json":
        objects = [finding_object(c) for c in checked]
        # (one object for one filing named; a folder gives an array, whatever the number of its files)
        one = len(args.targets) == 1 and len(objects) == 1 and not Path(args.targets[0]).is_dir()
        payload: Any = objects[0] if one else objects
        sys.stdout.write(json_for_terminal(orjson.dumps(payload, option=orjson.OPT_INDENT_2).decode()) + "\n")
        return NOT_FOUND if failed else OK
    counts: Counter[str] = Counter()
    whole_lines = not ctx.out.is_terminal  # (into a pipe a finding is one line, for grep; a terminal wraps it)
    for c in checked:
        # (what the filer wrote, and a file's name, shown inert: no control or hidden character reaches the terminal)
        parts = (c.id, c.accession or "", f"Form {c.form}", c.ticker or "", "; ".join(c.owners))
        head = "  ".join(inert_line(p) for p in parts if p)
        if c.file is not None:
            head += f"  ({shown_path(c.file)}, not stored)"
        ctx.out.print(Text(head, style="bold"), soft_wrap=whole_lines)
        for finding in c.findings:
            counts[finding.kind] += 1
            line = Text("  ⚠ ", style="yellow")
            line.append(f"{finding.kind}: ", style="bold")
            line.append(inert_line(finding.message))
            ctx.out.print(line, soft_wrap=whole_lines)
        if not c.findings:
            ctx.out.print(Text("  no findings", style="green"))
    by_kind = ", ".join(f"{kind} {counts[kind]}" for kind in KINDS if counts[kind])
    with_findings = sum(1 for c in checked if c.findings)
    summary = f"{len(checked)} filing(s) shown, {with_findings} with findings" + (f": {by_kind}" if by_kind else "")
    ctx.out.print(Text(summary))
    return NOT_FOUND if failed else OK
