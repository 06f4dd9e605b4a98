"""Many processes on one store, on every backend: no lost mark, no lost history entry, each filing
stored once however many importers run at once."""

from __future__ import annotations

import itertools
import subprocess
import sys
from collections import Counter
from pathlib import Path

from tests.conftest import REPO, needs_corpus, write_variants
from tests.store.conftest import StoreFactory
from tui.importer import import_paths

MARKER = """
import sys
from tui.store import open_store
store = open_store(sys.argv[1], reviewer=sys.argv[3])
for fid in sys.argv[2].split(","):
    store.set_reviewed(fid)
    store.set_note(fid, "marked by " + sys.argv[3])
"""

IMPORTER = """
import sys
from tui.importer import import_paths
from tui.store import open_store
report = import_paths(open_store(sys.argv[1]), sys.argv[2:])
assert not report.failures, report.failures
"""


def _run_all(commands: list[list[str]]) -> None:
    procs = [subprocess.Popen([sys.executable, "-c", *command], cwd=REPO) for command in commands]
    assert [p.wait(timeout=600) for p in procs] == [0] * len(procs)


@needs_corpus
def test_ten_processes_marking_overlapping_filings_lose_no_mark_and_no_history(
    store_factory: StoreFactory, tmp_path: Path
) -> None:
    """10 reviewers × 100 filings each, out of 150: every filing is marked by up to 7 of them at
    nearly the same time. Every mark and note lands in the history; the final state of each filing
    is one of its reviewers' writes."""
    location = store_factory.location("db")
    assert import_paths(store_factory.open("db"), write_variants(tmp_path / "files", 150)).imported == 150
    ids = store_factory.open("db").ids()
    parts = {f"r{i}": ids[i * 5 : i * 5 + 100] for i in range(10)}
    _run_all([[MARKER, location, ",".join(part), name] for name, part in parts.items()])
    store = store_factory.open("db")
    history = store.all_history()
    assert len(history) == 2000
    assert Counter(h.reviewer for h in history) == {name: 200 for name in parts}
    for name, part in parts.items():
        mine = {(h.filing_id, h.new_note) for h in history if h.reviewer == name}
        assert {fid for fid, _ in mine} == set(part)
        assert {note for _, note in mine} >= {f"marked by {name}"}
    for fid in {f for part in parts.values() for f in part}:
        state = store.state(fid)
        assert state.reviewed and state.reviewed_by in parts
        assert state.note == f"marked by {state.note_by}"
        # each entry's "old" is the previous entry's "new": nothing was written over unseen
        entries = store.history(fid)
        for before, after in itertools.pairwise(entries):
            assert (after.old_reviewed, after.old_note) == (before.new_reviewed, before.new_note)


@needs_corpus
def test_three_importers_of_overlapping_folders_store_each_filing_once(
    store_factory: StoreFactory, tmp_path: Path
) -> None:
    files = write_variants(tmp_path / "files", 300)
    location = store_factory.location("db")
    store_factory.open("db")  # created (and on PostgreSQL, its schema) before the race
    overlapping = [files[0:200], files[100:300], files[50:250]]
    _run_all([[IMPORTER, location, *map(str, part)] for part in overlapping])
    store = store_factory.open("db")
    assert len(store) == 300
    summaries = [store.summary(i) for i in store.ids()]
    assert len({s.owners for s in summaries}) == 300  # each variant once
    again = import_paths(store, files)
    assert again.unchanged == 300 and again.imported == again.updated == 0
