"""Where the TinyDB store keeps the review findings' sentences: apart from its index.

The index (``index.json``, rewritten whole by every import batch) keeps of each filing's findings only
what the list and its filters need: their kinds (``kinds``, one per finding) and where the findings
are (``findings_at``, "offset:length" in ``findings.jsonl``). The findings themselves are

- ``findings.jsonl``: one JSON array of finding documents a line, only ever appended to (flushed to
  disk before the index that points at the line is written, so a crash leaves at most a line that
  nothing points at); a filing whose findings change gets a new line, the old one stays, unread;
- ``findings.idx``: a sorted-records file (`tui.store.sorted_records`), filing id -> "offset:length",
  stamped with the index it mirrors like the other lookup files, so that `form4 show ID` reads a
  filing's findings without reading the index. A reader that finds it missing, stale or damaged reads
  the index instead (`Unknown`).

A store written before (format 4: the sentences in the index) is moved over once, when it is opened
(`tui.store.tinydb_format`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import orjson

from tui.store.atomic import write_atomic
from tui.store.sorted_records import RecordsError, SortedRecords, encode

ID_WIDTH = 16
PLACE_WIDTH = 24
#: the summary document's fields that stand for its findings in the index
KINDS, PLACE = "kinds", "findings_at"


class FindingsLookup:
    def __init__(self, folder: Path) -> None:
        self.idx_path = folder / "findings.idx"
        self.data_path = folder / "findings.jsonl"

    # ------------------------------------------------------------------ writing (under the store's lock)
    def append(self, found: Mapping[str, list[dict[str, Any]]]) -> dict[str, str]:
        """Append the findings of these filings (each non-empty) and flush them to disk; returns each
        filing's place."""
        places: dict[str, str] = {}
        if not found:
            return places
        with open(self.data_path, "ab") as fh:
            offset = fh.seek(0, os.SEEK_END)
            chunks = []
            for fid, findings in found.items():
                line = orjson.dumps(findings)
                places[fid] = f"{offset}:{len(line)}"
                offset += len(line) + 1
                chunks.append(line)
            fh.write(b"\n".join(chunks) + b"\n")
            fh.flush()
            os.fsync(fh.fileno())
        return places

    def rewrite(self, found: Mapping[str, list[dict[str, Any]]]) -> dict[str, str]:
        """Write the file anew with only these findings (replacing it atomically); each filing's place."""
        places: dict[str, str] = {}
        data = bytearray()
        for fid, findings in found.items():
            line = orjson.dumps(findings)
            places[fid] = f"{len(data)}:{len(line)}"
            data += line + b"\n"
        write_atomic(self.data_path, bytes(data))
        self.idx_path.unlink(missing_ok=True)  # it pointed into the old file
        return places

    def write_idx(self, docs: Mapping[str, Mapping[str, Any]], label: str) -> None:
        """Mirror the index just written (stamped ``label``): id -> place of every filing with findings."""
        places = ((fid, str(d[PLACE])) for fid, d in docs.items() if d.get(PLACE) and len(fid) <= ID_WIDTH)
        write_atomic(self.idx_path, encode(places, label, ID_WIDTH, PLACE_WIDTH))

    def forget(self) -> None:
        for path in (self.idx_path, self.data_path):
            path.unlink(missing_ok=True)

    # ------------------------------------------------------------------ reading
    def at(self, place: object) -> list[dict[str, Any]] | None:
        """The findings stored at ``place`` ("offset:length"); None when they cannot be read."""
        try:
            offset, length = (int(p) for p in str(place).split(":"))
            with open(self.data_path, "rb") as fh:
                fh.seek(offset)
                found = orjson.loads(fh.read(length))
        except (OSError, ValueError):
            return None
        return found if isinstance(found, list) else None

    def of_doc(self, doc: Mapping[str, Any]) -> list[dict[str, Any]]:
        """The findings of a summary document as the index keeps it ([] when its line cannot be read: the
        kinds stay in the index, and importing the filing's file again writes them anew)."""
        if "findings" in doc:
            return list(doc["findings"] or ())
        place = doc.get(PLACE)
        return (self.at(place) or []) if place else []

    def read(self, fid: str, label: str) -> list[dict[str, Any]] | None:
        """The findings of ``fid`` as stored ([] for none); None when findings.idx cannot say (missing, not
        stamped ``label``, damaged)."""
        try:
            with SortedRecords(self.idx_path) as records:
                if records.stamp != label:
                    return None
                place = records.get(fid) if len(fid) <= ID_WIDTH else None
        except (OSError, RecordsError):
            return None
        if place is None:
            return []
        return self.at(place)


def split_findings(summaries: Mapping[str, dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Take the findings out of the summary documents that carry them (in place), leaving their kinds;
    returns the non-empty findings by id, for :meth:`FindingsLookup.append` (then :func:`place`)."""
    found: dict[str, list[dict[str, Any]]] = {}
    for fid, doc in summaries.items():
        if "findings" not in doc:
            continue
        findings = list(doc.pop("findings") or ())
        doc.pop(PLACE, None)
        if findings:
            doc[KINDS] = [str(f.get("kind") or "") for f in findings]
            found[fid] = findings
        else:
            doc.pop(KINDS, None)
    return found


def place(summaries: Mapping[str, dict[str, Any]], places: Mapping[str, str]) -> None:
    for fid, where in places.items():
        summaries[fid][PLACE] = where


def public_doc(doc: Mapping[str, Any], lookup: FindingsLookup) -> dict[str, Any]:
    """A summary document as other backends write it: its findings in full (for copying a store)."""
    if "findings" in doc:
        return dict(doc)
    public = {k: v for k, v in doc.items() if k not in (KINDS, PLACE)}
    public["findings"] = lookup.of_doc(doc)
    return public
