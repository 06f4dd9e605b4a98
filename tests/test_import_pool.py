"""When `form4 import --workers 2` starts its worker processes: only once the work left is worth it."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from tests import hostile
from tui import importer
from tui.importer import PreparedResult, _PoolEstimate, import_paths
from tui.store import open_store


def _names(*paths: str) -> list[tuple[str, str]]:
    return [(p, p) for p in paths]


def test_a_pdf_is_worth_a_pool_a_few_small_files_are_not() -> None:
    xml = [f"/in/f{i}.xml" for i in range(100)]
    assert not _PoolEstimate(_names(*xml)).worth_a_pool(0)  # 100 x 1 ms before any was measured
    assert _PoolEstimate(_names(*xml, "/in/printout.PDF")).worth_a_pool(0)
    assert not _PoolEstimate(_names(*xml, "/in/printout.pdf")).worth_a_pool(101)  # the PDF is behind


def test_the_estimate_follows_what_the_files_took() -> None:
    estimate = _PoolEstimate(_names(*(f"/in/f{i}.txt" for i in range(100))))
    estimate.took("/in/f0.txt", 0.2)  # the first file: the process warming up, not counted
    assert not estimate.worth_a_pool(1)
    estimate.took("/in/f1.txt", 0.02)  # slow files: 98 left at 20 ms is 2 s of work
    assert estimate.worth_a_pool(2)
    assert not estimate.worth_a_pool(90)  # 10 left: 0.2 s


def test_a_small_import_starts_no_worker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(20):
        hostile.variant_xml(folder, f"v-{n}.xml", owner=f"Owner {n}")

    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("a worker pool was started for 20 small files")

    monkeypatch.setattr(importer, "ProcessPoolExecutor", no_pool)
    report = import_paths(open_store(tmp_path / "db"), [folder], workers=2)
    assert report.imported == 20 and not report.failures


def test_the_pool_takes_over_where_this_process_stopped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Files prepared here first, the rest in the workers: the same filings, in the files' order."""
    folder = hostile.variant_folder(tmp_path / "in", 80)
    one = import_paths(open_store(tmp_path / "one"), [folder], workers=1)
    started: list[int] = []
    real_pool = importer._prepare_in_pool

    def counted(names: list[tuple[str, str]], known: frozenset[str], workers: int) -> Iterator[PreparedResult]:
        started.append(len(names))
        return real_pool(names, known, workers)

    monkeypatch.setattr(importer, "_prepare_in_pool", counted)
    monkeypatch.setattr(importer, "_PoolEstimate", _Slow)
    two = import_paths(open_store(tmp_path / "two"), [folder], workers=2)
    # 80 files at 1 ms (FILE_SECONDS) are not worth a pool; the second took 20 ms: 78 x 20 ms are
    assert started == [78]
    assert two.ids == one.ids and two.imported == 80 and not two.failures


class _Slow(_PoolEstimate):
    """The estimate as on a machine where every file takes 20 ms (whatever this one's speed)."""

    def took(self, path: str, seconds: float) -> None:
        super().took(path, 0.02)


def test_the_import_collects_no_cycles_while_it_runs_its_workers_do_and_it_resumes_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The importing process leaves the cyclic collector off while it imports (what it keeps is not
    garbage), its workers collect, and an import that stops (here: interrupted) turns it back on."""
    folder = hostile.variant_folder(tmp_path / "in", 80)
    seen: list[bool] = []
    real_chunk = importer._chunk_results

    def watched(*args: object, **kwargs: object) -> list[PreparedResult]:
        seen.append(gc.isenabled())
        return real_chunk(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(importer, "_chunk_results", watched)
    monkeypatch.setattr(importer, "_PoolEstimate", _Slow)
    assert gc.isenabled()
    report = import_paths(open_store(tmp_path / "db"), [folder], workers=2)
    assert report.imported == 80 and seen and not any(seen) and gc.isenabled()
    # a worker starts as the pool starts it, forked from this process with the collector off
    gc.disable()
    try:
        with ProcessPoolExecutor(max_workers=1, initializer=importer._start_worker) as pool:
            assert pool.submit(gc.isenabled).result() is True
    finally:
        gc.enable()

    def interrupt(done: int, total: int, path: str) -> None:
        if done == 40:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        import_paths(open_store(tmp_path / "db2"), [folder], workers=1, progress=interrupt)
    assert gc.isenabled()


def _resize_signal_is_default(_: object = None) -> bool:
    import signal

    return signal.getsignal(signal.SIGWINCH) == signal.SIG_DFL


def test_a_child_leaves_the_terminal_apps_signal_handlers_to_their_default() -> None:
    """Forked from the explorer, an import worker or a PDF's parser process inherits the Textual driver's
    handlers (a resize, SIGWINCH, goes to the whole foreground process group): each child resets them."""
    import signal

    from tui.sandbox import run_limited

    previous = signal.signal(signal.SIGWINCH, lambda *_: None)
    try:
        with ProcessPoolExecutor(max_workers=1, initializer=importer._start_worker) as pool:
            assert pool.submit(_resize_signal_is_default).result() is True
        assert run_limited(_resize_signal_is_default, None, memory_bytes=1 << 30, seconds=30) is True
        assert signal.getsignal(signal.SIGWINCH) is not signal.SIG_DFL  # (the parent keeps its own)
    finally:
        signal.signal(signal.SIGWINCH, previous)
