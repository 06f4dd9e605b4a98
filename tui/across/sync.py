"""Keeping the row index in step with a store, incrementally: built once from every stored filing, saved
beside the store (TinyDB: ``<store>/cache/rows.npz``; a backend without a cache folder keeps it in
memory), and after that brought up to date by reading only what changed.

What changed is worked out from the store's summaries alone, for every backend: the ids now against
the ids indexed, and for the ids in both the summary's fingerprint (form, date, source and its rank,
row count: what a richer source or a re-dated filing changes) against the one indexed. The filings gone
or replaced are dropped from the arrays (one boolean mask), the new or replaced ones are read
(`Store.get` each when they are few, else one pass of `Store.export_records`) and appended. Findings
counts are refreshed from `Store.list_ids` (the ids with findings) and `Store.findings_of`, because a
new filing can give an older filing of its group a finding without changing its summary otherwise.

A long read reports progress (``progress(done, total)``) and, with a cache, saves what it has every
:data:`CHECKPOINT` filings: an explorer closed during a first build of 100k filings keeps what it read.
The cache is derived: deleting it costs one rebuild.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import numpy as np

from tui.across.rows import RowIndex, RowIndexBuilder, doc_fingerprint, fingerprint
from tui.across.rows_cache import cache_path, load, save
from tui.across.rows_combine import combine
from tui.interchange import filing_to_dict
from tui.store.api import FilingSummary, ListFilter, Store
from tui.store.findings import finding_kinds

#: progress of a read: (filings read, filings to read)
Progress = Callable[[int, int], None]
#: more new filings than this share of the store: one pass over every document beats one read each
PASS_SHARE = 0.2
#: a long read saves what it has every this many filings
CHECKPOINT = 20_000
#: progress is reported every this many filings read
PROGRESS_EVERY = 500


def open_index(store: Store, progress: Progress | None = None) -> RowIndex:
    """The row index of every filing in the store now: the cached one brought up to date (and saved if it
    changed), or built."""
    path = cache_path(store)
    cached = load(path) if path is not None else None
    return refresh_index(store, cached, progress)


def refresh_index(store: Store, index: RowIndex | None, progress: Progress | None = None) -> RowIndex:
    """``index`` (None: none yet) brought up to date with the store, and saved in the cache if it changed.
    The index given is never modified (a view may be reading it): a changed one is a new object."""
    path = cache_path(store)

    def checkpoint(partial: RowIndex) -> None:
        if path is not None:
            with contextlib.suppress(OSError):  # a cache: the next open reads these filings again
                save(partial, path)

    fresh, changed = update(store, index, store.summary_view(), progress, checkpoint)
    if changed:
        checkpoint(fresh)
    return fresh


def changes(cached: RowIndex | None, summaries: Mapping[str, FilingSummary]) -> tuple[np.ndarray, list[str]]:
    """(which filings of ``cached`` are still stored as indexed, the ids to read): cheap, from the summaries."""
    if cached is None:
        return np.zeros(0, dtype=bool), list(summaries)
    fids = [info.fid for info in cached.info]
    raw = getattr(summaries, "doc", None)  # the shared summary view: documents, no FilingSummary each
    if callable(raw):
        now = [doc_fingerprint(d) if d is not None else "" for d in map(raw, fids)]
    else:
        now = [fingerprint(summaries[fid]) if fid in summaries else "" for fid in fids]
    keep = np.fromiter((a == i.fingerprint for a, i in zip(now, cached.info, strict=True)), bool, len(fids))
    if bool(keep.all()) and len(fids) == len(summaries):
        return keep, []
    kept = set(fids) if bool(keep.all()) else {fids[i] for i in np.flatnonzero(keep).tolist()}
    return keep, [fid for fid in summaries if fid not in kept]


def update(
    store: Store,
    cached: RowIndex | None,
    summaries: Mapping[str, FilingSummary],
    progress: Progress | None = None,
    checkpoint: Callable[[RowIndex], None] | None = None,
) -> tuple[RowIndex, bool]:
    """``cached`` brought up to date with ``summaries`` (a new index; ``cached`` is left as it was); True
    when anything changed."""
    keep, new_ids = changes(cached, summaries)
    index = cached if cached is not None else RowIndexBuilder().build()
    changed = cached is None or bool(new_ids) or not bool(keep.all())
    if changed:
        index = _read(store, index, keep, new_ids, summaries, progress, checkpoint)
    counts = finding_counts(store, summaries, index)
    if not np.array_equal(counts, index.filings["findings"]):
        if not changed:  # the arrays are shared with the index given: a new index around new findings
            index = RowIndex(index.rows, dict(index.filings), index.info, index.vocab, index.issuer_names,
                             index.exact_text)  # fmt: skip
        index.filings["findings"] = counts
        changed = True
    return index, changed


def _read(
    store: Store,
    index: RowIndex,
    keep: np.ndarray,
    new_ids: list[str],
    summaries: Mapping[str, FilingSummary],
    progress: Progress | None,
    checkpoint: Callable[[RowIndex], None] | None,
) -> RowIndex:
    """``index`` without the filings not kept, with ``new_ids`` read and appended."""
    builder = RowIndexBuilder()
    done, total = 0, len(new_ids)
    if progress is not None:
        progress(0, total)
    collecting = gc.isenabled()
    gc.disable()  # a million small objects and no cycles: the collector would only rescan them
    try:
        for summary, filing in _documents(store, new_ids, summaries):
            builder.add(summary, filing)
            done += 1
            if progress is not None and done % PROGRESS_EVERY == 0:
                progress(done, total)
            if checkpoint is not None and len(builder.info) >= CHECKPOINT:
                index = combine(index, keep, builder.build())
                keep = np.ones(index.filing_count, dtype=bool)
                checkpoint(index)
                builder = RowIndexBuilder()
        index = combine(index, keep, builder.build())
    finally:
        if collecting:
            gc.enable()
    if progress is not None:
        progress(total, total)
    return index


def _documents(
    store: Store, ids: list[str], summaries: Mapping[str, FilingSummary]
) -> Iterator[tuple[FilingSummary, Mapping[str, Any]]]:
    """(summary, interchange dict) of each of ``ids`` still stored."""
    if len(ids) <= PASS_SHARE * max(len(summaries), 1):
        for fid in ids:
            stored = store.get(fid)
            if stored is not None:
                yield summaries[fid], filing_to_dict(stored.filing)
        return
    wanted = set(ids)
    for summary_doc, doc in store.export_records():
        fid = summary_doc["id"]
        if fid in wanted and fid in summaries:
            yield summaries[fid], doc["filing"]


def finding_counts(store: Store, summaries: Mapping[str, FilingSummary], index: RowIndex) -> np.ndarray:
    """The number of review findings of each filing of ``index``, asked of the store for the filings that have
    any (`ListFilter.has_findings`): from the summary document (its findings, or the kinds a backend keeps in
    their place), else `Store.findings_of`."""
    counts = np.zeros(index.filing_count, dtype=np.int32)
    raw = getattr(summaries, "doc", None)
    for fid in store.list_ids(ListFilter(has_findings=True)):
        number = index.index_of(fid)
        if number is None:
            continue
        doc = raw(fid) if callable(raw) else None
        kinds = finding_kinds(doc) if doc is not None else []
        counts[number] = len(kinds) if kinds else max(1, len(store.findings_of(fid)))
    return counts
