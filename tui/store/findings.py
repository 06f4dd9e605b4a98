"""The review checks' findings, kept with the filing summaries so that "has findings" and "findings of
kind K" filter as fast as the other list filters, for every backend.

When filings arrive, only their owner-issuer groups are checked again (`tui.checks.recheck`): the new
filings get all their findings, the other filings of those groups get their group findings (continuity,
amendment) replaced. The other filings of a group are known by their digests, kept in memory for the
life of the store object (a bulk import never reads back what it wrote); a filing stored by another
process is read once, when its group first needs it.

A bulk import into the TinyDB store settles the groups once, at its end, instead of after each batch
(`FindingsKeeper.updates` with ``defer``, then `FindingsKeeper.settle`): a filing whose neighbour came in
a later batch was compared again for every such batch (at 10,000 benchmark filings, 2.7 comparisons a
filing against 1.5, and the writing process's share of the checks 40 % less). `tui.store.tinydb_pending`
keeps the filings waiting safe across a crash.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from tui.checks import (
    GROUP_KINDS,
    Chains,
    Digest,
    Finding,
    GroupKey,
    Known,
    Ready,
    digest,
    forget,
    loader_with,
    merge_group_findings,
    place_new,
    settle_groups,
)
from tui.model import Filing

if TYPE_CHECKING:
    from tui.store.documents import Prepared


def cik(value: str | None) -> str:
    return (value or "").strip().lstrip("0")


def owner_ciks(filing: Filing) -> list[str]:
    """The reporting owners' CIKs, leading zeros dropped, for the owner-issuer groups."""
    return [c for c in (cik(o.cik) for o in filing.owners) if c]


def findings_from_doc(doc: Mapping[str, Any]) -> tuple[Finding, ...]:
    return tuple(Finding.from_dict(f) for f in doc.get("findings") or ())


#: a stored summary document's finding documents, where the document keeps only their kinds
StoredFindings = Callable[[Mapping[str, Any]], list[dict[str, Any]]]
#: (id, filing) of the stored ones of these ids (see `FindingsKeeper`)
LoadMany = Callable[[Sequence[str]], Iterable[tuple[str, Filing]]]


def finding_kinds(doc: Mapping[str, Any]) -> list[str]:
    """The kinds of a summary document's findings, one per finding: from its findings, or where a
    backend keeps the sentences apart (the TinyDB index), from its ``kinds``."""
    found = doc.get("findings")
    if found is not None:
        return [str(f.get("kind") or "") for f in found]
    return [str(k) for k in doc.get("kinds") or ()]


def stored_group_keys(issuer_cik: str | None, owner_ciks: Iterable[str]) -> set[GroupKey]:
    """A stored filing's owner-issuer groups, from its summary's CIKs (the owners' kept without their
    leading zeros: `owner_ciks`)."""
    issuer = cik(issuer_cik)
    return {(issuer, owner) for owner in owner_ciks} if issuer else set()


def _keys_of_doc(doc: Mapping[str, Any]) -> set[GroupKey]:
    return stored_group_keys(doc.get("issuer_cik"), doc.get("owner_ciks") or ())


def _entry(fid: str, item: Filing | Prepared) -> Known | Ready:
    """What `recheck` takes of a new filing: the filing, or what a worker prepared of it."""
    if isinstance(item, Filing):
        return Known(fid, item)
    if item.checked is None:
        return Known(fid, item.filing())
    return Ready(fid, item.checked, item.filing)


