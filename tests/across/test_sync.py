"""The row index kept up to date incrementally: after an import, a removal or another process's write,
only the filings new, replaced or gone are read or dropped, and the result is the index a full build
of the store gives (row for row, figures exact)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from tests.conftest import CORPUS, needs_corpus
from tui.across import sync
from tui.across.rows import RowIndex
from tui.across.rows_cache import cache_path, load
from tui.across.screener import ScreenFilter, screen, transactions
from tui.importer import import_paths
from tui.store import Store, open_store

pytestmark = needs_corpus


def sources() -> list[str]:
    return sorted(str(p) for p in CORPUS.glob("*/source.xml"))


def canonical(index: RowIndex) -> dict[tuple[str, str, int], tuple[Any, ...]]:
    """Every row by (filing, table, position), with what the views show of it (words, exact figures)."""
    r, f = index.rows, index.filings
    out = {}
    for row in range(len(index)):
        number = int(r["f"][row])
        info = index.info[number]
        out[(info.fid, "II" if r["table"][row] else "I", int(r["pos"][row]))] = (
            index.word("codes", r["code"][row]),
            index.word("securities", r["sec"][row]),
            index.word("lines", r["line"][row]),
            index.word("tickers", f["ticker"][number]),
            index.issuer_names.get(int(f["issuer"][number])),
            int(r["day"][row]),
            int(f["fday"][number]),
            int(f["findings"][number]),
            info.owners,
            *(index.exact(c, row) for c in ("shares", "price", "after", "value", "exercise_value")),
        )
    return out


class Reads:
    """Records the filings the sync reads (`sync._documents` yields them) and the store calls it makes."""

    def __init__(self, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
        self.got: list[str] = []
        self.gets = 0
        documents, get = sync._documents, store.get

        def recording(*args: Any) -> Iterator[Any]:
            for summary, filing in documents(*args):
                self.got.append(summary.id)
                yield summary, filing

        def counting_get(key: str) -> Any:
            self.gets += 1
            return get(key)

        monkeypatch.setattr(sync, "_documents", recording)
        monkeypatch.setattr(store, "get", counting_get)


@pytest.fixture(scope="module")
def half_and_full(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A store of the first half of the corpus with its index cached, and a store of the whole corpus."""
    base = tmp_path_factory.mktemp("sync")
    half, full = base / "half", base / "full"
    files = sources()
    import_paths(open_store(half), files[: len(files) // 2])
    sync.open_index(open_store(half))
    import_paths(open_store(full), files)
    return half, full


def _copy_of(built: Path, tmp_path: Path) -> Store:
    """A store of its own for a test, copied from one the module built."""
    folder = tmp_path / "db"
    shutil.copytree(built, folder)
    return open_store(folder)


def _import_and_refresh(
    store: Store, before: RowIndex, files: list[str], monkeypatch: pytest.MonkeyPatch
) -> tuple[RowIndex, Reads, set[str]]:
    """Import ``files``, then bring ``before`` up to date: (the index after, the reads it made, the new ids)."""
    import_paths(store, files)
    reads = Reads(store, monkeypatch)
    after = sync.refresh_index(store, before)
    return after, reads, set(store.ids()) - {i.fid for i in before.info}


def test_an_import_reads_only_the_new_filings(
    half_and_full: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    half, full = half_and_full
    store = _copy_of(half, tmp_path)
    before = sync.open_index(store)
    files = sources()
    after, reads, new = _import_and_refresh(store, before, files[len(files) // 2 :], monkeypatch)
    assert new and sorted(reads.got) == sorted(new)
    expected = sync.open_index(open_store(full))
    assert canonical(after) == canonical(expected)
    # the screener over the updated index finds what it finds over a full build
    flt = ScreenFilter(codes=("S",), ticker="TSLA")
    assert [t.filing_id for t in transactions(after, screen(after, flt))] == [
        t.filing_id for t in transactions(expected, screen(expected, flt))
    ]


def test_a_few_new_filings_are_read_one_by_one(
    half_and_full: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    half, _ = half_and_full
    store = _copy_of(half, tmp_path)
    before = sync.open_index(store)
    files = sources()
    after, reads, new = _import_and_refresh(store, before, files[len(files) // 2 : len(files) // 2 + 3], monkeypatch)
    assert len(new) == 3 and sorted(reads.got) == sorted(new) and reads.gets == 3
    assert after.filing_count == before.filing_count + 3


def test_the_index_given_is_left_as_it_was(half_and_full: tuple[Path, Path], tmp_path: Path) -> None:
    half, _ = half_and_full
    store = _copy_of(half, tmp_path)
    before = sync.open_index(store)
    shown = canonical(before)
    import_paths(store, sources()[len(sources()) // 2 :])
    sync.refresh_index(store, before)
    assert canonical(before) == shown


def test_nothing_changed_reads_nothing(half_and_full: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    half, _ = half_and_full
    store = open_store(half)
    index = sync.open_index(store)
    reads = Reads(store, monkeypatch)
    assert sync.refresh_index(store, index) is index
    again = sync.open_index(store)  # from the cache file
    assert reads.got == [] and reads.gets == 0
    assert canonical(again) == canonical(index)


def test_a_removal_drops_rows_without_reading(
    half_and_full: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, full = half_and_full
    store = _copy_of(full, tmp_path)
    index = sync.open_index(store)
    gone = store.ids()[:5]
    assert store.remove(gone) == gone
    store.refresh()
    reads = Reads(store, monkeypatch)
    after = sync.refresh_index(store, index)
    assert reads.got == [] and reads.gets == 0
    assert {i.fid for i in after.info} == set(store.ids())
    expected = {k: v for k, v in canonical(index).items() if k[0] not in gone}
    got = canonical(after)
    # findings of the group-mates of a removed filing may change: compare the rest of each row
    assert {k: v[:7] + v[8:] for k, v in got.items()} == {k: v[:7] + v[8:] for k, v in expected.items()}


def test_another_process_s_import_is_picked_up_at_open(
    half_and_full: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    half, full = half_and_full
    folder = tmp_path / "db"
    shutil.copytree(half, folder)
    indexed = {i.fid for i in sync.open_index(open_store(folder)).info}
    import_paths(open_store(folder), sources())  # "another process": its own store object
    mine = open_store(folder)
    reads = Reads(mine, monkeypatch)
    index = sync.open_index(mine)
    assert sorted(reads.got) == sorted(set(mine.ids()) - indexed)
    assert canonical(index) == canonical(sync.open_index(open_store(full)))
    cached = load(cache_path(mine))  # type: ignore[arg-type]
    assert cached is not None and cached.filing_count == len(mine)


def test_an_interrupted_build_keeps_what_it_read(
    half_and_full: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, full = half_and_full
    folder = tmp_path / "db"
    shutil.copytree(full, folder)
    shutil.rmtree(folder / "cache", ignore_errors=True)
    monkeypatch.setattr(sync, "CHECKPOINT", 25)
    monkeypatch.setattr(sync, "PROGRESS_EVERY", 1)
    seen: list[tuple[int, int]] = []

    def stop_at_60(done: int, total: int) -> None:
        seen.append((done, total))
        if done == 60:
            raise KeyboardInterrupt  # the explorer closed mid-build

    store = open_store(folder)
    with pytest.raises(KeyboardInterrupt):
        sync.open_index(store, stop_at_60)
    assert seen[0] == (0, len(store)) and seen[-1] == (60, len(store))
    partial = load(cache_path(store))  # type: ignore[arg-type]
    assert partial is not None and partial.filing_count == 50  # two checkpoints of 25
    reads = Reads(store, monkeypatch)
    index = sync.open_index(store)
    assert sorted(reads.got) == sorted(set(store.ids()) - {i.fid for i in partial.info})
    assert canonical(index) == canonical(sync.open_index(open_store(full)))


def test_findings_counts_follow_the_store(half_and_full: tuple[Path, Path]) -> None:
    _, full = half_and_full
    store = open_store(full)
    index = sync.open_index(store)
    for fid in store.ids():
        number = index.index_of(fid)
        assert number is not None
        assert int(index.filings["findings"][number]) == len(store.findings_of(fid))
    assert np.count_nonzero(index.filings["findings"]) > 0  # the corpus has findings to count
