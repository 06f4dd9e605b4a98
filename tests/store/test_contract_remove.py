"""The store contract, continued: removing filings (`Store.remove`), for every backend and for a
store opened lazily (as the command line opens it): parsed data goes, the reviewers' state stays."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import needs_corpus, write_variants
from tests.store.conftest import StoreFactory
from tui.importer import import_paths
from tui.store import ListFilter


@needs_corpus
@pytest.mark.parametrize("lazy", [False, True], ids=["opened", "lazy"])
def test_removed_filings_leave_every_read(store_factory: StoreFactory, tmp_path: Path, lazy: bool) -> None:
    files = write_variants(tmp_path / "files", 3)
    gone = import_paths(store_factory.open("db"), files).ids[0]
    store = store_factory.open("db", lazy=lazy)
    name = store.summary(gone).owners[0]
    assert store.remove([gone, gone[:8], "no-such-filing"]) == [gone]
    assert len(store) == 2 and gone not in store and gone not in store.ids()
    assert store.get(gone) is None and store.resolve(gone) is None and store.resolve(gone[:8]) is None
    assert gone not in store.list_ids(ListFilter()) and gone not in store.search_ids(name)
    assert store.remove([gone]) == []
    other = store_factory.open("db", lazy=lazy)
    assert other.get(gone) is None and len(other) == 2


@needs_corpus
def test_a_removed_filing_comes_back_with_its_review(store_factory: StoreFactory, tmp_path: Path) -> None:
    files = write_variants(tmp_path / "files", 3)
    store = store_factory.open("db")
    report = import_paths(store, files)
    fid = report.ids[1]
    store.set_reviewed(fid)
    store.set_note(fid, "seen")
    watcher = store_factory.open("db")
    assert store_factory.open("db", lazy=True).remove([fid]) == [fid]
    assert watcher.has_changed() and watcher.refresh() is True and fid not in watcher.ids()
    assert store.refresh() and len(store) == 2

    again = import_paths(store, [files[1]])
    assert again.imported == 1 and again.ids == [fid]  # read again, not "already in the store"
    back = store_factory.open("db")
    assert fid in back.ids() and len(back) == 3
    state = back.state(fid)
    assert state.reviewed and state.note == "seen"
    assert len(back.history(fid)) == 2
    # the import wrote the index without the removed filings: nothing is left to leave out
    assert back.remove([]) == [] and store_factory.open("db", lazy=True).get(fid) is not None
