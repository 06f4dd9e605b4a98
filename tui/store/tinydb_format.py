"""The TinyDB store folder's format version (``format.json``), checked at open: a newer one is
refused, an older one is upgraded in place, under the store's lock, without touching a mark or a
note (the reviewers' files are never rewritten by an upgrade).

- 1 -> 2: every summary gets the rank of its source format;
- 2 -> 3: every summary gets the filing's Rule 10b5-1 box (``plan``), read from its shard;
- 3 -> 4: every summary gets its owners' CIKs and the review checks' findings (every filing is read once);
- 4 -> 5: the findings' sentences move out of the index into ``findings.jsonl``, the index keeps their
  kinds and where they are (`tui.store.tinydb_findings`): every import batch rewrites the index, which
  the sentences made twice as large.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import orjson

from tui.store.api import StoreError
from tui.store.atomic import AtomicJSONStorage, store_lock, write_atomic
from tui.store.policy import legacy_rank

#: the folder format this code writes; 1 is a folder without format.json (summaries without ranks)
FORMAT_VERSION = 5
INDEX_TABLE = "filings"
DOCUMENT_TABLE = "documents"


def read_format(folder: Path) -> int:
    path = folder / "format.json"
    try:
        return int(orjson.loads(path.read_bytes())["format"])
    except FileNotFoundError:
        return 1
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise StoreError(f"{path}: unreadable store format file ({exc})") from None


def check_format(folder: Path, lock: Path) -> None:
    """Refuse a store written by a newer form4; upgrade an older one in place."""
    version = read_format(folder)
    if version > FORMAT_VERSION:
        raise StoreError(
            f"{folder}: this store was written by a newer form4 (store format {version}, this form4 "
            f"reads up to {FORMAT_VERSION}); upgrade form4 to open it"
        )
    if version < FORMAT_VERSION:
        with store_lock(lock):
            if read_format(folder) < FORMAT_VERSION:
                upgrade(folder)


def upgrade(folder: Path) -> None:
    index = AtomicJSONStorage(folder / "index.json")
    try:
        raw = index.read()
        if raw:
            docs = raw.get(INDEX_TABLE, {}).values()
            for doc in docs:
                doc.setdefault("source_rank", legacy_rank(doc.get("source_format")))
            _add_plan_boxes(folder, [doc for doc in docs if "plan" not in doc])
            _add_findings(folder, [doc for doc in docs if "owner_ciks" not in doc and doc.get("shard")])
            _move_findings(folder, {doc["id"]: doc for doc in docs if "findings" in doc})
            index.write(raw)
        write_atomic(folder / "format.json", orjson.dumps({"format": FORMAT_VERSION}))
    except (ValueError, AttributeError, TypeError, KeyError) as exc:
        raise StoreError(f"{folder / 'index.json'}: the store index is damaged ({exc}); cannot upgrade it") from None
    except OSError as exc:
        raise StoreError(f"{folder}: cannot upgrade the store: {exc.strerror or exc}") from None


def _add_plan_boxes(folder: Path, summaries: list[dict[str, Any]]) -> None:
    """Each summary's ``plan`` from its filing, reading every shard once."""
    by_shard: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for doc in summaries:
        by_shard[str(doc.get("shard"))].append(doc)
    for shard, docs in by_shard.items():
        stored = AtomicJSONStorage(folder / "documents" / f"{shard}.json").read() or {}
        filings = {d["id"]: d.get("filing") or {} for d in stored.get(DOCUMENT_TABLE, {}).values()}
        for doc in docs:
            doc["plan"] = filings.get(doc["id"], {}).get("aff10b5_one")


def _add_findings(folder: Path, summaries: list[dict[str, Any]]) -> None:
    """Owner CIKs and the review checks' findings for summaries written before the checks."""
    if not summaries:
        return
    from tui.checks import Known, check_all
    from tui.store.documents import filing_from_doc
    from tui.store.findings import owner_ciks

    by_shard: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for doc in summaries:
        by_shard[str(doc.get("shard"))].append(doc)
    known = []
    for shard, docs in by_shard.items():
        stored = AtomicJSONStorage(folder / "documents" / f"{shard}.json").read() or {}
        filings = {d["id"]: d for d in stored.get(DOCUMENT_TABLE, {}).values()}
        for doc in docs:
            if doc["id"] in filings:
                filing, _ = filing_from_doc(filings[doc["id"]])
                doc["owner_ciks"] = owner_ciks(filing)
                known.append(Known(doc["id"], filing))
    found = check_all(known)
    for doc in summaries:
        doc["findings"] = [f.to_dict() for f in found.get(doc["id"], ())]


def _move_findings(folder: Path, summaries: dict[str, dict[str, Any]]) -> None:
    """The findings of the summaries (every summary of a format-4 index carries them) written to a new
    ``findings.jsonl``, before the index that points into it; the summaries keep their kinds and places."""
    from tui.store.tinydb_findings import FindingsLookup, place, split_findings

    place(summaries, FindingsLookup(folder).rewrite(split_findings(summaries)))
