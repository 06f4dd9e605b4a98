"""The query logic over filing summaries, shared by every backend: the newest-first order, id
resolution, the insider-name search (an in-memory `tui.names.NameIndex`) and the list filters.

A backend loads its summary documents (see `tui.store.documents.summary_doc`) into a
:class:`SummaryIndex` and answers reads from it; derived structures (order, lookups, the name
index) are built when first needed, not on open.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from tui.store.api import FilingSummary, ListFilter, ReviewState
from tui.store.findings import finding_kinds
from tui.store.policy import stored_rank

if TYPE_CHECKING:
    from tui.names import NameIndex


#: the finding documents of a summary document that keeps only their kinds (see `SummaryIndex`)
FindingsSource = Callable[[Mapping[str, Any]], list[dict[str, Any]]]


def summary_of(doc: Mapping[str, Any], findings: FindingsSource | None) -> FilingSummary:
    """The summary of a document, its findings read from ``findings`` where it keeps only their kinds."""
    if findings is not None and "findings" not in doc and doc.get("kinds"):
        return FilingSummary.from_doc(doc, findings(doc))
    return FilingSummary.from_doc(doc)


class SummaryView(Mapping[str, FilingSummary]):
    """Read-only summaries of one snapshot of the index, each built when it is looked up: handing
    100k filings to the list costs nothing until a row is drawn."""

    __slots__ = ("_docs", "_findings")

    def __init__(self, docs: dict[str, dict[str, Any]], findings: FindingsSource | None = None) -> None:
        self._docs = docs
        self._findings = findings

    def __getitem__(self, fid: str) -> FilingSummary:
        return summary_of(self._docs[fid], self._findings)

    def __contains__(self, fid: object) -> bool:
        return fid in self._docs

    def doc(self, fid: str) -> Mapping[str, Any] | None:
        """The summary document itself (read-only), for a caller that needs a field or two of 100k
        summaries without building each `FilingSummary`."""
        return self._docs.get(fid)

    def __iter__(self) -> Iterator[str]:
        return iter(self._docs)

    def __len__(self) -> int:
        return len(self._docs)


class SummaryIndex:
    """Summary documents by filing id, with what the reads need derived lazily. A document keeps its
    findings (``findings``), or only their kinds (``kinds``) with ``findings_source`` to read them."""

    def __init__(
        self, docs: dict[str, dict[str, Any]] | None = None, findings_source: FindingsSource | None = None
    ) -> None:
        self.docs: dict[str, dict[str, Any]] = docs if docs is not None else {}
        self.findings_source = findings_source
        self._order: list[str] | None = list(self.docs) if is_newest_first(self.docs) else None
        self._lookups: tuple[dict[str, str], dict[str, str]] | None = None
        self._names: NameIndex | None = None
        # kind ("" for any) -> the ids with such findings, newest first, and as a set
        self._findings: dict[str, tuple[list[str], set[str]]] | None = None

    def __len__(self) -> int:
        return len(self.docs)

    def __contains__(self, fid: object) -> bool:
        return fid in self.docs

    def ids(self) -> list[str]:
        """Every filing id, newest first (then by id, descending)."""
        if self._order is None:
            docs = self.docs
            self._order = sorted(docs, key=self._sort_key, reverse=True)
        return self._order

    def summary(self, fid: str) -> FilingSummary:
        return summary_of(self.docs[fid], self.findings_source)

    def view(self) -> SummaryView:
        return SummaryView(self.docs, self.findings_source)

    def lookups(self) -> tuple[dict[str, str], dict[str, str]]:
        """accession -> id and content key -> id, built when first needed."""
        if self._lookups is None:
            docs = self.docs
            self._lookups = (
                {d["accession"]: fid for fid, d in docs.items() if d.get("accession")},
                {d["content_key"]: fid for fid, d in docs.items() if d.get("content_key")},
            )
        return self._lookups

    def stored_info(self, fid: str) -> tuple[str | None, int] | None:
        """(accession, source rank) of a stored filing, for `tui.store.policy.plan_batch`."""
        doc = self.docs.get(fid)
        if doc is None:
            return None
        return doc.get("accession"), stored_rank(int(doc.get("source_rank") or 0), doc.get("source_format"))

    def resolve(self, key: str) -> str | None:
        key = key.strip()
        if key in self.docs:
            return key
        by_accession = self.lookups()[0]
        if key in by_accession:
            return by_accession[key]
        if len(key) >= 4:
            prefix = key.lower()
            matches = [i for i in self.docs if i.startswith(prefix)]
            if len(matches) == 1:
                return matches[0]
        return None

    def tickers(self) -> list[str]:
        return sorted({doc["ticker"] for doc in self.docs.values() if doc.get("ticker")})

    def put(self, summaries: Mapping[str, dict[str, Any]]) -> None:
        """Add or replace summaries, keeping the lookups in step; the docs stay newest first. Only the
        summaries that are new or whose place changed are sorted, then merged into the order (an import
        puts a batch into an index of 100k: sorting it all again took a quarter of a second a batch)."""
        by_accession, by_content = self.lookups()
        order = self.ids()
        docs = self.docs
        placed: list[str] = []  # new, or with another date than before
        moved = False  # a stored one among them
        for fid, doc in summaries.items():
            old = docs.get(fid)
            if old is not None:
                by_content.pop(old.get("content_key") or "", None)
                if (old.get("date") or "") != (doc.get("date") or ""):
                    placed.append(fid)
                    moved = True
            else:
                placed.append(fid)
            docs[fid] = doc
            if doc.get("accession"):
                by_accession[doc["accession"]] = fid
            if doc.get("content_key"):
                by_content[doc["content_key"]] = fid
        if placed:
            moving = set(placed)
            kept = [fid for fid in order if fid not in moving] if moved else order
            merged = _merge_newest_first(kept, sorted(placed, key=self._sort_key, reverse=True), self._sort_key)
            self.docs = {fid: docs[fid] for fid in merged}
            self._order = merged
        self._names = None
        self._findings = None

    def _sort_key(self, fid: str) -> tuple[str, str]:
        return self.docs[fid].get("date") or "", fid

    # ------------------------------------------------------------------ search and filters
    def build_name_index(self) -> None:
        """The insider-name index, and the findings index with it (the explorer builds both in the
        background once the list shows, so neither the first search nor the first filter waits)."""
        self._findings_index()
        if self._names is None:
            from tui.names import NameIndex  # rapidfuzz: loaded by the first search, not by a command on one filing

            index = NameIndex()
            collecting = gc.isenabled()
            gc.disable()  # many small objects and no cycles: the collector would only rescan them
            try:
                for fid, doc in self.docs.items():
                    index.add(fid, doc.get("owners") or ())
            finally:
                if collecting:
                    gc.enable()
            self._names = index

    def search_ids(self, name: str) -> list[str]:
        """Ids whose insider names match ``name``, best match first, then newest."""
        self.build_name_index()
        assert self._names is not None
        scores = self._names.search(name)
        docs = self.docs
        return sorted(scores, key=lambda i: (-scores[i], _neg_date(docs[i].get("date") or ""), i))

    def list_ids(
        self, flt: ListFilter | None, states: Mapping[str, ReviewState] | None = None, reviewer: str = ""
    ) -> list[str]:
        """Ids matching every given filter, newest first (best name match first with a name).
        ``states`` is needed for the review filters, ``reviewer`` for "reviewed by me/others"."""
        flt = flt or ListFilter()
        candidates = self.search_ids(flt.name) if flt.name else self.ids()
        if flt.has_findings is not None or flt.finding_kind:
            candidates = self._with_findings(candidates, flt.has_findings, flt.finding_kind, every=not flt.name)
            flt = replace(flt, has_findings=None, finding_kind=None)
        if flt == ListFilter(name=flt.name):
            return list(candidates)
        states = states or {}
        ticker = flt.ticker.upper() if flt.ticker else None
        form = flt.form.upper() if flt.form else None
        code = flt.code.upper() if flt.code else None
        since = flt.since.isoformat() if flt.since else None
        until = flt.until.isoformat() if flt.until else None
        by = flt.reviewed_by
        out = []
        for fid in candidates:
            doc = self.docs[fid]
            if ticker and (doc.get("ticker") or "").upper() != ticker:
                continue
            if form and (doc.get("form") or "").upper() != form:
                continue
            if code and code not in (doc.get("codes") or ()):
                continue
            if flt.plan is not None and bool(doc.get("plan")) != flt.plan:
                continue
            state = states.get(fid)
            reviewed = state is not None and state.reviewed
            if flt.reviewed is not None and reviewed != flt.reviewed:
                continue
            if by is not None and not _reviewed_by(by, reviewed, state, reviewer):
                continue
            day = (doc.get("date") or "")[:10]
            if (since and day < since) or (until and day > until):
                continue
            out.append(fid)
        return out

    def _findings_index(self) -> dict[str, tuple[list[str], set[str]]]:
        """The ids of filings with review-check findings, by kind, kept until the summaries change. Most
        filings have none: their summary is passed over on one look (at 100,000 summaries the first
        filter waited for this pass)."""
        if self._findings is None:
            docs = self.docs
            with_any: list[str] = []
            by_kind: dict[str, list[str]] = {}
            for fid in self.ids():  # newest first: each list is in the list's order
                doc = docs[fid]
                if "kinds" not in doc and "findings" not in doc:  # (the TinyDB index keeps only the kinds)
                    continue
                kinds = finding_kinds(doc)
                if not kinds:
                    continue
                with_any.append(fid)
                for kind in kinds if len(kinds) == 1 else dict.fromkeys(kinds):
                    found = by_kind.get(kind)
                    if found is None:
                        by_kind[kind] = [fid]
                    else:
                        found.append(fid)
            index = {kind: (ids, set(ids)) for kind, ids in by_kind.items()}
            if with_any:
                index[""] = (with_any, set(with_any))
            self._findings = index
        return self._findings

    def _with_findings(self, candidates: list[str], has: bool | None, kind: str | None, every: bool) -> list[str]:
        """The candidates with (or without) review-check findings, of ``kind`` if given. ``every``: the
        candidates are every id, newest first; then the answer is a kept list (no pass over every id)."""
        found = self._findings_index()
        none: tuple[list[str], set[str]] = ([], set())
        if kind:
            if has is False:
                return []
            ids, members = found.get(kind, none)
            return list(ids) if every else [i for i in candidates if i in members]
        ids, members = found.get("", none)
        if has:
            return list(ids) if every else [i for i in candidates if i in members]
        return [i for i in candidates if i not in members]


def _reviewed_by(by: str, reviewed: bool, state: ReviewState | None, reviewer: str) -> bool:
    if by == "nobody":
        return not reviewed
    if not reviewed or state is None:
        return False
    mine = (state.reviewed_by or "") == reviewer
    return mine if by == "me" else not mine


def is_newest_first(docs: Mapping[str, Mapping[str, Any]]) -> bool:
    """True when the documents are already in the order of :meth:`SummaryIndex.ids`."""
    previous: tuple[str, str] | None = None
    for fid, doc in docs.items():
        current = (doc.get("date") or "", fid)
        if previous is not None and current > previous:
            return False
        previous = current
    return True


def _neg_date(iso: str) -> tuple[int, ...]:
    """Sort key that puts later ISO dates first."""
    return tuple(-ord(c) for c in iso)


def _merge_newest_first(order: list[str], new: list[str], key: Callable[[str], tuple[str, str]]) -> list[str]:
    """``order`` and ``new`` (both newest first, no id in both) as one list newest first: each new id's
    place found by bisection, the runs between copied whole."""
    merged: list[str] = []
    lo = 0
    for fid in new:
        k = key(fid)
        hi = len(order)
        start = lo
        while lo < hi:
            mid = (lo + hi) // 2
            if key(order[mid]) > k:
                lo = mid + 1
            else:
                hi = mid
        merged += order[start:lo]
        merged.append(fid)
    merged += order[lo:]
    return merged
