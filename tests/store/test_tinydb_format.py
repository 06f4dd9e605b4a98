"""Upgrading older TinyDB stores in place: format 2 (summaries without the 10b5-1 box) gets the box from
its filings, read from the shards; format 4 (the findings' sentences in the index) moves them out to
findings.jsonl. Marks and notes are never touched."""

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


@needs_corpus
def test_a_format_4_store_with_the_findings_in_its_index_opens_and_keeps_them(tmp_path: Path) -> None:
    """Format 4 kept each finding's sentence in index.json (and a copy in findings.jsonl as a cache): opened,
    the sentences move to findings.jsonl, the index keeps the kinds, and nothing is lost or changed."""
    db = tmp_path / "db"
    store = open_store(db)
    import_paths(store, sorted(CORPUS.glob("*/source.*")), workers=1)
    before = {s.id: s.findings for s in store.summaries()}
    late = sorted(store.list_ids(ListFilter(finding_kind="late_filing")))
    assert sum(1 for f in before.values() if f) == 18 and len(late) == 7
    marked = store.ids()[0]
    store.set_note(marked, "kept")
    state_before = (db / "user_state.json").read_bytes()
    # the index as format 4 wrote it: every summary with its findings in full, no kinds, no places
    index = orjson.loads((db / "index.json").read_bytes())
    for doc in index["filings"].values():
        doc.pop("kinds", None)
        doc.pop("findings_at", None)
        doc["findings"] = [f.to_dict() for f in before[doc["id"]]]
    (db / "index.json").write_bytes(orjson.dumps(index))
    (db / "format.json").write_bytes(orjson.dumps({"format": 4}))
    (db / "findings.jsonl").write_bytes(b"[]\n" * 3)  # format 4's cache: never trusted over the index
    (db / "findings.idx").unlink()

    upgraded = open_store(db)
    assert orjson.loads((db / "format.json").read_bytes()) == {"format": FORMAT_VERSION}
    assert {s.id: s.findings for s in upgraded.summaries()} == before
    assert sorted(upgraded.list_ids(ListFilter(finding_kind="late_filing"))) == late
    raw = orjson.loads((db / "index.json").read_bytes())["filings"].values()
    assert not any("findings" in doc for doc in raw)
    assert sum(1 for doc in raw if doc.get("kinds")) == 18
    assert (db / "user_state.json").read_bytes() == state_before
    # a command on one filing reads them without the index, and a later import keeps them
    assert {fid: open_store(db, lazy=True).findings_of(fid) for fid in before} == before
    import_paths(upgraded, sorted(CORPUS.glob("*/source.*")), workers=1)
    assert {s.id: s.findings for s in open_store(db).summaries()} == before
