"""What only the TinyDB backend has: its files, their format version and their upgrade, and damaged
files left alone."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from tests.conftest import CORPUS, needs_corpus
from tui.importer import import_paths
from tui.store import StoreError, open_store
from tui.store.tinydb_format import FORMAT_VERSION


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.json"))}


@needs_corpus
def test_a_second_import_writes_no_file(tmp_path: Path) -> None:
    sources = sorted(CORPUS.glob("*/source.*"))
    import_paths(open_store(tmp_path / "db"), sources, workers=2)
    before = _snapshot(tmp_path / "db")
    stamps = {p: p.stat().st_mtime_ns for p in (tmp_path / "db").rglob("*.json")}
    second = import_paths(open_store(tmp_path / "db"), sources, workers=1)
    assert second.unchanged == len(sources)
    assert _snapshot(tmp_path / "db") == before
    assert {p: p.stat().st_mtime_ns for p in (tmp_path / "db").rglob("*.json")} == stamps


def test_damaged_files_give_a_clear_error_and_are_left_alone(tmp_path: Path) -> None:
    open_store(tmp_path)
    (tmp_path / "user_state.json").write_text('{"state": {"1": ')
    with pytest.raises(StoreError, match="review marks and notes cannot be read"):
        open_store(tmp_path).state("x")
    assert (tmp_path / "user_state.json").read_text() == '{"state": {"1": '
    (tmp_path / "index.json").write_text("[not json")
    with pytest.raises(StoreError, match="store index is damaged"):
        open_store(tmp_path)


def test_a_store_from_a_newer_form4_is_refused_naming_the_folder(tmp_path: Path) -> None:
    open_store(tmp_path / "db")
    assert orjson.loads((tmp_path / "db" / "format.json").read_bytes()) == {"format": FORMAT_VERSION}
    (tmp_path / "db" / "format.json").write_bytes(orjson.dumps({"format": FORMAT_VERSION + 1}))
    with pytest.raises(StoreError, match=f"{tmp_path / 'db'}: this store was written by a newer form4"):
        open_store(tmp_path / "db")


@needs_corpus
def test_a_format_1_store_is_upgraded_in_place_keeping_every_mark(tmp_path: Path) -> None:
    """A store as form4 wrote it before format.json: summaries without a source rank, marks
    without a reviewer. Opening it upgrades it; the marks and notes are all still there."""
    db = tmp_path / "db"
    store = open_store(db)
    import_paths(store, [CORPUS / "374water-melkote-2025-04-30" / "source.xml", CORPUS / "apple-cook-2019-08-24"])
    fid = store.ids()[0]
    # make it a format-1 store: no format.json, no ranks, state documents as format 1 wrote them
    (db / "format.json").unlink()
    index = orjson.loads((db / "index.json").read_bytes())
    for doc in index["filings"].values():
        del doc["source_rank"]
    (db / "index.json").write_bytes(orjson.dumps(index))
    state = {"state": {"1": {"id": fid, "reviewed": True, "reviewed_at": "2024-01-02T03:04:05+00:00", "note": "ok"}}}
    (db / "user_state.json").write_bytes(orjson.dumps(state))

    upgraded = open_store(db)
    assert orjson.loads((db / "format.json").read_bytes()) == {"format": FORMAT_VERSION}
    assert {upgraded.summary(i).source_rank for i in upgraded.ids()} == {1}  # both XML
    old = upgraded.state(fid)
    assert (old.reviewed, old.reviewed_at, old.note, old.reviewed_by) == (True, "2024-01-02T03:04:05+00:00", "ok", None)
    # the upgraded store keeps the richer-source policy: the PDF of the XML filing changes nothing
    report = import_paths(upgraded, [CORPUS / "374water-melkote-2025-04-30" / "chromium.pdf"])
    assert report.unchanged == 1 and upgraded.summary(upgraded.resolve(report.ids[0]) or "").source_format == "xml"
    assert open_store(db).state(fid).note == "ok"
