"""`Store.get_many`: the stored filings of many ids at once (what `form4 check FILE` and the findings of a
new filing's group read), equal to `get` one by one; TinyDB reads each shard file once for them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CORPUS, needs_corpus
from tests.store.conftest import StoreFactory
from tui.importer import import_paths
from tui.store import open_store
from tui.store.atomic import AtomicJSONStorage

pytestmark = needs_corpus


def _sources(count: int) -> list[Path]:
    folders = sorted(p for p in CORPUS.iterdir() if p.is_dir())
    return [f / "source.xml" for f in folders if (f / "source.xml").is_file()][:count]


def test_get_many_gives_what_get_gives(store_factory: StoreFactory) -> None:
    store = store_factory.open()
    report = import_paths(store, [str(p) for p in _sources(12)])
    assert report.imported == 12
    ids = store.ids()
    wanted = [*ids[::2], "no-such-filing"]
    many = {stored.id: stored for stored in store.get_many(wanted)}
    assert set(many) == set(ids[::2])
    for fid in ids[::2]:
        one = store.get(fid)
        assert one is not None
        assert many[fid].filing == one.filing
        assert many[fid].sources == one.sources


def test_tinydb_reads_each_shard_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    location = str(tmp_path / "db")
    for path in _sources(12):  # one import each: twelve shard files, more than the eight `get` keeps read
        import_paths(open_store(location), [str(path)])
    store = open_store(location)
    assert len(list((tmp_path / "db" / "documents").glob("*.json"))) == 12
    reads: list[str] = []
    real_read = AtomicJSONStorage.read

    def counting(self: AtomicJSONStorage) -> dict[str, dict[str, Any]] | None:
        reads.append(str(self.path))
        return real_read(self)

    monkeypatch.setattr(AtomicJSONStorage, "read", counting)
    ids = store.ids()
    assert {s.id for s in store.get_many([*ids, *ids])} == set(ids)
    shard_reads = [r for r in reads if "documents" in r]
    assert len(shard_reads) == len(set(shard_reads)) == 12
