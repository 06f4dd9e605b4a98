"""The TinyDB store opened lazily answers a command on one filing from its lookup files, without
reading the index (`tui.store.tinydb_lookup`), and never from lookup files that are out of date."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from tests.conftest import needs_corpus, write_variants
from tui.importer import import_paths, read_source
from tui.store import open_store
from tui.store.tinydb_store import TinyDBStore


def _never_read_the_index(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: TinyDBStore) -> None:
        raise AssertionError("the index was read")

    monkeypatch.setattr(TinyDBStore, "_load_index", refuse)


@needs_corpus
def test_one_filing_commands_do_not_read_the_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = write_variants(tmp_path / "files", 5)
    db = tmp_path / "db"
    ids = import_paths(open_store(db), files).ids
    _never_read_the_index(monkeypatch)
    store = open_store(db, lazy=True)
    fid = ids[2]
    assert store.resolve(fid) == fid and store.resolve(fid[:6]) == fid
    stored = store.get(fid[:10])
    assert stored is not None and stored.id == fid and stored.filing.owners[0].name == "Variant Owner 2"
    assert store.set_reviewed(fid).reviewed and store.set_note(fid[:8], "n").note == "n"
    assert store.remove([ids[4]]) == [ids[4]] and store.get(ids[4]) is None
    assert store.resolve("0" * 16) is None


@needs_corpus
def test_out_of_date_lookup_files_are_not_trusted(tmp_path: Path) -> None:
    files = write_variants(tmp_path / "files", 4)
    db = tmp_path / "db"
    import_paths(open_store(db), files[:2])
    lazy = open_store(db, lazy=True)
    newer = import_paths(open_store(db), files[2:]).ids  # another process adds filings
    assert lazy.get(newer[0]) is not None and lazy.resolve(newer[1]) == newer[1]

    # a store written before the lookup files existed: read the index once, and write them
    for name in ("ids.idx", "accessions.idx"):
        (db / name).unlink()
    assert open_store(db, lazy=True).resolve(newer[0]) == newer[0]
    assert (db / "ids.idx").is_file()
    (db / "ids.idx").write_bytes(b"damaged")
    assert open_store(db, lazy=True).get(newer[1]) is not None


@needs_corpus
def test_a_filings_findings_come_without_reading_the_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`form4 show ID --format json` gives the filing's findings from findings.idx / findings.jsonl."""
    from tests.checks.helpers import source

    db = tmp_path / "db"
    # Hoffman at Zynga: the Form 4 of 2011-12-21 starts at 1,412,998 Class B shares, the one of six days
    # before ended at 1,412,997 (holdings continuity); the seed-like late filings come with them
    names = ["0001209191-11-061699", "0001209191-11-062562"]
    import_paths(open_store(db), [str(source(n)) for n in names])
    ids = open_store(db).ids()[::-1]  # oldest first
    expected = {fid: open_store(db).summary(fid).findings for fid in ids}
    assert [f.kind for f in expected[ids[1]]] == ["holdings_continuity"]
    with monkeypatch.context() as patched:
        _never_read_the_index(patched)
        assert {fid: open_store(db, lazy=True).findings_of(fid) for fid in ids} == expected
    # another import rewrites the index: the findings follow (appended), and stale files are not trusted
    more = import_paths(open_store(db), [str(source("0001209191-12-022021"))]).ids
    everything = {fid: open_store(db).summary(fid).findings for fid in [*ids, *more]}
    with monkeypatch.context() as patched:
        _never_read_the_index(patched)
        assert {fid: open_store(db, lazy=True).findings_of(fid) for fid in everything} == everything
    (db / "findings.idx").write_bytes(b"damaged")
    assert {fid: open_store(db, lazy=True).findings_of(fid) for fid in everything} == everything


@needs_corpus
def test_an_import_writes_the_lookup_files_once_and_reads_stay_right_meanwhile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every batch rewrites the index; the lookup files and sources.json follow once, at the end of the import.
    Between two batches the lookup files are stale: a command on one filing reads the index instead."""
    from tui import importer
    from tui.store.tinydb_lookup import Lookup

    files = write_variants(tmp_path / "files", 6)
    db = tmp_path / "db"
    writes: list[int] = []
    seen_between: list[bool] = []
    real_write, real_add = Lookup.write, TinyDBStore._add

    def counting(self: Lookup, docs: object) -> None:
        writes.append(1)
        real_write(self, docs)  # type: ignore[arg-type]

    def add(self: TinyDBStore, items: list, **kw: bool) -> list:  # type: ignore[type-arg]
        if len(self):  # a batch before this one is stored: a fresh process finds those filings by id
            first = self.ids()[-1]
            seen_between.append(open_store(db, lazy=True).get(first) is not None)
        return real_add(self, items, **kw)

    monkeypatch.setattr(Lookup, "write", counting)
    monkeypatch.setattr(TinyDBStore, "_add", add)
    monkeypatch.setattr(importer, "BATCH_SIZE", 2)
    report = import_paths(open_store(db), files, workers=1)
    assert report.imported == 6 and seen_between == [True, True]
    # once by the import, at its end; and once by each reader between two batches, which found them stale
    # and rebuilt them from the index it read (`Lookup.rebuild`)
    assert len(writes) == 1 + len(seen_between)
    again = import_paths(open_store(db), files, workers=1)
    assert again.unchanged == 6  # sources.json, written at the end, knows every file
    _never_read_the_index(monkeypatch)
    lazy = open_store(db, lazy=True)
    assert all(lazy.get(fid) is not None for fid in report.ids)  # the lookup files mirror the last index


@needs_corpus
def test_a_write_that_finds_the_lookup_files_behind_rewrites_them_under_its_own_lock(tmp_path: Path) -> None:
    """Another importer writes the lookup files once its import ends; until then a write by this process
    finds them behind the index and rewrites them, inside the lock it already holds. That second lock
    on the same file waited for the process's own lock for ever (three importers at once hung)."""
    files = write_variants(tmp_path / "files", 3)
    db = tmp_path / "db"
    import_paths(open_store(db), files[:1])
    mine = open_store(db)
    assert len(mine.ids()) == 1  # this process has read the index
    import_paths(open_store(db), files[1:2])  # another process writes it...
    for name in ("ids.idx", "accessions.idx"):
        (db / name).unlink()  # ...and has not written the lookup files yet (an import under way)
    _, filing, source, reason = read_source(str(files[2]))
    assert filing is not None and source is not None, reason
    done: list[object] = []
    writer = threading.Thread(target=lambda: done.append(mine.add_many([(filing, source)])), daemon=True)
    writer.start()
    writer.join(timeout=60)
    assert done, "the write waited for its own lock"
    assert len(open_store(db).ids()) == 3 and (db / "ids.idx").is_file()
