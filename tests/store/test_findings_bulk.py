"""A bulk import into the TinyDB store works out the group findings (continuity, amendment) once, at its
end, for every filing it brought; an import stopped before its end leaves those filings waiting
(``checks-pending``), and the next import into the store settles them."""

from __future__ import annotations

import hashlib
import random
from collections import Counter
from pathlib import Path

import pytest

import tui.checks.chains
import tui.importer
from tests.checks.helpers import all_corpus, corpus_filing, source
from tests.conftest import CORPUS, needs_corpus
from tui.checks import GROUP_KINDS, Digest, Known, check_all, digest, digest_keys
from tui.importer import import_paths
from tui.store import Source, filing_id, open_store
from tui.store.tinydb_pending import FILE_NAME
from tui.store.tinydb_store import TinyDBStore

pytestmark = needs_corpus

HOFFMAN_LATER = "0001209191-11-062562"  # its Class B holding breaks from the 2011-12-15 Form 4 by one share


def _expected() -> dict[str, tuple[object, ...]]:
    return dict(check_all([Known(filing_id(k.filing), k.filing) for k in all_corpus()]))


def _source_of(path: Path) -> Source:
    return Source(str(path), hashlib.sha256(path.read_bytes()).hexdigest(), "xml", 2)


def test_many_small_batches_in_any_order_give_what_checking_everything_gives_each_group_compared_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tui.importer, "BATCH_SIZE", 7)
    monkeypatch.setattr(tui.importer, "BATCH_GROWTH", 10**9)
    paths = sorted(CORPUS.glob("*/source.*"))
    random.Random(12).shuffle(paths)  # every group's filings arrive out of order, over many batches
    compared: list[str] = []
    compare = tui.checks.chains.compare_filings

    def counting(current: Digest, previous: Digest) -> list[object]:
        compared.append(current.id)
        return compare(current, previous)  # type: ignore[return-value]

    monkeypatch.setattr(tui.checks.chains, "compare_filings", counting)
    events: list[str] = []
    add, write_index = TinyDBStore._add, TinyDBStore._write_index

    def adding(self: TinyDBStore, items: list, **kw: bool) -> list:  # type: ignore[type-arg]
        try:
            return add(self, items, **kw)
        finally:
            events.append("batch")

    monkeypatch.setattr(TinyDBStore, "_add", adding)
    monkeypatch.setattr(
        TinyDBStore, "_write_index", lambda self, docs: events.append("index") or write_index(self, docs)
    )
    store = open_store(tmp_path / "db")
    report = import_paths(store, paths, workers=1)
    assert report.imported == 120 and report.failed == 0
    assert {s.id: s.findings for s in store.summaries() if s.findings} == _expected()
    assert not (tmp_path / "db" / FILE_NAME).exists()
    # each filing compared at most once in each of its groups (joint filings: one per owner), not once per batch
    groups = Counter(filing_id(k.filing) for k in all_corpus() for _ in digest_keys(digest(k)))
    assert compared and all(n <= groups[fid] for fid, n in Counter(compared).items())
    # the last batch settles the groups with its own: the index is not rewritten once more after it
    assert events.count("batch") > 10 and events[-1] == "batch"
    # and another process reads the same from the files
    again = open_store(tmp_path / "db")
    assert {s.id: s.findings for s in again.summaries() if s.findings} == _expected()


