"""The reviewer's checks: pure functions over the model, filing(s) in, findings out.

One module per rule: ``late_filing``, ``holdings_arithmetic``, ``code_direction`` and ``plan_10b5_1`` look
at one filing; ``holdings_continuity`` and ``amendment`` compare the filings of one owner-issuer group
(same issuer CIK, same reporting-owner CIK), working on each filing's :class:`~tui.checks.digest.Digest`.
:func:`check_all` runs everything over a set of filings; :func:`recheck` is what a store runs when
filings arrive: their groups only, the group's other filings known by their digests.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from tui.checks.amendment import Change, check_amendments, diff_filings, originals_of
from tui.checks.business_days import warm as warm_calendar
from tui.checks.chains import Chains, digest_keys
from tui.checks.code_direction import check_code_direction
from tui.checks.digest import Digest, PlainDigest, digest, digest_from_plain, plain_of
from tui.checks.finding import KINDS, Finding, Kind, Known, RowRef
from tui.checks.holdings_arithmetic import check_holdings_arithmetic
from tui.checks.holdings_continuity import check_holdings_continuity
from tui.checks.late_filing import check_late_filing
from tui.checks.plan_10b5_1 import check_plan_10b5_1
from tui.model import Filing

__all__ = [
    "GROUP_KINDS",
    "KINDS",
    "Chains",
    "Change",
    "Digest",
    "Finding",
    "GroupKey",
    "Kind",
    "Known",
    "Placed",
    "Prechecked",
    "Ready",
    "RowRef",
    "check_all",
    "check_filing",
    "check_group",
    "diff_filings",
    "digest",
    "digest_keys",
    "forget",
    "group_keys",
    "loader_with",
    "merge_group_findings",
    "originals_of",
    "place_new",
    "precheck",
    "recheck",
    "remember",
    "settle_groups",
    "touched_by",
    "warm_calendar",
]

GroupKey = tuple[str, str]
#: the kinds that compare a filing with others of its group (the rest look at the filing alone)
GROUP_KINDS: frozenset[Kind] = frozenset({"holdings_continuity", "amendment"})


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


def check_group(
    group: Sequence[Digest], load: Callable[[str], Filing | None], only: set[str] | None = None
) -> dict[str, list[Finding]]:
    """The checks that compare the filings of one owner-issuer group (``load``: a filing by id, read only
    for an amendment and its original). With ``only``, the findings of those filings are worked out (and
    maybe a few more: take those of ``only``)."""
    found: dict[str, list[Finding]] = defaultdict(list)
    for filing_id, findings in check_holdings_continuity(group, only).items():
        found[filing_id] += findings
    if any(d.is_amendment for d in group):
        for filing_id, findings in check_amendments(group, load, only).items():
            found[filing_id] += findings
    return dict(found)


def touched_by(group: Sequence[Digest], new: set[str]) -> set[str]:
    """The filings of ``group`` whose group findings may change when the ``new`` ones are in it: the new
    ones; an amendment and the filings it amends where either is new; the filings that tie in order with
    any of those; and the filings right after those in the owner's chain (their previous filing changed,
    or became amended). Every other filing keeps the findings it had: it compares with the same filing."""
    seed = {d.id for d in group if d.id in new}
    for amendment in (d for d in group if d.is_amendment):
        originals = {o.id for o in originals_of(amendment, group)}
        if amendment.id in seed or originals & seed:
            seed |= originals | {amendment.id}
    chain = sorted((d for d in group if not d.is_amendment), key=lambda d: (d.order, d.id))
    ties = [[d.id for d in tie] for _, tie in itertools.groupby(chain, key=lambda d: d.order)]
    touched = set(seed)
    for index, tie in enumerate(ties):
        if seed.intersection(tie):
            touched.update(tie)
            touched.update(ties[index + 1] if index + 1 < len(ties) else ())
    return touched


def _groups(entries: Iterable[Digest]) -> dict[GroupKey, list[Digest]]:
    groups: dict[GroupKey, list[Digest]] = defaultdict(list)
    for entry in entries:
        for key in digest_keys(entry):
            groups[key].append(entry)
    return groups


def check_all(known: Sequence[Known], *, only: Iterable[GroupKey] | None = None) -> dict[str, tuple[Finding, ...]]:
    """Every finding of every filing in ``known`` (ids without findings are absent).

    With ``only``, the group checks run on those groups alone, and only filings of those groups are
    returned (``known`` must hold those groups whole).
    """
    digests = {entry.id: digest(entry) for entry in known}
    filings = {entry.id: entry.filing for entry in known}
    groups = _groups(digests.values())
    wanted = set(groups) if only is None else set(only) & set(groups)
    members = {d.id for key in wanted for d in groups[key]} if only is not None else None
    found: dict[str, list[Finding]] = defaultdict(list)
    for entry in known:
        if members is None or entry.id in members:
            found[entry.id] += check_filing(entry.filing)
    for key in wanted:
        for filing_id, findings in check_group(groups[key], filings.get).items():
            found[filing_id] += findings
    return {filing_id: tuple(dict.fromkeys(f)) for filing_id, f in found.items() if f}


class Ready(NamedTuple):
    """A new filing whose own findings and digest were worked out where it was read (:func:`precheck`, in
    an import worker): the filing itself is read back (``load``) only if an amendment check needs it. (A
    named tuple: an import makes one for every filing, and a frozen dataclass sets its fields one by one.)"""

    id: str
    checked: Prechecked
    load: Callable[[], Filing]


def recheck(
    new: Sequence[Known | Ready],
    members_of: Callable[[set[GroupKey]], Iterable[Digest]],
    load: Callable[[str], Filing | None],
    digests: dict[str, Digest] | None = None,
    chains: Chains | None = None,
) -> tuple[dict[str, tuple[Finding, ...]], dict[str, tuple[Finding, ...]]]:
    """What a store recomputes when ``new`` filings arrive: in their owner-issuer groups, the filings whose
    group findings may change (:func:`touched_by`: the new ones, their neighbours in the owner's chain,
    linked amendments and originals), no other.

    ``members_of(keys)`` gives the digests of the stored filings of those groups, ``load`` a stored filing
    by id (only an amendment's original is read). Returns (every finding of each new filing, the group
    findings of each touched stored filing): the latter replace the stored filings' findings of
    :data:`GROUP_KINDS` (see :func:`merge_group_findings`); every touched id is present, the other stored
    filings keep theirs. A joint filing's group findings come from each of its groups, so a touched
    filing is checked in each of its groups, one level out. The new filings' digests are put in
    ``digests`` when given. ``chains``: the groups as a store keeps them from one batch to the next
    (`tui.checks.chains`), updated here; without it the groups are read for this call alone.

    It is :func:`place_new` then :func:`settle_groups`; a store may place the filings of many batches
    and settle their groups once (a bulk import: each filing's group findings worked out once).
    """
    if chains is None:
        chains = Chains()
    placed = place_new(new, members_of, chains, digests)
    group = settle_groups(placed.by_key, chains, members_of, loader_with(new, load), exclude=set(placed.single))
    mine = {fid: tuple(dict.fromkeys([*own, *group.get(fid, ())])) for fid, own in placed.single.items()}
    theirs = {fid: tuple(dict.fromkeys(found)) for fid, found in group.items() if fid not in placed.single}
    return mine, theirs


def loader_with(new: Sequence[Known | Ready], load: Callable[[str], Filing | None]) -> Callable[[str], Filing | None]:
    """A filing by id: one of ``new`` (a `Ready` one read back from what its worker prepared, once), else
    ``load``'s (stored)."""
    filings = {entry.id: entry.filing for entry in new if isinstance(entry, Known)}
    lazy = {entry.id: entry.load for entry in new if isinstance(entry, Ready)}

    def loader(fid: str) -> Filing | None:
        if fid not in filings and fid in lazy:
            filings[fid] = lazy[fid]()
        return filings[fid] if fid in filings else load(fid)

    return loader


@dataclass(frozen=True, slots=True)
class Placed:
    """New filings placed in their groups' chains: each one's own-filing findings, and their ids by group."""

    single: dict[str, Sequence[Finding]]
    by_key: dict[GroupKey, list[str]]


def place_new(
    new: Sequence[Known | Ready],
    members_of: Callable[[set[GroupKey]], Iterable[Digest]],
    chains: Chains,
    digests: dict[str, Digest] | None = None,
    *,
    later: bool = False,
) -> Placed:
    """Put ``new`` filings in ``chains`` (their groups read first where not known: ``members_of``, the
    stored filings' digests) and work out their own-filing findings; their group findings are left to
    :func:`settle_groups`. With ``later`` their groups are only forgotten, to be read whole (one sort
    each) when settled: a bulk import settles once, and placing its filings one by one in chains that
    hold thousands cost more than the sort."""
    fresh: dict[str, Digest] = {}
    single: dict[str, Sequence[Finding]] = {}
    new_by_key: dict[GroupKey, list[str]] = defaultdict(list)
    keys_of = chains.keys_of  # (worked out once: the store asks again when it settles them)
    for entry in new:
        fid = entry.id
        pre = entry.checked if isinstance(entry, Ready) else recall(entry.filing)
        if pre is None:
            assert isinstance(entry, Known)
            fresh[fid] = entry_digest = digest(entry)
            single[fid] = check_filing(entry.filing)
        else:
            fresh[fid] = entry_digest = digest_from_plain(pre[1], fid)
            single[fid] = pre[0]
        for key in keys_of(entry_digest):
            new_by_key[key].append(fid)
    if later:
        chains.drop(key for fid in fresh if (old := chains.digests.get(fid)) is not None for key in keys_of(old))
        chains.drop(new_by_key)
        chains.digests.update(fresh)
    else:
        chains.ensure(set(new_by_key), lambda wanted: (d for d in members_of(wanted) if d.id not in fresh))
        for entry_digest in fresh.values():
            chains.place(entry_digest)  # (a filing stored again leaves its old place first)
    if digests is not None and digests is not chains.digests:
        digests.update(fresh)
    return Placed(single, dict(new_by_key))


def settle_groups(
    new_by_key: Mapping[GroupKey, Iterable[str]],
    chains: Chains,
    members_of: Callable[[set[GroupKey]], Iterable[Digest]],
    load: Callable[[str], Filing | None],
    exclude: set[str] | None = None,
) -> dict[str, Sequence[Finding]]:
    """The group findings of every filing that the new ones (placed in ``chains``, by group) touch
    (:func:`touched_by`), each touched id present. ``exclude``: ids that ``members_of`` must not give
    (the new filings when they are not stored yet); ``load``: a filing by id, for an amendment check."""
    skip = exclude or set()

    def stored(wanted: set[GroupKey]) -> Iterable[Digest]:
        return (d for d in members_of(wanted) if d.id not in skip) if skip else members_of(wanted)

    chains.ensure(set(new_by_key), stored)
    touched = chains.touched_all(new_by_key)
    # each touched filing in all its groups: the new ones are in ``new_by_key`` under every one of theirs
    by_key: dict[GroupKey, Iterable[str]] = dict(new_by_key)
    more: dict[GroupKey, list[str]] = {}
    for fid in touched.difference(*new_by_key.values()):
        for key in chains.keys_of(chains.digests[fid]):
            ids = more.get(key)
            if ids is None:
                ids = more[key] = list(by_key.get(key, ()))
            ids.append(fid)
    # a touched joint filing's other groups are read too
    chains.ensure(set(more).difference(by_key), stored)
    by_key.update(more)
    return chains.findings_of(by_key, load, touched)


#: what `precheck` worked out in a worker process, by the filing it was worked out for (see `remember`)
Prechecked = tuple[tuple[Finding, ...], PlainDigest]
_prechecked: dict[int, tuple[Filing, Prechecked]] = {}


def precheck(filing: Filing) -> Prechecked:
    """The part of the checks that needs only the filing (its own findings and its digest as plain values,
    without an id: `tui.checks.digest.plain_of`): an importer works it out in the worker process that read
    the filing, and the store's process makes the digest (`digest_from_plain`) under the filing's id."""
    return tuple(check_filing(filing)), plain_of(filing)


def remember(filing: Filing, pre: Prechecked) -> None:
    """Keep what a worker worked out for ``filing`` (this very object) until `recheck` takes it."""
    _prechecked[id(filing)] = (filing, pre)


def recall(filing: Filing) -> Prechecked | None:
    entry = _prechecked.pop(id(filing), None)
    return entry[1] if entry is not None and entry[0] is filing else None


def forget() -> None:
    """Drop what was remembered and not taken (filings a batch did not store)."""
    _prechecked.clear()


def merge_group_findings(kept: Sequence[Finding], group: Sequence[Finding]) -> tuple[Finding, ...]:
    """A stored filing's findings after its group was rechecked: its own-filing findings stay, the group
    findings are the new ones."""
    return (*(f for f in kept if f.kind not in GROUP_KINDS), *group)
