"""Killing the process in the middle of a store write leaves a store that opens with every earlier
write intact, and no filing half-written."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import REPO, needs_corpus, write_variants
from tui.importer import import_paths
from tui.store import Store, open_store

ROUNDS = int(os.environ.get("FORM4_CRASH_ROUNDS", "50"))


def _spawn(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.store.crash_worker", *args],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )


def _kill_after(proc: subprocess.Popen[str], seconds: float) -> list[str]:
    """Let the child run for `seconds` after it is ready, SIGKILL it, return what it acknowledged."""
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready"
    time.sleep(seconds)
    proc.send_signal(signal.SIGKILL)
    out, _ = proc.communicate(timeout=30)
    return [line for line in out.splitlines() if line.startswith("ack")]


def _assert_whole(store_path: Path) -> Store:
    store = open_store(store_path)  # opens
    for fid in store.ids():  # every listed filing has its whole document
        stored = store.get(fid)
        assert stored is not None, f"{fid} is listed but its document is missing"
        assert stored.filing.issuer.name
    return store


@needs_corpus
def test_review_marks_survive_sigkill(tmp_path: Path) -> None:
    db = tmp_path / "db"
    import_paths(open_store(db), write_variants(tmp_path / "files", 30))
    rng = random.Random(4)
    acknowledged: dict[str, int] = {}
    for attempt in range(ROUNDS):
        acked = _kill_after(_spawn("review", str(db), str(attempt * 100_000)), rng.uniform(0.05, 0.6))
        for line in acked:
            _, fid, counter = line.split()
            acknowledged[fid] = int(counter)
        store = _assert_whole(db)
        for fid, counter in acknowledged.items():
            state = store.state(fid)
            # every acknowledged mark and note is there (a later, unacknowledged one may be too)
            assert state.reviewed, (fid, state)
            assert state.note is not None and int(state.note) >= counter, (fid, state, counter)
    assert len(acknowledged) > 10, "the children were killed before they acknowledged anything"


@needs_corpus
def test_import_killed_midway_leaves_a_whole_store(tmp_path: Path) -> None:
    db = tmp_path / "db"
    files = tmp_path / "files"
    write_variants(files, 400)  # XML only: an import of them takes about a second, the kills land all over it
    rng = random.Random(7)
    for _ in range(ROUNDS):
        _kill_after(_spawn("import", str(db), str(files)), rng.uniform(0.0, 1.0))
        store = _assert_whole(db)
        assert len(store) <= 400
    import_paths(open_store(db), [files])
    assert len(_assert_whole(db)) == 400
    leftovers = [p for p in db.rglob("*.tmp")]
    for p in leftovers:  # a temp file of a killed write may stay; it is never read
        assert p.name.startswith(".")
    shutil.rmtree(db)