class FindingsKeeper:
    """Works out the findings of a batch of new filings and of the stored filings of their groups."""

    def __init__(self, stored: StoredFindings | None = None, load_many: LoadMany | None = None) -> None:
        self._stored = stored  # the findings of a stored summary that keeps only their kinds
        #: the stored filings of many ids, read at once (a store may read many faster than one by one)
        self._load_many = load_many
        self._digests: dict[str, Digest] = {}
        self._chains = Chains(self._digests)  # the groups in order, kept in step with the group index
        self._groups: dict[GroupKey, set[str]] | None = None
        self._groups_of: object = None  # the loaded index the group index was built from
        #: see `pending` (in the order they came), each with the findings it was stored with where this
        #: process stored it (so that `settle` need not read them back), else None
        self._pending: dict[str, tuple[Finding, ...] | None] = {}

    def forget(self, ids: Iterable[str] | None = None) -> None:
        """Drop the digests of filings another process stored or replaced (of all, without ``ids``)."""
        if ids is None:
            self._digests.clear()
            self._pending.clear()
        self._chains.clear()
        for fid in ids or ():
            self._digests.pop(fid, None)

    def _group_index(self, docs: Mapping[str, Mapping[str, Any]], loaded: object) -> dict[GroupKey, set[str]]:
        """(issuer, owner) -> ids, built once per loaded index (a reload: another process wrote) and kept in
        step with what this store adds."""
        if self._groups is None or self._groups_of is not loaded:
            groups: dict[GroupKey, set[str]] = defaultdict(set)
            for fid, doc in docs.items():
                for key in _keys_of_doc(doc):
                    groups[key].add(fid)
            self._groups, self._groups_of = groups, loaded
            self._chains.clear()
        return self._groups

    def updates(
        self,
        staged: Mapping[str, tuple[Filing | Prepared, dict[str, Any]]],
        docs: Mapping[str, Mapping[str, Any]],
        load: Callable[[str], Filing | None],
        loaded: object = None,
        *,
        defer: bool = False,
    ) -> dict[str, dict[str, Any]]:
        """``staged``: new filings by id with their new summary documents (given their "findings" here);
        ``docs``: the stored summary documents (``loaded``: the object they were loaded as, the same until
        the store reads them again). Returns the stored documents whose findings changed, updated.

        With ``defer`` the new filings get their own-filing findings only and wait (`pending`) for
        :meth:`settle`, which works out the group findings of every filing they touch once, however
        many batches brought them: a bulk import's batches each placed a filing before its neighbours
        arrived, and compared the same filings again and again. Without it, this call settles the
        new filings and any still waiting."""
        groups = self._group_index(docs, loaded if loaded is not None else docs)
        new = [_entry(fid, item) for fid, (item, _) in staged.items()]
        # the last batch of a bulk is settled with the filings waiting: placed as they were (each group is
        # then read once, whole), not one by one into groups read first
        later = defer or bool(self._pending)
        single: dict[str, Sequence[Finding]] = {}
        group: dict[str, Sequence[Finding]] = {}
        stored_with = {} if defer else dict(self._pending)
        joined = False
        try:
            members_of = self._members_of(groups, load, skip=staged)
            placed = place_new(new, members_of, self._chains, self._digests, later=later)
            single = placed.single
            for key, ids in placed.by_key.items():  # the new filings in the group index, by their digests
                groups[key].update(ids)
            joined = True
            if defer:
                pending = self._pending
                for fid, found in single.items():
                    pending[fid] = tuple(dict.fromkeys(found)) if found else ()
            else:
                loader = loader_with(new, load)
                # (placed later, the new ones are members of their groups like the stored ones)
                exclude = set() if later else set(staged)
                group = self._settle_pending(docs, groups, loader, placed.by_key, exclude=exclude)
        except Exception:  # a bug in a check must not stop an import: the filings are stored without findings
            self._chains.clear()
            self._pending.clear()
        finally:
            forget()
        for fid, (_, doc) in staged.items():
            own, more = single.get(fid, ()), group.get(fid)
            found = [*own, *more] if more else own
            doc["findings"] = [f.to_dict() for f in dict.fromkeys(found)] if found else []
            if not joined:
                for key in _keys_of_doc(doc):
                    groups[key].add(fid)
        return self._changed(group, docs, staged, stored_with)

    @property
    def pending(self) -> set[str]:
        """Filings stored with their own-filing findings only, whose group findings `settle` works out."""
        return set(self._pending)

    def resume(self, ids: Iterable[str]) -> None:
        """Filings a process stored and did not settle (it stopped before): settled with the next ones."""
        for fid in ids:
            self._pending.setdefault(fid, None)

    def settle(
        self, docs: Mapping[str, Mapping[str, Any]], load: Callable[[str], Filing | None], loaded: object = None
    ) -> dict[str, dict[str, Any]]:
        """The group findings of the `pending` filings (all stored by now) and of every filing they touch:
        the stored documents whose findings changed, updated."""
        if not self._pending:
            return {}
        groups = self._group_index(docs, loaded if loaded is not None else docs)
        stored_with = dict(self._pending)
        try:
            group = self._settle_pending(docs, groups, load, {}, exclude=set())
        except Exception:  # see `updates`: the filings keep their own-filing findings
            self._chains.clear()
            self._pending.clear()
            return {}
        return self._changed(group, docs, {}, stored_with)

    def _members_of(
        self, groups: Mapping[GroupKey, set[str]], load: Callable[[str], Filing | None], skip: Mapping[str, object]
    ) -> Callable[[set[GroupKey]], Iterable[Digest]]:
        digests = self._digests

        def members_of(keys: set[GroupKey]) -> Iterable[Digest]:
            found = []
            ids = {fid for key in keys for fid in groups.get(key, ())}
            if self._load_many is not None:  # the stored filings not known yet, read at once
                missing = [fid for fid in ids if fid not in digests and fid not in skip]
                if len(missing) > 1:
                    for fid, filing in self._load_many(missing):
                        digests[fid] = digest(Known(fid, filing))
            for fid in ids:
                if fid in skip:
                    continue
                entry = digests.get(fid)
                if entry is None and (entry := self._digest_of(fid, load)) is None:
                    continue
                found.append(entry)
            return found

        return members_of

    def _digest_of(self, fid: str, load: Callable[[str], Filing | None]) -> Digest | None:
        """A stored filing's digest: kept, or worked out once from the filing (None when it cannot be read)."""
        found = self._digests.get(fid)
        if found is None:
            filing = load(fid)
            if filing is None:
                return None
            found = self._digests[fid] = digest(Known(fid, filing))
        return found

    def _settle_pending(
        self,
        docs: Mapping[str, Mapping[str, Any]],
        groups: Mapping[GroupKey, set[str]],
        load: Callable[[str], Filing | None],
        by_key: Mapping[GroupKey, list[str]],
        exclude: set[str],
    ) -> dict[str, Sequence[Finding]]:
        """`settle_groups` of the filings of ``by_key`` (new, not stored yet: ``exclude``) and the pending ones."""
        # by group, the new and pending filings' digests (by id: iterated, their ids)
        wanted: dict[GroupKey, dict[str, Digest]] = defaultdict(dict)
        digests, chains = self._digests, self._chains
        for key, ids in by_key.items():
            members = wanted[key]
            for fid in ids:
                members[fid] = digests[fid]
        keys_of = chains.keys_of
        for fid in self._pending:
            # (one removed since it was stored is passed over)
            if fid not in docs:
                continue
            known = digests.get(fid)
            if known is None and (known := self._digest_of(fid, load)) is None:
                continue
            for key in keys_of(known):
                wanted[key][fid] = known
        chains.adopt(wanted, groups)  # a group whose every filing is here (a bulk's end: most) is not read
        members_of = self._members_of(groups, load, skip=dict.fromkeys(exclude))
        found = settle_groups(wanted, chains, members_of, load, exclude=exclude)
        self._pending.clear()
        return found

    def _changed(
        self,
        group: Mapping[str, Sequence[Finding]],
        docs: Mapping[str, Mapping[str, Any]],
        staged: Mapping[str, object],
        stored_with: Mapping[str, tuple[Finding, ...] | None] | None = None,
    ) -> dict[str, dict[str, Any]]:
        """The stored documents whose group findings are now ``group``'s, those that changed, updated
        (``stored_with``: the findings some were stored with, known without reading them back)."""
        changed: dict[str, dict[str, Any]] = {}
        stored_with = stored_with or {}
        for fid, found in group.items():
            kept = stored_with.get(fid)
            if kept is not None and not found:  # (most at a bulk import's end: nothing to add)
                continue
            old = docs.get(fid)
            if old is None or fid in staged:
                continue
            if kept is not None:  # stored with its own findings only: changed where the group has any
                if found:
                    changed[fid] = {**old, "findings": [f.to_dict() for f in (*kept, *dict.fromkeys(found))]}
                continue
            group_findings = tuple(dict.fromkeys(found))
            if not group_findings and GROUP_KINDS.isdisjoint(finding_kinds(old)):
                continue  # no group finding before or after: unchanged, and its stored findings are not read
            kept = findings_from_doc(
                old if "findings" in old or self._stored is None else {"findings": self._stored(old)}
            )
            merged = merge_group_findings(kept, group_findings)
            if merged != kept:
                changed[fid] = {**old, "findings": [f.to_dict() for f in merged]}
        return changed
