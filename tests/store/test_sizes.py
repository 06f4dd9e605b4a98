"""Item 7: import batches and shards are sized by bytes, not only by count: big filings are never
held or stored together."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import hostile
from tui import importer
from tui.store import open_store, tinydb_store


def test_big_filings_get_shards_of_their_own_and_batches_are_cut_by_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tinydb_store, "SHARD_BYTES", 256 * 1024)
    monkeypatch.setattr(importer, "BATCH_BYTES", 256 * 1024)
    files = [hostile.big_xml(tmp_path, f"big-{n}.xml", rows=600, owner=f"Big {n}") for n in range(3)]
    assert all(p.stat().st_size > 256 * 1024 for p in files)
    small = [hostile.variant_xml(tmp_path, f"small-{n}.xml", owner=f"Small {n}") for n in range(3)]
    store = open_store(tmp_path / "db")
    batches: list[int] = []
    add_prepared = store.add_prepared  # what the importer calls with a store that takes prepared filings
    monkeypatch.setattr(
        store,
        "add_prepared",
        lambda items, **kw: batches.append(len(items := list(items))) or add_prepared(items, **kw),
    )
    report = importer.import_paths(store, [*files, *small])
    assert report.imported == 6, report.failures
    assert batches[:3] == [1, 1, 1]  # each big file written on its own
    shard_files = sorted((tmp_path / "db" / "documents").glob("*.json"))
    assert len(shard_files) >= 4  # three big ones alone, the small ones together
    assert max(p.stat().st_size for p in shard_files) < 3 * 256 * 1024
    for fid in report.ids:
        stored = store.get(fid)
        assert stored is not None and stored.filing.owners
