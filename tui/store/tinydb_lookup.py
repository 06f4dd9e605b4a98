"""What lets a TinyDB store answer a command on one filing without reading its whole index.

Beside ``index.json`` the store keeps two sorted-records files (`tui.sorted_records`), rewritten
with every index write and stamped with the index they mirror:

- ``ids.idx``: filing id -> the shard file that holds the filing;
- ``accessions.idx``: accession number -> filing id.

`form4 review ID`, `show`, `note` and `remove` resolve their filing by bisection in these (a few
pages of a small file) and read one shard: the same cost at 100k filings as at 1k. A lookup file
whose stamp is not the index's (written by an older form4, or being replaced) is not trusted: the
caller loads the index instead.

``removed.json`` lists the filings removed since the index was last written (`form4 remove`):
removing one filing must not rewrite an index of 100k. Reads leave them out; the next import,
which rewrites the index anyway, drops them from it and empties the list.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import orjson

from tui.store.atomic import store_lock, write_atomic
from tui.store.sorted_records import RecordsError, SortedRecords, encode
from tui.store.tinydb_findings import FindingsLookup
from tui.store.tinydb_state import stamp

ID_WIDTH = 16
SHARD_WIDTH = 12
ACCESSION_WIDTH = 24


class Unknown:
    """The lookup files cannot answer (missing, stale or damaged): read the index instead."""

    def __repr__(self) -> str:
        return "Unknown()"


def _stamp_text(value: tuple[int, int] | None) -> str:
    return "none" if value is None else f"{value[0]}:{value[1]}"


class Lookup:
    """The lookup files and the removed list of one store folder."""

    def __init__(self, folder: Path, index_path: Path) -> None:
        self._index_path = index_path
        self.ids_path = folder / "ids.idx"
        self.accessions_path = folder / "accessions.idx"
        self.removed_path = folder / "removed.json"
        self.findings = FindingsLookup(folder)  # findings.idx + findings.jsonl: a filing's review findings
        self._removed: frozenset[str] = frozenset()
        self._removed_stamp: tuple[int, int] | None = None
        self._removed_read = False

    # ------------------------------------------------------------------ writing (under the lock)
    def write(self, docs: Mapping[str, Mapping[str, Any]]) -> None:
        """Mirror the index just written (``docs``: its summary documents by id)."""
        label = _stamp_text(stamp(self._index_path))
        ids = ((fid, str(d.get("shard") or "-")) for fid, d in docs.items() if len(fid) <= ID_WIDTH)
        write_atomic(self.ids_path, encode(ids, label, ID_WIDTH, SHARD_WIDTH))
        accessions = (
            (str(d["accession"]), fid)
            for fid, d in docs.items()
            if d.get("accession") and len(str(d["accession"])) <= ACCESSION_WIDTH and " " not in str(d["accession"])
        )
        write_atomic(self.accessions_path, encode(accessions, label, ACCESSION_WIDTH, ID_WIDTH))
        self.findings.write_idx(docs, label)

    def rebuild(self, docs: Mapping[str, Mapping[str, Any]], index_stamp: tuple[int, int] | None, lock: Path) -> None:
        """Write the lookup files for an index read without them (a store from an earlier form4),
        if that index is still the one on disk; a read-only store simply stays without them."""
        with contextlib.suppress(OSError), store_lock(lock):
            if stamp(self._index_path) == index_stamp:
                self.write(docs)

    def mirrors_index(self) -> bool:
        """True when both lookup files were written for the index now on disk."""
        for path in (self.ids_path, self.accessions_path):
            records = self._open(path)
            if records is None:
                return False
            records.close()
        return True

    def forget(self) -> None:
        for path in (self.ids_path, self.accessions_path, self.removed_path):
            path.unlink(missing_ok=True)
        self.findings.forget()
        self._removed, self._removed_stamp, self._removed_read = frozenset(), None, False

    def add_removed(self, ids: Iterable[str]) -> None:
        self.set_removed(self.removed() | set(ids))

    def set_removed(self, ids: Iterable[str]) -> None:
        ids = sorted(set(ids))
        if not ids:
            self.removed_path.unlink(missing_ok=True)
        else:
            write_atomic(self.removed_path, orjson.dumps({"removed": ids}))
        self._removed_read = False

    # ------------------------------------------------------------------ reading
    def removed_stamp(self) -> tuple[int, int] | None:
        return stamp(self.removed_path)

    def removed(self) -> frozenset[str]:
        """The ids removed since the index was written (small: emptied by every import)."""
        current = stamp(self.removed_path)
        if not self._removed_read or current != self._removed_stamp:
            try:
                raw = orjson.loads(self.removed_path.read_bytes()) if current is not None else {}
                self._removed = frozenset(str(i) for i in raw.get("removed", ()))
            except (OSError, ValueError, AttributeError, TypeError):
                self._removed = frozenset()  # only hides filings: losing it shows them again
            self._removed_stamp, self._removed_read = current, True
        return self._removed

    def _open(self, path: Path) -> SortedRecords | None:
        """The file if it mirrors the current index, else None."""
        try:
            records = SortedRecords(path)
        except (OSError, RecordsError):
            return None
        if records.stamp != _stamp_text(stamp(self._index_path)):
            records.close()
            return None
        return records

    def resolve(self, key: str) -> str | Unknown | None:
        """A filing id from an id, an accession number or a unique id prefix (4+ characters); None
        when there is no such filing; Unknown() when the files cannot say."""
        key = key.strip()
        if not key or not key.isascii() or " " in key:
            return Unknown()
        ids = self._open(self.ids_path)
        if ids is None:
            return Unknown()
        removed = self.removed()
        with ids:
            if len(key) <= ID_WIDTH and ids.get(key) is not None:
                return None if key in removed else key
            if len(key) >= 4:
                prefix = key.lower()
                matches = [k for k, _ in ids.with_prefix(prefix, limit=len(removed) + 2) if k not in removed]
                if len(matches) == 1:
                    return matches[0]
                if len(matches) > 1:
                    return None
        if len(key) > ACCESSION_WIDTH:
            return None
        accessions = self._open(self.accessions_path)
        if accessions is None:
            return Unknown()
        with accessions:
            fid = accessions.get(key)
        return None if fid is None or fid in removed else fid

    def findings_of(self, fid: str) -> list[dict[str, Any]] | Unknown:
        """The stored findings documents of filing ``fid`` ([]: none); Unknown() when the files cannot say."""
        found = self.findings.read(fid, _stamp_text(stamp(self._index_path)))
        return Unknown() if found is None else found

    def shard(self, fid: str) -> str | Unknown | None:
        """The shard that holds filing ``fid``; None if it is not stored; Unknown() when the files cannot say."""
        ids = self._open(self.ids_path)
        if ids is None:
            return Unknown()
        with ids:
            shard = ids.get(fid) if len(fid) <= ID_WIDTH else None
        if shard is None or fid in self.removed():
            return None
        return Unknown() if shard == "-" else shard  # "-": a summary without a shard, an old store
