"""The TinyDB store's record of the files it has imported (``sources.json``): sha256 of each file's
bytes -> the filing it gave, with the path, size and modification time that let an import skip an
unchanged file without reading it. Only a cache: losing it costs a re-read, never a filing."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from tui.store.api import Source
from tui.store.atomic import AtomicJSONStorage, store_lock
from tui.store.query import SummaryIndex
from tui.store.tinydb_state import stamp

_SOURCES_TABLE = "sources"


class SourcesFile:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._entries: dict[str, dict[str, Any]] | None = None
        self._stamp: tuple[int, int] | None = None

    def entries(self) -> dict[str, dict[str, Any]]:
        """sha256 of every file imported -> {id, path, size, mtime_ns} (read again when the file changed)."""
        current = stamp(self.path)
        if self._entries is None or current != self._stamp:
            try:
                raw = AtomicJSONStorage(self.path).read() or {}
                self._entries = {d["sha256"]: d for d in raw.get(_SOURCES_TABLE, {}).values()}
            except (OSError, ValueError, KeyError, TypeError, AttributeError):
                self._entries = {}  # only a cache: every file is read again and deduplicated by content
            self._stamp = current
        return self._entries

    def remember(self, seen: Iterable[tuple[Source, str]]) -> None:
        """Record what these files gave; the caller holds the store's lock."""
        known = self.entries()
        fresh = {}
        for source, fid in seen:
            entry: dict[str, Any] = {"sha256": source.sha256, "id": fid, "path": source.path}
            entry |= {"size": source.size, "mtime_ns": source.mtime_ns}
            old = known.get(source.sha256)
            if old is None or old["id"] != fid or (source.size is not None and old != entry):
                fresh[source.sha256] = entry
        if not fresh:
            return
        known.update(fresh)
        table = {str(n): d for n, d in enumerate(known.values(), start=1)}
        AtomicJSONStorage(self.path).write({_SOURCES_TABLE: table})
        self._stamp = stamp(self.path)

    def forget(self) -> None:
        """Drop the file and what was read of it (the store's filings are being dropped)."""
        self.path.unlink(missing_ok=True)
        self._entries = None


class SeenFiles:
    """The TinyDB store's answers about files already imported, from its ``sources.json``."""

    _sources: SourcesFile
    _lock_path: Path

    @property
    def _index(self) -> SummaryIndex:
        raise NotImplementedError

    def _document_ok(self, fid: str) -> bool:
        raise NotImplementedError

    def known_source(self, sha256: str) -> str | None:
        entry = self._sources.entries().get(sha256)
        fid = entry["id"] if entry else None
        return fid if fid is not None and fid in self._index and self._document_ok(fid) else None

    def known_hashes(self) -> frozenset[str]:
        return frozenset(
            sha for sha, d in self._sources.entries().items() if d["id"] in self._index and self._document_ok(d["id"])
        )

    def known_files(self) -> Mapping[str, tuple[int, int, str]]:
        return {
            d["path"]: (d["size"], d["mtime_ns"], sha)
            for sha, d in self._sources.entries().items()
            if d.get("path") and d.get("size") is not None and d.get("mtime_ns") is not None
        }

    def remember_sources(self, sources: Iterable[tuple[Source, str]]) -> None:
        with store_lock(self._lock_path):
            self._sources.remember(sources)
