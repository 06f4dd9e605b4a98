"""The reviewers' own state in a TinyDB store folder: ``user_state.json`` (one document per filing:
mark, note, who and when; replaced atomically) and ``history.jsonl`` (every change, one JSON line
each, only ever appended and fsynced). Nothing but a reviewer's mark or note writes either file:
importing, re-importing or rebuilding the filings never touches them.

A change appends its history line before it writes the state, both under the store's lock: a
crash between the two leaves an entry for a change that was never acknowledged, never a change
without its entry.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import orjson
from tinydb import Query, TinyDB

from tui.store.api import HistoryEntry, ReviewState, StoreError
from tui.store.atomic import AtomicJSONStorage, append_line, read_lines, store_lock
from tui.store.documents import now_iso

_STATE_TABLE = "state"


def stamp(path: Path) -> tuple[int, int] | None:
    """(mtime, size) of a file, None if it is missing: a cheap "did it change" check."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_mtime_ns, st.st_size)


def state_from_doc(doc: dict[str, Any]) -> ReviewState:
    return ReviewState(
        reviewed=bool(doc.get("reviewed")),
        reviewed_at=doc.get("reviewed_at"),
        note=doc.get("note"),
        reviewed_by=doc.get("reviewed_by"),
        note_by=doc.get("note_by"),
        note_at=doc.get("note_at"),
    )


def history_from_doc(doc: dict[str, Any]) -> HistoryEntry:
    return HistoryEntry(
        filing_id=doc["id"],
        at=doc["at"],
        reviewer=doc.get("reviewer") or "",
        old_reviewed=bool(doc.get("old_reviewed")),
        new_reviewed=bool(doc.get("new_reviewed")),
        old_note=doc.get("old_note"),
        new_note=doc.get("new_note"),
    )


class StateFile:
    """The review state of one store folder, re-read when the file changed."""

    def __init__(self, folder: Path, lock_path: Path) -> None:
        self.path = folder / "user_state.json"
        self.history_path = folder / "history.jsonl"
        self._lock_path = lock_path
        self._states: dict[str, ReviewState] = {}
        self._stamp: tuple[int, int] | None = None
        self._read = False

    def load(self) -> dict[str, ReviewState]:
        current = stamp(self.path)
        if current != self._stamp or current is None:
            try:
                raw = AtomicJSONStorage(self.path).read() or {}
                self._states = {doc["id"]: state_from_doc(doc) for doc in raw.get(_STATE_TABLE, {}).values()}
            except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
                # never overwrite what may be the only copy of the reviewers' work: stop and say so
                raise StoreError(
                    f"{self.path}: your review marks and notes cannot be read ({exc}); the file is left "
                    "untouched — restore it from a backup or move it aside to start without marks"
                ) from None
            if not self._states and current is not None and self._history_holds_changes():
                # 0 bytes or {}: emptied by something else than a reviewer (a disk, a tool); the
                # history says marks or notes were made: never let the next mark replace it unnoticed
                raise StoreError(
                    f"{self.path}: holds no review marks or notes, but {self.history_path.name} records "
                    "changes to them: the file was emptied or damaged and is left untouched; restore it "
                    "from a backup, or move it and the history aside to start without marks"
                )
            self._stamp = current
            self._read = True
        return self._states

    def _history_holds_changes(self) -> bool:
        try:
            return os.stat(self.history_path).st_size > 0
        except OSError:
            return False

    def has_changed(self) -> bool:
        return self._read and stamp(self.path) != self._stamp

    def history(self, fid: str | None) -> list[HistoryEntry]:
        """The history of one filing (or of all with None), oldest first."""
        entries = [history_from_doc(d) for d in read_lines(self.history_path) if isinstance(d, dict) and "id" in d]
        return entries if fid is None else [e for e in entries if e.filing_id == fid]

    def set_reviewed(self, fid: str, reviewed: bool, reviewer: str) -> ReviewState:
        at = now_iso()
        changes = {"reviewed": reviewed, "reviewed_at": at if reviewed else None}
        return self._update(fid, changes | {"reviewed_by": reviewer if reviewed else None}, reviewer, at)

    def set_note(self, fid: str, note: str | None, reviewer: str) -> ReviewState:
        at = now_iso()
        return self._update(fid, {"note": note, "note_by": reviewer if note else None, "note_at": at}, reviewer, at)

    def _update(self, fid: str, changes: dict[str, Any], reviewer: str, at: str) -> ReviewState:
        with store_lock(self._lock_path):
            self._stamp = None
            self.load()  # a damaged file stops here with a clear error, before any write
            # a fresh TinyDB each time: a Table caches its next document id, which another process
            # may have used since
            table = TinyDB(self.path, storage=AtomicJSONStorage).table(_STATE_TABLE)
            current = table.get(Query().id == fid)
            doc: dict[str, Any] = {"id": fid, "reviewed": False, "reviewed_at": None, "note": None}
            if current:
                doc.update(current)
            old = state_from_doc(doc)
            doc.update(changes)
            self._append_history(fid, at, reviewer, old, state_from_doc(doc))
            if current:
                table.update(doc, doc_ids=[current.doc_id])
            else:
                table.insert(doc)
            # what we just wrote, on top of what we read under this lock: no need to read it back
            state = state_from_doc(doc)
            self._states = {**self._states, fid: state}
            self._stamp = stamp(self.path)
            return state

    def _append_history(self, fid: str, at: str, reviewer: str, old: ReviewState, new: ReviewState) -> None:
        entry = HistoryEntry(fid, at, reviewer, old.reviewed, new.reviewed, old.note, new.note)
        append_line(self.history_path, orjson.dumps(_history_doc(entry)))

    # ----------------------------------------------------------------- copying a store in
    def import_all(self, states: dict[str, ReviewState], history: Iterable[HistoryEntry]) -> None:
        """Replace the state with ``states`` and append ``history`` (copy-store into an empty store);
        the caller holds the store's lock."""
        lines = [orjson.dumps(_history_doc(e)) for e in history]
        if lines:
            append_line(self.history_path, b"\n".join(lines))
        fields = ("reviewed", "reviewed_at", "note", "reviewed_by", "note_by", "note_at")
        table = {
            str(n): {"id": fid, **{k: getattr(s, k) for k in fields}} for n, (fid, s) in enumerate(states.items(), 1)
        }
        AtomicJSONStorage(self.path).write({_STATE_TABLE: table})
        self._stamp = None


def _history_doc(e: HistoryEntry) -> dict[str, Any]:
    return {
        "id": e.filing_id, "at": e.at, "reviewer": e.reviewer, "old_reviewed": e.old_reviewed,
        "new_reviewed": e.new_reviewed, "old_note": e.old_note, "new_note": e.new_note,
    }  # fmt: skip
