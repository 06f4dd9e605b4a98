"""Two processes on one store: no lost review marks, and a second reader sees the first's writes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO, needs_corpus, write_variants
from tui.importer import import_paths
from tui.store import open_store

MARKER = """
import sys
from tui.store import open_store
store = open_store(sys.argv[1])
for fid in sys.argv[2].split(","):
    store.set_reviewed(fid)
    store.set_note(fid, "marked by " + sys.argv[3])
"""


@needs_corpus
def test_two_processes_marking_lose_no_marks(tmp_path: Path) -> None:
    db = tmp_path / "db"
    report = import_paths(open_store(db), write_variants(tmp_path / "files", 200))
    assert report.imported == 200
    ids = open_store(db).ids()
    first, second = ids[:100], ids[100:]
    procs = [
        subprocess.Popen([sys.executable, "-c", MARKER, str(db), ",".join(part), name], cwd=REPO)
        for part, name in ((first, "A"), (second, "B"))
    ]
    assert [p.wait(timeout=300) for p in procs] == [0, 0]
    store = open_store(db)
    assert all(store.state(fid).reviewed for fid in ids)
    assert {store.state(fid).note for fid in first} == {"marked by A"}
    assert {store.state(fid).note for fid in second} == {"marked by B"}
