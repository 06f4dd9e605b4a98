"""Upgrading a TinyDB store of format 2 (summaries without the 10b5-1 box) to 3: every summary
gets the box from its filing, read from the shards; marks and notes are not touched."""

from __future__ import annotations

from pathlib import Path

import orjson

from tests.conftest import CORPUS, needs_corpus
from tui.importer import import_paths
from tui.store import ListFilter, open_store
from tui.store.tinydb_format import FORMAT_VERSION


@needs_corpus
def test_a_format_2_store_gets_the_plan_box(tmp_path: Path) -> None:
    planned = CORPUS / "0001628280-23-010740" / "source.xml"  # the box checked (its expected.json)
    other = CORPUS / "0000899243-20-029454" / "source.xml"  # a Form 3: no box
    assert orjson.loads((planned.parent / "expected.json").read_bytes())["aff10b5_one"] is True
    db = tmp_path / "db"
    store = open_store(db)
    ids = import_paths(store, [planned, other]).ids
    store.set_note(ids[0], "kept")
    state_before = (db / "user_state.json").read_bytes()
    # as format 2 wrote it: no "plan" in the summaries
    index = orjson.loads((db / "index.json").read_bytes())
    for doc in index["filings"].values():
        del doc["plan"]
    (db / "index.json").write_bytes(orjson.dumps(index))
    (db / "format.json").write_bytes(orjson.dumps({"format": 2}))

    upgraded = open_store(db)
    assert orjson.loads((db / "format.json").read_bytes()) == {"format": FORMAT_VERSION}
    assert upgraded.list_ids(ListFilter(plan=True)) == [ids[0]]
    assert upgraded.list_ids(ListFilter(plan=False)) == [ids[1]]
    assert upgraded.summary(ids[0]).plan is True and upgraded.summary(ids[1]).plan is None
    assert (db / "user_state.json").read_bytes() == state_before
