"""The row index's cache file, ``<store>/cache/rows.npz``: the arrays as they are, and one JSON document
(vocabularies, per-filing details, exact figures) beside them. Written atomically; unreadable or of
another version, it is ignored (and rebuilt)."""

from __future__ import annotations

import gc
import io
from pathlib import Path
from typing import Any

import numpy as np
import orjson

from tui.across.rows import FILING_INTS, ROW_FLOATS, ROW_INTS, VOCABS, FilingInfo, RowIndex, Vocab, newest_names
from tui.store.api import Store, StoreError
from tui.store.atomic import write_atomic

CACHE_NAME = "rows.npz"
CACHE_VERSION = 3


def cache_path(store: Store) -> Path | None:
    folder = store.cache_folder()
    return folder / CACHE_NAME if folder is not None else None


def save(index: RowIndex, path: Path) -> None:
    meta = {
        "version": CACHE_VERSION,
        "vocab": {name: index.vocab[name].words for name in VOCABS},
        "info": [[i.fid, [list(o) for o in i.owners], i.titles, i.fingerprint] for i in index.info],
        "exact": [[c, r, t] for (c, r), t in index.exact_text.items()],
    }
    arrays: dict[str, Any] = {f"r_{k}": v for k, v in index.rows.items()}
    arrays.update({f"f_{k}": v for k, v in index.filings.items()})
    arrays["meta"] = np.frombuffer(orjson.dumps(meta), dtype=np.uint8)
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, buffer.getvalue())


def load(path: Path) -> RowIndex | None:
    """The cached index, or None when there is none (or it is unreadable: it is rebuilt)."""
    if not path.exists():
        return None
    collecting = gc.isenabled()
    gc.disable()  # 100k filings' details, no cycles: the collector would rescan them while they are made
    try:
        with np.load(path, allow_pickle=False) as data:
            meta = orjson.loads(data["meta"].tobytes())
            if meta.get("version") != CACHE_VERSION:
                return None
            rows = {k[2:]: data[k] for k in data.files if k.startswith("r_")}
            filings = {k[2:]: data[k] for k in data.files if k.startswith("f_")}
        if set(filings) != set(FILING_INTS) or set(rows) != {*ROW_INTS, *ROW_FLOATS}:
            return None
        info = [FilingInfo(fid, tuple(map(tuple, owners)), titles, fp) for fid, owners, titles, fp in meta["info"]]
        vocab = {name: Vocab(meta["vocab"][name]) for name in VOCABS}
        exact = {(c, int(r)): t for c, r, t in meta["exact"]}
    except (OSError, ValueError, KeyError, TypeError, StoreError, orjson.JSONDecodeError):
        return None
    finally:
        if collecting:
            gc.enable()
    return RowIndex(rows, filings, info, vocab, newest_names(filings, vocab), exact)
