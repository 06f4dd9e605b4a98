"""The owner-issuer groups a store knows, kept from one import batch to the next: each group's filings
in the owner's order (sorted once, when the group is first needed, then kept sorted as filings arrive).

A new filing is placed in its group's chain by bisection and compared with its neighbours only: the
group is never sorted, grouped into ties and walked again for every batch (which cost more than all the
comparisons at 10,000 filings, and grows with the square of a group's size). The findings are those of
``holdings_continuity`` and ``amendment`` over the whole group (`tui.checks.check_group`), worked out
for the filings :func:`tui.checks.touched_by` names, no other.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from tui.checks.amendment import check_amendments
from tui.checks.digest import Digest, Order, is_original_of
from tui.checks.finding import Finding
from tui.checks.holdings_continuity import comparable_pairs, compare_filings

if TYPE_CHECKING:
    from tui.model import Filing

GroupKey = tuple[str, str]
MembersOf = Callable[[set[GroupKey]], Iterable[Digest]]
#: new filings making up at least 1/WALK_SHARE of their group's chain are found by one walk of the chain
#: (a bulk import's end: every filing new) instead of a bisection each
WALK_SHARE = 8


def digest_keys(entry: Digest) -> set[GroupKey]:
    return {(entry.issuer, owner) for owner in entry.owners if owner} if entry.issuer else set()


def _never(_: Digest) -> bool:
    return False


class Chains:
    """The known groups: for each, its filings that are not amendments as (order, id), sorted (the order
    continuity compares in), and its amendments' ids. ``digests``: every known filing's digest by id."""

    def __init__(self, digests: dict[str, Digest] | None = None) -> None:
        self.digests: dict[str, Digest] = {} if digests is None else digests
        self._chains: dict[GroupKey, list[tuple[Order, str]]] = {}
        self._amendments: dict[GroupKey, list[str]] = {}
        #: `_runs` of a group, until its chain changes (a bulk import's end asks twice per group)
        self._runs_of: dict[GroupKey, list[list[Digest]]] = {}
        #: `keys_of` each filing, with the digest they were worked out from (a digest replaced under the
        #: same id is not taken for the old one)
        self._keys: dict[str, tuple[Digest, tuple[GroupKey, ...]]] = {}

    def clear(self) -> None:
        """Forget the groups (their filings' digests stay): each is read again when next needed."""
        self._chains.clear()
        self._amendments.clear()
        self._runs_of.clear()
        self._keys.clear()

    def drop(self, keys: Iterable[GroupKey]) -> None:
        chains = self._chains
        for key in keys:
            if key in chains:  # (a bulk import drops groups mostly not read: one look-up, not three)
                del chains[key]
                self._amendments.pop(key, None)
                self._runs_of.pop(key, None)

    def keys_of(self, entry: Digest) -> tuple[GroupKey, ...]:
        """`digest_keys` of a filing, worked out once: a bulk import asks for them when it places the
        filing, when it settles it and when it reads its groups."""
        known = self._keys.get(entry.id)
        if known is not None and known[0] is entry:
            return known[1]
        keys = tuple(digest_keys(entry))
        self._keys[entry.id] = (entry, keys)
        return keys

    def ensure(self, keys: set[GroupKey], members_of: MembersOf) -> None:
        """Read the groups of ``keys`` not known yet (``members_of``: the digests of their stored filings)."""
        missing = {key for key in keys if key not in self._chains}
        if not missing:
            return
        chains: dict[GroupKey, list[tuple[Order, str]]] = {key: [] for key in missing}
        amendments: dict[GroupKey, list[str]] = {key: [] for key in missing}
        digests, keys_of = self.digests, self.keys_of
        for entry in members_of(missing):
            digests[entry.id] = entry
            for key in keys_of(entry):
                if key in missing:
                    if entry.is_amendment:
                        amendments[key].append(entry.id)
                    else:
                        chains[key].append((entry.order, entry.id))
        for key, chain in chains.items():  # (a group not known has no `_runs` either)
            chain.sort()
            self._chains[key] = chain
            amended = self._amendments[key] = amendments[key]
            amended.sort()

    def adopt(self, groups: Mapping[GroupKey, Mapping[str, Digest]], index: Mapping[GroupKey, set[str]]) -> None:
        """Know each group of ``groups`` (digests by id) not known yet that holds all the filings of the
        group (``index``: the ids of each group's filings) from those digests, without reading it
        (`ensure`): at a bulk import's end the caller has every filing of most groups at hand."""
        chains, amendments = self._chains, self._amendments
        for key, members in groups.items():
            ids = index.get(key)
            if ids is None or len(ids) != len(members) or key in chains or not ids.issuperset(members):
                continue
            if len(members) == 1:  # (most groups of a store)
                (entry,) = members.values()
                if entry.is_amendment:
                    chains[key], amendments[key] = [], [entry.id]
                else:
                    chains[key], amendments[key] = [(entry.order, entry.id)], []
                continue
            chain: list[tuple[Order, str]] = []
            amended: list[str] = []
            for entry in members.values():
                if entry.is_amendment:
                    amended.append(entry.id)
                else:
                    chain.append((entry.order, entry.id))
            chain.sort()
            amended.sort()
            chains[key], amendments[key] = chain, amended  # (a group not known has no `_runs` either)

    def place(self, entry: Digest) -> None:
        """Put a new filing in its known groups (a filing stored again under its id first leaves them)."""
        old = self.digests.get(entry.id)
        if old is not None and old is not entry:
            self._leave(old)
        self.digests[entry.id] = entry
        for key in digest_keys(entry):
            if key not in self._chains:
                continue
            self._runs_of.pop(key, None)
            if entry.is_amendment:
                if entry.id not in self._amendments[key]:
                    insort(self._amendments[key], entry.id)
            else:
                chain = self._chains[key]
                item = (entry.order, entry.id)
                at = bisect_left(chain, item)
                if at == len(chain) or chain[at] != item:
                    chain.insert(at, item)

    def _leave(self, old: Digest) -> None:
        for key in digest_keys(old):
            if key not in self._chains:
                continue
            self._runs_of.pop(key, None)
            if old.is_amendment:
                if old.id in self._amendments[key]:
                    self._amendments[key].remove(old.id)
                continue
            chain = self._chains[key]
            at = bisect_left(chain, (old.order, old.id))
            if at < len(chain) and chain[at] == (old.order, old.id):
                del chain[at]

    # ------------------------------------------------------------------ the group's order
    def _tie(self, key: GroupKey, entry: Digest) -> tuple[int, int]:
        """The slice of the group's chain holding ``entry`` and the filings that tie with it in order."""
        chain = self._chains[key]
        at = bisect_left(chain, (entry.order, entry.id))
        low = at
        while low > 0 and chain[low - 1][0] == entry.order:
            low -= 1
        high = at + 1
        while high < len(chain) and chain[high][0] == entry.order:
            high += 1
        return low, high

    def originals(self, key: GroupKey, amendment: Digest) -> list[Digest]:
        """The filings of the group that ``amendment`` amends, in the owner's order."""
        found = []
        for _, fid in self._chains[key]:
            candidate = self.digests[fid]
            if candidate.period == amendment.period and is_original_of(candidate, amendment):
                found.append(candidate)
        return found

    def touched(self, key: GroupKey, new: Iterable[str]) -> set[str]:
        """`tui.checks.touched_by` of the group, ``new`` its new filings: those, an amendment and the filings
        it amends where either is new, the filings that tie with those in order, and the filings right
        after them."""
        seed = set(new)
        if not self._compares(key):
            return seed
        chain = self._chains[key]
        amendments = self._amendments[key]
        for amendment_id in amendments:
            amendment = self.digests[amendment_id]
            originals = {o.id for o in self.originals(key, amendment)}
            if amendment_id in seed or originals & seed:
                seed |= originals | {amendment_id}
        touched = set(seed)
        if self._walked(key, len(seed)):  # many new ones (a bulk import): one walk of the chain
            if all(fid in seed for _, fid in chain):  # (a bulk import into an empty store: all of it)
                return touched
            runs = self._runs(key)
            for at, run in enumerate(runs):
                if any(d.id in seed for d in run):
                    touched.update(d.id for d in run)
                    if at + 1 < len(runs):
                        touched.update(d.id for d in runs[at + 1])
            return touched
        for fid in seed:
            entry = self.digests[fid]
            if entry.is_amendment:
                continue
            low, high = self._tie(key, entry)
            touched.update(f for _, f in chain[low:high])
            if high < len(chain):
                following = chain[high][0]
                while high < len(chain) and chain[high][0] == following:
                    touched.add(chain[high][1])
                    high += 1
        return touched

    def touched_all(self, new_by_key: Mapping[GroupKey, Iterable[str]]) -> set[str]:
        """`touched` of each group of ``new_by_key`` (all known: `ensure`), together."""
        touched: set[str] = set()
        for key, ids in new_by_key.items():
            if self._compares(key):
                touched |= self.touched(key, ids)
            else:
                touched.update(ids)
        return touched

    def _compares(self, key: GroupKey) -> bool:
        """Whether the group's filings are compared at all: not a group of one filing without amendments
        (most groups of a store), whose filing touches no other and finds nothing."""
        return bool(self._amendments[key]) or len(self._chains[key]) > 1

    def _walked(self, key: GroupKey, count: int) -> bool:
        """Whether ``count`` filings of the group are found by one walk of its chain (see WALK_SHARE)."""
        return count * WALK_SHARE >= len(self._chains[key])

    def _runs(self, key: GroupKey) -> list[list[Digest]]:
        """The group's chain as runs of filings that tie in order (most runs are one filing)."""
        runs = self._runs_of.get(key)
        if runs is None:
            digests = self.digests
            runs = self._runs_of[key] = []
            last: object = None
            for order, fid in self._chains[key]:  # (one loop, not a list made for each run: most are one filing)
                if order == last:
                    runs[-1].append(digests[fid])
                else:
                    runs.append([digests[fid]])
                    last = order
        return runs

    # ------------------------------------------------------------------ the group's findings
    def findings_of(
        self, by_key: Mapping[GroupKey, Iterable[str]], load: Callable[[str], Filing | None], touched: set[str]
    ) -> dict[str, Sequence[Finding]]:
        """The group findings of the ``touched`` filings, each present: in each group of ``by_key`` (all
        known), those of its ids there (continuity, then amendments), group after group in key order."""
        found: dict[str, Sequence[Finding]] = dict.fromkeys(touched, ())
        for key in sorted(filter(self._compares, by_key)):
            for fid, findings in self.continuity_of(key, by_key[key]).items():
                found[fid] = [*found[fid], *findings]
            if self._amendments[key]:
                for fid, findings in self.amendments(key, load, touched).items():
                    if fid in touched:
                        found[fid] = [*found[fid], *findings]
            self._forget_lines(key)
        return found

    def _forget_lines(self, key: GroupKey) -> None:
        """The group's filings keep their lines as the bytes they came as, not as what the comparisons
        made of them (`Lines.forget`): a store's process keeps every digest, and the next comparison of
        the group makes them again (a few µs a filing)."""
        digests = self.digests
        for _, fid in self._chains[key]:
            digests[fid].body.forget()
        for fid in self._amendments[key]:
            digests[fid].body.forget()

    def continuity_of(self, key: GroupKey, ids: Iterable[str]) -> dict[str, list[Finding]]:
        """`continuity` of each of ``ids`` in one group, by id, those with findings only: looked up one by one,
        or where they are a good share of the chain (a bulk import's end), in one walk of it that compares
        each filing with the one before (what `check_holdings_continuity` does over a whole group)."""
        if len(self._chains[key]) < 2:
            return {}
        wanted = ids if isinstance(ids, set) else set(ids)
        found: dict[str, list[Finding]] = {}
        if not self._walked(key, len(wanted)):
            for fid in wanted:
                if findings := self.continuity(key, self.digests[fid]):
                    found[fid] = findings
            return found
        amended = (lambda d: self._amended(key, d)) if self._amendments[key] else _never
        for previous, entry in comparable_pairs(self._runs(key), amended):
            if entry.id in wanted and (findings := compare_filings(entry, previous)):
                found[entry.id] = findings
        return found

    def continuity(self, key: GroupKey, entry: Digest) -> list[Finding]:
        """``holdings_continuity`` of one filing in one group (see `check_holdings_continuity`): against the
        filing right before it in the owner's order, unless either ties with another, the previous one is
        amended, or the two are not by the same reporting owners."""
        if entry.is_amendment:
            return []
        chain = self._chains[key]
        if len(chain) < 2:
            return []
        low, high = self._tie(key, entry)
        if high - low > 1 or low == 0:
            return []
        before_order, previous_id = chain[low - 1]
        if low >= 2 and chain[low - 2][0] == before_order:
            return []
        previous = self.digests[previous_id]
        if previous.owners != entry.owners or self._amended(key, previous):
            return []
        return compare_filings(entry, previous)

    def _amended(self, key: GroupKey, original: Digest) -> bool:
        return any(fid != original.id and is_original_of(original, self.digests[fid]) for fid in self._amendments[key])

    def amendments(
        self, key: GroupKey, load: Callable[[str], Filing | None], only: set[str]
    ) -> dict[str, list[Finding]]:
        """``amendment`` findings of the group (see `check_amendments`) for the amendments in ``only`` or
        amending a filing in it."""
        ids = self._amendments[key]
        if not ids:  # (most groups)
            return {}
        group: dict[str, Digest] = {}
        for fid in ids:
            amendment = self.digests[fid]
            group.update((o.id, o) for o in self.originals(key, amendment))
        order = sorted(group.values(), key=lambda d: (d.order, d.id))
        return check_amendments([*order, *(self.digests[fid] for fid in ids)], load, only)
