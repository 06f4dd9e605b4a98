"""The reviewer's checks: pure functions over the model, filing(s) in, findings out.

One module per rule: ``late_filing``, ``holdings_arithmetic``, ``code_direction`` and ``plan_10b5_1`` look
at one filing; ``holdings_continuity`` and ``amendment`` compare the filings of one owner-issuer group
(same issuer CIK, same reporting-owner CIK). :func:`check_all` runs everything over a set of filings;
:func:`group_keys` tells which groups a filing belongs to, so that a new filing recomputes only those.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from tui.checks.amendment import Change, check_amendments, diff_filings, originals_of
from tui.checks.code_direction import check_code_direction
from tui.checks.finding import KINDS, Finding, Kind, Known, RowRef
from tui.checks.holdings_arithmetic import check_holdings_arithmetic
from tui.checks.holdings_continuity import check_holdings_continuity
from tui.checks.late_filing import check_late_filing
from tui.checks.plan_10b5_1 import check_plan_10b5_1
from tui.model import Filing

__all__ = [
    "KINDS",
    "Change",
    "Finding",
    "GroupKey",
    "Kind",
    "Known",
    "RowRef",
    "check_all",
    "check_filing",
    "check_group",
    "diff_filings",
    "group_keys",
    "originals_of",
]

GroupKey = tuple[str, str]


def check_filing(filing: Filing) -> list[Finding]:
    """The checks that need only the filing itself."""
    return [
        *check_late_filing(filing),
        *check_holdings_arithmetic(filing),
        *check_code_direction(filing),
        *check_plan_10b5_1(filing),
    ]


def group_keys(filing: Filing) -> set[GroupKey]:
    """(issuer CIK, owner CIK) for each reporting owner, leading zeros dropped; empty without CIKs."""
    issuer = (filing.issuer.cik or "").strip().lstrip("0")
    if not issuer:
        return set()
    return {(issuer, (o.cik or "").strip().lstrip("0")) for o in filing.owners if (o.cik or "").strip().lstrip("0")}


def check_group(group: Sequence[Known]) -> dict[str, list[Finding]]:
    """The checks that compare the filings of one owner-issuer group."""
    found: dict[str, list[Finding]] = defaultdict(list)
    for rule in (check_holdings_continuity, check_amendments):
        for filing_id, findings in rule(group).items():
            found[filing_id] += findings
    return dict(found)


def groups_of(known: Iterable[Known]) -> dict[GroupKey, list[Known]]:
    groups: dict[GroupKey, list[Known]] = defaultdict(list)
    for entry in known:
        for key in group_keys(entry.filing):
            groups[key].append(entry)
    return groups


def check_all(known: Sequence[Known], *, only: Iterable[GroupKey] | None = None) -> dict[str, tuple[Finding, ...]]:
    """Every finding of every filing in ``known`` (ids without findings are absent).

    With ``only``, the group checks run on those groups alone, and only filings of those groups are
    returned: what a store recomputes when a filing arrives (``known`` must still hold those groups whole).
    """
    groups = groups_of(known)
    wanted = set(groups) if only is None else set(only) & set(groups)
    members = {entry.id for key in wanted for entry in groups[key]} if only is not None else None
    found: dict[str, list[Finding]] = defaultdict(list)
    for entry in known:
        if members is None or entry.id in members:
            found[entry.id] += check_filing(entry.filing)
    for key in wanted:
        for filing_id, findings in check_group(groups[key]).items():
            found[filing_id] += findings
    return {filing_id: tuple(dict.fromkeys(f)) for filing_id, f in found.items() if f}
