"""Item 8: a write killed mid-way leaves its temporary file; the next write removes it."""

from __future__ import annotations

import os
import time
from pathlib import Path

from tests import hostile
from tui.importer import import_paths
from tui.store import open_store


def test_next_write_removes_stale_temporary_files(tmp_path: Path) -> None:
    db = tmp_path / "db"
    store = open_store(db)
    fid = import_paths(store, [hostile.variant_xml(tmp_path, "a.xml", owner="A")]).ids[0]
    # what a kill between mkstemp and rename leaves, as an hour ago
    stale = [db / ".user_state.json.k1l2m3.tmp", db / "documents" / ".000007.json.x9y8z7.tmp"]
    fresh = db / ".index.json.fresh1.tmp"  # a write in progress right now is not touched
    for path in [*stale, fresh]:
        path.write_bytes(b"half a write")
    hour_ago = time.time() - 3600
    for path in stale:
        os.utime(path, (hour_ago, hour_ago))
    store.set_reviewed(fid)
    import_paths(store, [hostile.variant_xml(tmp_path, "b.xml", owner="B")])
    assert not [p for p in stale if p.exists()]
    assert fresh.exists()
