"""The review findings of one filing without reading the TinyDB store's index (`form4 show ID --format json`).

Beside the lookup files (`tui.store.tinydb_lookup`) the store keeps

- ``findings.jsonl``: the findings of filings, one JSON array a line, only ever appended to between two
  full rewrites (a line that a later one replaces stays, unread);
- ``findings.idx``: a sorted-records file (`tui.store.sorted_records`), filing id -> "offset:length" of
  its line, for the filings that have findings, stamped with the index it mirrors like the others.

Each index write appends the lines of the filings whose findings it changed and rewrites the small idx;
the first write of a store object (or one after another process wrote) rewrites both whole. A reader that
finds the idx missing, stale or damaged reads the index instead (`Unknown`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import orjson

from tui.store.atomic import write_atomic
from tui.store.sorted_records import RecordsError, SortedRecords, encode

ID_WIDTH = 16
PLACE_WIDTH = 24


class FindingsLookup:
    def __init__(self, folder: Path) -> None:
        self.idx_path = folder / "findings.idx"
        self.data_path = folder / "findings.jsonl"
        self._places: dict[str, str] | None = None  # what this object last wrote
        self._label: str | None = None

    def write(self, docs: Mapping[str, Mapping[str, Any]], label: str, changed: Iterable[str] | None = None) -> None:
        """Mirror the index just written (stamped ``label``); ``changed``: the ids whose summaries it changed
        (None: rewrite everything)."""
        places = self._places if changed is not None and self._still_mine() else None
        if places is None:
            places, data = {}, bytearray()
            for fid, doc in docs.items():
                if doc.get("findings") and len(fid) <= ID_WIDTH:
                    line = orjson.dumps(doc["findings"])
                    places[fid] = f"{len(data)}:{len(line)}"
                    data += line + b"\n"
            write_atomic(self.data_path, bytes(data))
        else:
            assert changed is not None
            with open(self.data_path, "ab") as fh:
                offset = fh.seek(0, os.SEEK_END)
                for fid in changed:
                    found = (docs.get(fid) or {}).get("findings")
                    if not found or len(fid) > ID_WIDTH:
                        places.pop(fid, None)
                        continue
                    line = orjson.dumps(found)
                    fh.write(line + b"\n")
                    places[fid] = f"{offset}:{len(line)}"
                    offset += len(line) + 1
                fh.flush()
                os.fsync(fh.fileno())
        write_atomic(self.idx_path, encode(places.items(), label, ID_WIDTH, PLACE_WIDTH))
        self._places, self._label = places, label

    def _still_mine(self) -> bool:
        """True when the idx on disk is the one this object wrote last (no other process wrote since)."""
        if self._label is None:
            return False
        try:
            with SortedRecords(self.idx_path) as records:
                return records.stamp == self._label
        except (OSError, RecordsError):
            return False

    def read(self, fid: str, label: str) -> list[dict[str, Any]] | None:
        """The findings of ``fid`` as stored ([] for none); None when these files cannot say (missing, not
        stamped ``label``, damaged)."""
        try:
            with SortedRecords(self.idx_path) as records:
                if records.stamp != label:
                    return None
                place = records.get(fid) if len(fid) <= ID_WIDTH else None
            if place is None:
                return []
            offset, length = (int(p) for p in place.split(":"))
            with open(self.data_path, "rb") as fh:
                fh.seek(offset)
                line = fh.read(length)
            found = orjson.loads(line)
        except (OSError, RecordsError, ValueError):
            return None
        return found if isinstance(found, list) else None

    def forget(self) -> None:
        for path in (self.idx_path, self.data_path):
            path.unlink(missing_ok=True)
        self._places, self._label = None, None
