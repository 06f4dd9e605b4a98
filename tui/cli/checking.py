"""`form4 check`: the reviewer's checks (late filing, holdings arithmetic and continuity, codes against
direction, 10b5-1 disclosure, amendments) on stored filings, or on files checked against the store."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text

from tui.checks.finding import KINDS
from tui.cli.common import Context

if TYPE_CHECKING:
    from tui.checks import Finding, Known
    from tui.cli.common import SubParsers
    from tui.model import Filing
    from tui.store import Store


def register(sub: SubParsers) -> None:
    p = sub.add_parser(
        "check",
        help="run the review checks on stored filings (all of them by default) or on files, against the store",
        description="Check filings as a compliance reviewer does: late filing (Rule 16a-3, business days of "
        "Rule 0-3), holdings that do not add up within a filing or from the owner's previous filing, codes "
        "against acquired/disposed, the 10b5-1 box against the footnotes, amendments linked to their "
        "originals with what changed. Without ID or FILE, every stored filing is checked and those with "
        "findings are printed.",
    )
    p.add_argument(
        "targets", nargs="*", metavar="ID|FILE", help="a stored filing (id, accession, id prefix) or a file to read"
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


def _issuer(filing: Filing) -> str:
    return (filing.issuer.cik or "").strip().lstrip("0")


def _stored_of_issuers(store: Store, issuers: set[str] | None) -> list[Known]:
    """The stored filings of these issuers (all with None): what the group checks compare with."""
    from tui.checks import Known

    known = []
    for summary in list(store.summaries()):
        if issuers is not None and (summary.issuer_cik or "").strip().lstrip("0") not in issuers:
            continue
        stored = store.get(summary.id)
        if stored is not None:
            known.append(Known(stored.id, stored.filing))
    return known


def _targets(args: argparse.Namespace, ctx: Context) -> tuple[list[Known], int]:
    """The filings named on the command line (stored ones by id, files read), and how many failed."""
    from tui.checks import Known
    from tui.readers import ReadError, read_file
    from tui.store import filing_id

    found: list[Known] = []
    failed = 0
    for target in args.targets:
        if Path(target).exists():
            try:
                filing = read_file(target)
            except ReadError as exc:
                ctx.err.print(Text(f"{target}: {exc}"))
                failed += 1
                continue
            found.append(Known(filing_id(filing), filing))
            continue
        stored = ctx.store.get(target)
        if stored is None:
            ctx.err.print(Text(f"{target}: no such file, and no filing {target!r} in {ctx.store.path}"))
            failed += 1
            continue
        found.append(Known(stored.id, stored.filing))
    return found, failed


def findings_for(ctx: Context, targets: list[Known] | None) -> list[tuple[Known, tuple[Finding, ...]]]:
    """Each target (every stored filing with None) with its findings, group checks against the store."""
    from tui.checks import check_all, group_keys

    if targets is None:
        known = _stored_of_issuers(ctx.store, None)
        results = check_all(known)
        return [(k, results.get(k.id, ())) for k in known]
    own = {k.id for k in targets}
    stored = [k for k in _stored_of_issuers(ctx.store, {_issuer(k.filing) for k in targets}) if k.id not in own]
    keys = {key for k in targets for key in group_keys(k.filing)}
    results = check_all([*stored, *targets], only=keys)
    from tui.checks import check_filing

    return [(k, results.get(k.id) or tuple(dict.fromkeys(check_filing(k.filing)))) for k in targets]


def finding_object(known: Known, findings: tuple[Finding, ...]) -> dict[str, Any]:
    return {
        "id": known.id,
        "accession": known.filing.accession_number,
        "form": known.filing.form,
        "findings": [f.to_dict() for f in findings],
    }


def run_check(args: argparse.Namespace, ctx: Context) -> int:
    import orjson

    targets, failed = _targets(args, ctx)
    if args.targets and not targets:
        return 1
    checked = findings_for(ctx, targets if args.targets else None)
    kinds = set(args.kind or KINDS)
    checked = [(k, tuple(f for f in found if f.kind in kinds)) for k, found in checked]
    if not args.targets:  # the whole store: only the filings with something to say
        checked = [(k, found) for k, found in checked if found]
    if args.format == "json":
        objects = [finding_object(k, found) for k, found in checked]
        payload: Any = objects[0] if len(args.targets) == 1 and len(objects) == 1 else objects
        sys.stdout.write(orjson.dumps(payload, option=orjson.OPT_INDENT_2).decode() + "\n")
        return 1 if failed else 0
    counts: Counter[str] = Counter()
    for known, found in checked:
        filing = known.filing
        head = "  ".join(
            part
            for part in (known.id, filing.accession_number, f"Form {filing.form}", filing.issuer.ticker or "",
                         "; ".join(filing.owner_names))
            if part
        )  # fmt: skip
        ctx.out.print(Text(head, style="bold"))
        for finding in found:
            counts[finding.kind] += 1
            line = Text("  ⚠ ", style="yellow")
            line.append(f"{finding.kind}: ", style="bold")
            line.append(finding.message)
            ctx.out.print(line)
        if not found:
            ctx.out.print(Text("  no findings", style="green"))
    by_kind = ", ".join(f"{kind} {counts[kind]}" for kind in KINDS if counts[kind])
    with_findings = sum(1 for _, found in checked if found)
    ctx.out.print(
        Text(f"{len(checked)} filing(s) shown, {with_findings} with findings" + (f": {by_kind}" if by_kind else ""))
    )
    return 1 if failed else 0
