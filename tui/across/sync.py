"""Keeping the row index in step with a store: built once from every stored filing, saved beside the
store (TinyDB: ``<store>/cache/rows.npz``; a backend without a cache folder builds it in memory), and
brought up to date at the next open by reading only the filings that are new or replaced since.

Every backend works through the generic path: `Store.export_records` for a full build (one pass over
the documents, which the TinyDB backend reads shard by shard) and `Store.get` for a few new filings.
The cache is derived: deleting it costs one rebuild.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import orjson

from tui.across.rows import (
    FILING_INTS,
    VOCABS,
    FilingInfo,
    RowIndex,
    RowIndexBuilder,
    Vocab,
    doc_fingerprint,
    fingerprint,
)
from tui.interchange import filing_to_dict
from tui.store.api import FilingSummary, Store, StoreError
from tui.store.atomic import write_atomic
from tui.store.findings import finding_kinds

CACHE_NAME = "rows.npz"
CACHE_VERSION = 2
#: more new filings than this share of the store: one pass over every document beats one read each
FULL_BUILD_SHARE = 0.2


def open_index(store: Store) -> RowIndex:
    """The row index of every filing in the store now (from the cache, updated, and saved again if changed)."""
    summaries = store.summary_view()
    path = _cache_path(store)
    cached = _load(path) if path is not None else None
    index, changed = update(store, cached, summaries)
    if changed and path is not None:
        with contextlib.suppress(OSError):  # a cache: the next open builds it again
            save(index, path)
    return index


def update(store: Store, cached: RowIndex | None, summaries: Mapping[str, FilingSummary]) -> tuple[RowIndex, bool]:
    """``cached`` brought up to date with ``summaries``; True when anything changed."""
    keep = np.zeros(cached.filing_count if cached else 0, dtype=bool)
    findings = np.zeros(len(keep), dtype=np.int32)
    raw = getattr(summaries, "doc", None)  # the TinyDB backend's view: its documents, no FilingSummary each
    if cached is not None and callable(raw):
        for i, info in enumerate(cached.info):
            doc = raw(info.fid)
            if doc is not None and doc_fingerprint(doc) == info.fingerprint:
                keep[i] = True
                findings[i] = len(finding_kinds(doc))
    elif cached is not None:
        for i, info in enumerate(cached.info):
            summary = summaries.get(info.fid)
            if summary is not None and fingerprint(summary) == info.fingerprint:
                keep[i] = True
                findings[i] = len(summary.finding_kinds)
    kept = {cached.info[i].fid for i in np.flatnonzero(keep)} if cached is not None else set()
    new_ids = [fid for fid in summaries if fid not in kept]
    if cached is not None and not new_ids and bool(keep.all()):
        refreshed = not np.array_equal(cached.filings["findings"], findings)
        cached.filings["findings"] = findings  # findings change when a group gets a new filing
        return cached, refreshed
    builder = RowIndexBuilder()
    if cached is None or len(new_ids) > FULL_BUILD_SHARE * max(len(summaries), 1):
        cached, keep, wanted = None, keep[:0], set(summaries)
        for summary_doc, doc in store.export_records():
            fid = summary_doc["id"]
            if fid in wanted and fid in summaries:
                builder.add(summaries[fid], doc["filing"])
    else:
        cached.filings["findings"] = findings
        for fid in new_ids:
            stored = store.get(fid)
            if stored is not None:
                builder.add(summaries[fid], filing_to_dict(stored.filing))
    fresh = builder.build()
    return (combine(cached, keep, fresh) if cached is not None else fresh), True


def combine(old: RowIndex, keep: np.ndarray, new: RowIndex) -> RowIndex:
    """The filings of ``old`` where ``keep``, then every filing of ``new`` (codes mapped into old's vocabularies)."""
    maps = {}
    for name in VOCABS:
        vocab = old.vocab[name]
        maps[name] = np.array([vocab.code(w) for w in new.vocab[name].words], dtype=np.int32)
    row_keep = keep[old.rows["f"]] if len(old) else np.zeros(0, dtype=bool)
    renumber = np.cumsum(keep) - 1
    kept_filings = int(keep.sum())
    rows: dict[str, np.ndarray] = {}
    for column, values in old.rows.items():
        mine = values[row_keep]
        theirs = new.rows[column]
        if column == "f":
            mine, theirs = renumber[mine], theirs + kept_filings
        elif column in ("code", "sec", "line"):
            theirs = maps[{"code": "codes", "sec": "securities", "line": "lines"}[column]][theirs]
        rows[column] = np.concatenate([mine, theirs]).astype(values.dtype)
    filings: dict[str, np.ndarray] = {}
    for column, values in old.filings.items():
        theirs = new.filings[column]
        if column in ("ticker", "issuer", "form"):
            theirs = maps[{"ticker": "tickers", "issuer": "issuers", "form": "forms"}[column]][theirs]
        filings[column] = np.concatenate([values[keep], theirs]).astype(values.dtype)
    info = [old.info[i] for i in np.flatnonzero(keep)] + new.info
    row_at = np.cumsum(row_keep) - 1
    exact = {(c, int(row_at[r])): t for (c, r), t in old.exact_text.items() if row_keep[r]}
    offset = int(row_keep.sum())
    exact.update({(c, r + offset): t for (c, r), t in new.exact_text.items()})
    names = dict(old.issuer_names)
    names.update({int(maps["issuers"][k]): v for k, v in new.issuer_names.items()})
    return RowIndex(rows, filings, info, old.vocab, names, exact)


# ---------------------------------------------------------------------- the cache file
def _cache_path(store: Store) -> Path | None:
    folder = store.cache_folder()
    return folder / CACHE_NAME if folder is not None else None


def save(index: RowIndex, path: Path) -> None:
    meta = {
        "version": CACHE_VERSION,
        "vocab": {name: index.vocab[name].words for name in VOCABS},
        "info": [[i.fid, [list(o) for o in i.owners], i.titles, i.fingerprint] for i in index.info],
        "issuer_names": {str(k): v for k, v in index.issuer_names.items()},
        "exact": [[c, r, t] for (c, r), t in index.exact_text.items()],
    }
    arrays: dict[str, Any] = {f"r_{k}": v for k, v in index.rows.items()}
    arrays.update({f"f_{k}": v for k, v in index.filings.items()})
    arrays["meta"] = np.frombuffer(orjson.dumps(meta), dtype=np.uint8)
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, buffer.getvalue())


def _load(path: Path) -> RowIndex | None:
    """The cached index, or None when there is none (or it is unreadable: it is rebuilt)."""
    if not path.exists():
        return None
    try:
        with np.load(path, allow_pickle=False) as data:
            meta = orjson.loads(data["meta"].tobytes())
            if meta.get("version") != CACHE_VERSION:
                return None
            rows = {k[2:]: data[k] for k in data.files if k.startswith("r_")}
            filings = {k[2:]: data[k] for k in data.files if k.startswith("f_")}
    except (OSError, ValueError, KeyError, StoreError, orjson.JSONDecodeError):
        return None
    if set(filings) != set(FILING_INTS):
        return None
    info = [
        FilingInfo(fid, tuple((k, n, r) for k, n, r in owners), titles, fp) for fid, owners, titles, fp in meta["info"]
    ]
    return RowIndex(
        rows,
        filings,
        info,
        {name: Vocab(meta["vocab"][name]) for name in VOCABS},
        {int(k): v for k, v in meta["issuer_names"].items()},
        {(c, int(r)): t for c, r, t in meta["exact"]},
    )