def test_an_import_stopped_before_its_end_leaves_its_filings_waiting_and_the_next_import_settles_them(
    tmp_path: Path,
) -> None:
    known = all_corpus()
    first = [k for k in known if k.id != HOFFMAN_LATER]
    store = open_store(tmp_path / "db")
    with pytest.raises(KeyboardInterrupt), store.bulk():
        store.add_many([(k.filing, _source_of(source(k.id))) for k in first[:60]])
        store.add_many([(k.filing, _source_of(source(k.id))) for k in first[60:]])
        raise KeyboardInterrupt  # the import stops here: its end never runs
    pending = tmp_path / "db" / FILE_NAME
    assert pending.is_file()
    stopped = open_store(tmp_path / "db")
    # stored, with their own-filing findings, and not yet their group findings
    assert len(stopped.ids()) == 119
    kinds = {f.kind for s in stopped.summaries() for f in s.findings}
    assert "late_filing" in kinds and not kinds & GROUP_KINDS
    # the next import, from another process, brings one filing and settles every filing left waiting
    report = import_paths(open_store(tmp_path / "db"), [source(HOFFMAN_LATER)], workers=1)
    assert report.imported == 1
    after = open_store(tmp_path / "db")
    assert {s.id: s.findings for s in after.summaries() if s.findings} == _expected()
    assert not pending.exists()


def test_the_same_files_imported_again_after_a_crash_settle_what_waits_even_a_torn_last_line(tmp_path: Path) -> None:
    paths = sorted(CORPUS.glob("*/source.*"))
    store = open_store(tmp_path / "db")
    with pytest.raises(KeyboardInterrupt), store.bulk():
        store.add_many([(k.filing, _source_of(source(k.id))) for k in all_corpus()])
        raise KeyboardInterrupt
    pending = tmp_path / "db" / FILE_NAME
    pending.write_bytes(pending.read_bytes() + b'"0001209191-1')  # a write cut short by the crash
    report = import_paths(open_store(tmp_path / "db"), paths, workers=1)
    assert report.imported == 0 and report.unchanged == len(paths)  # nothing new: only what waited is written
    assert {s.id: s.findings for s in open_store(tmp_path / "db").summaries() if s.findings} == _expected()
    assert not pending.exists()


def test_a_bulk_import_into_a_store_holding_part_of_its_groups_gives_what_checking_everything_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # half of every group is stored first: the second import's groups are read from the store at its end
    # (not all known from its own filings), and the stored filings after a new one are settled again
    folders = sorted(CORPUS.glob("*/"))
    random.Random(3).shuffle(folders)
    first, second = (sorted(p for f in half for p in f.glob("source.*")) for half in (folders[:60], folders[60:]))
    store = open_store(tmp_path / "db")
    assert import_paths(store, first, workers=1).imported == 60
    monkeypatch.setattr(tui.importer, "BATCH_SIZE", 9)
    monkeypatch.setattr(tui.importer, "BATCH_GROWTH", 10**9)
    report = import_paths(open_store(tmp_path / "db"), second, workers=1)
    assert report.imported == 60 and report.failed == 0
    after = open_store(tmp_path / "db")
    assert len(after.ids()) == 120
    assert {s.id: s.findings for s in after.summaries() if s.findings} == _expected()
    assert not (tmp_path / "db" / FILE_NAME).exists()


def test_the_store_keeps_its_filings_lines_as_bytes_once_compared(tmp_path: Path) -> None:
    """What the comparisons make of a filing's lines is dropped once its group is compared (six times the
    bytes it came as: 320 MB at 100,000 filings, for as long as the explorer runs); a filing that joins the
    group later has them made again, with the findings that checking everything gives."""
    store = open_store(str(tmp_path / "db"))
    assert isinstance(store, TinyDBStore)
    later = source(HOFFMAN_LATER)
    folders = sorted(p for p in CORPUS.iterdir() if p.is_dir() and p != later.parent)
    import_paths(store, [str(source(p.name)) for p in folders])  # (each filing's source, no printout)
    digests = store._findings._digests  # (the keeper's digest of every filing it stored)
    assert len(digests) == len(store) > 100 and all(d.body._made is None for d in digests.values())
    import_paths(store, [str(later)])  # into the same process's store: the group's stored lines made again
    fid = filing_id(corpus_filing(HOFFMAN_LATER))
    found = store.findings_of(fid)
    assert [f.kind for f in found] == ["holdings_continuity"]
    assert found == _expected()[fid]
    assert all(d.body._made is None for d in digests.values())
