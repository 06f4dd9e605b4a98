"""The review checks' findings, kept with the filing summaries so that "has findings" and "findings of
kind K" filter as fast as the other list filters, for every backend.

When filings arrive, only their owner-issuer groups are checked again (`tui.checks.recheck`): the new
filings get all their findings, the other filings of those groups get their group findings (continuity,
amendment) replaced. The other filings of a group are known by their digests, kept in memory for the
life of the store object (a bulk import never reads back what it wrote); a filing stored by another
process is read once, when its group first needs it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
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
    merge_group_findings,
    recheck,
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


def finding_kinds(doc: Mapping[str, Any]) -> list[str]:
    """The kinds of a summary document's findings, one per finding: from its findings, or where a
    backend keeps the sentences apart (the TinyDB index), from its ``kinds``."""
    found = doc.get("findings")
    if found is not None:
        return [str(f.get("kind") or "") for f in found]
    return [str(k) for k in doc.get("kinds") or ()]


def _keys_of_doc(doc: Mapping[str, Any]) -> set[GroupKey]:
    issuer = cik(doc.get("issuer_cik"))
    return {(issuer, owner) for owner in doc.get("owner_ciks") or ()} if issuer else set()


def _entry(fid: str, item: Filing | Prepared) -> Known | Ready:
    """What `recheck` takes of a new filing: the filing, or what a worker prepared of it."""
    if isinstance(item, Filing):
        return Known(fid, item)
    if item.checked is None:
        return Known(fid, item.filing())
    return Ready(fid, item.checked, item.filing)


class FindingsKeeper:
    """Works out the findings of a batch of new filings and of the stored filings of their groups."""

    def __init__(self, stored: StoredFindings | None = None) -> None:
        self._stored = stored  # the findings of a stored summary that keeps only their kinds
        self._digests: dict[str, Digest] = {}
        self._chains = Chains(self._digests)  # the groups in order, kept in step with the group index
        self._groups: dict[GroupKey, set[str]] | None = None
        self._groups_of: object = None  # the loaded index the group index was built from

    def forget(self, ids: Iterable[str] | None = None) -> None:
        """Drop the digests of filings another process stored or replaced (of all, without ``ids``)."""
        if ids is None:
            self._digests.clear()
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
    ) -> dict[str, dict[str, Any]]:
        """``staged``: new filings by id with their new summary documents (given their "findings" here);
        ``docs``: the stored summary documents (``loaded``: the object they were loaded as, the same until
        the store reads them again). Returns the stored documents whose findings changed, updated."""
        groups = self._group_index(docs, loaded if loaded is not None else docs)

        def members_of(keys: set[GroupKey]) -> Iterable[Digest]:
            for fid in {fid for key in keys for fid in groups.get(key, ())}:
                if fid in staged:
                    continue
                found = self._digests.get(fid)
                if found is None:
                    filing = load(fid)
                    if filing is None:
                        continue
                    found = self._digests[fid] = digest(Known(fid, filing))
                yield found

        new = [_entry(fid, item) for fid, (item, _) in staged.items()]
        try:
            mine, theirs = recheck(new, members_of, load, self._digests, self._chains)
        except Exception:  # a bug in a check must not stop an import: the filings are stored without findings
            mine, theirs = {}, {}
            self._chains.clear()
        finally:
            forget()
        for fid, (_, doc) in staged.items():
            doc["findings"] = [f.to_dict() for f in mine.get(fid, ())]
            for key in _keys_of_doc(doc):
                groups[key].add(fid)
        changed: dict[str, dict[str, Any]] = {}
        for fid, group_findings in theirs.items():
            old = docs.get(fid)
            if old is None or fid in staged:
                continue
            if not group_findings and GROUP_KINDS.isdisjoint(finding_kinds(old)):
                continue  # no group finding before or after: unchanged, and its stored findings are not read
            kept = findings_from_doc(
                old if "findings" in old or self._stored is None else {"findings": self._stored(old)}
            )
            merged = merge_group_findings(kept, group_findings)
            if merged != kept:
                changed[fid] = {**old, "findings": [f.to_dict() for f in merged]}
        return changed
