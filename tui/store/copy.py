"""`form4 copy-store FROM TO`: move a store between backends (TinyDB ⇄ PostgreSQL), counted and
verified: the same filings (summaries with their review findings and owner CIKs, and documents,
compared by digest), the same review states
and the same history, entry for entry."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import orjson

from tui.store.api import Store, StoreError


@dataclass(frozen=True, slots=True)
class CopyReport:
    filings: int
    states: int
    history: int

    def summary(self) -> str:
        return f"{self.filings} filings, {self.states} review states, {self.history} history entries"


def _digest(value: Any) -> str:
    return hashlib.sha256(orjson.dumps(value, option=orjson.OPT_SORT_KEYS)).hexdigest()


#: where a backend keeps a document is not part of the filing
_VOLATILE = ("shard",)


def _fingerprints(store: Store) -> Iterator[tuple[str, str]]:
    """Each filing's digest: its summary (with its findings and owner CIKs: none is written the same
    by both backends, an empty list or nothing) and its document."""
    for summary, doc in store.export_records():
        clean = {k: v for k, v in summary.items() if k not in _VOLATILE}
        clean["findings"] = list(summary.get("findings") or ())
        clean["owner_ciks"] = list(summary.get("owner_ciks") or ())
        yield summary["id"], _digest([clean, doc])


def copy_store(source: Store, target: Store) -> CopyReport:
    """Copy everything of ``source`` into the empty ``target``, then check the two agree."""
    if len(target) or target.states() or target.all_history():
        raise StoreError(f"{target.location}: the target store is not empty; copy-store only fills an empty store")
    states = dict(source.states())
    history = source.all_history()
    target.import_records(source.export_records(), states, history)
    target.refresh()
    report = CopyReport(len(source), len(states), len(history))
    verify_copy(source, target)
    return report


def verify_copy(source: Store, target: Store) -> None:
    """StoreError naming what differs, if the two stores do not hold the same filings, states and history."""
    mine, theirs = dict(_fingerprints(source)), dict(_fingerprints(target))
    if mine != theirs:
        missing = len(mine.keys() - theirs.keys())
        differ = sum(1 for k in mine.keys() & theirs.keys() if mine[k] != theirs[k])
        raise StoreError(f"{target.location}: the copy differs: {missing} filings missing, {differ} different")
    if dict(source.states()) != dict(target.states()):
        raise StoreError(f"{target.location}: the copy differs: the review states are not the same")
    if source.all_history() != target.all_history():
        raise StoreError(f"{target.location}: the copy differs: the review history is not the same")
