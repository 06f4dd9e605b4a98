"""Import files and folders into a store: the one import path that the CLI and the explorer share.

Folders are walked (without recursion; symlink loops and hidden entries are skipped); a file that is
not read is reported with its one-line reason and the import goes on with the rest. PDFs can be parsed
in worker processes; the store is written in batches, each batch atomically.

With a store that takes prepared filings (`Store.accepts_prepared`: the TinyDB folder), each worker
reads, hashes and parses its files, works out the review checks that need only the filing and turns it
into the store's documents (`tui.store.documents.Prepared`: the full document as JSON bytes, the summary
fields, the findings and the digest), files handed out in chunks; the process that writes the store only
places those bytes, compares each filing with its owner-issuer group and writes the index. Sending a
parsed `Filing` back instead costs about as much as parsing it (pickling an object graph), so a store
that needs the `Filing` itself (PostgreSQL) gets it parsed in the importing process, PDFs (about half a
second each) in the workers.
"""

from __future__ import annotations

import gc
import hashlib
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from tui.checks import Prechecked, precheck, remember, warm_calendar
from tui.model import Filing
from tui.readers import ReadError, read_as, read_bytes, sniff
from tui.readers.registry import rank_of
from tui.safe_open import MAX_FILE_BYTES, FileRefused, read_regular_stat
from tui.safe_text import storable_path
from tui.sandbox import OverBudget, die_with_parent, reset_inherited_signals, run_limited
from tui.store import Source, Store
from tui.store.documents import Prepared, prepare
from tui.walk import FILING_SUFFIXES
from tui.walk import collect as walk_collect

#: what parsing one PDF may cost: its child process may grow by this much address space and run this
#: long (a printout takes well under a second and 60 MB; see `tui.sandbox`, `tui.readers.pdf.limits`)
PARSE_MEMORY_BYTES = 1024 * 1024 * 1024
PARSE_SECONDS = 60.0
#: filings per store write; a store of N filings takes batches of N / BATCH_GROWTH (at most BATCH_BYTES),
#: because every batch rewrites its index. An import of 100k files of 13 KB into an empty store: with 8
#: and 64 MB, 46 batches serialising 1.27 million summaries in all; with 4 and 128 MB, 27 and 0.69 million
BATCH_SIZE = 250
BATCH_GROWTH = 4
#: a batch is written once the files it was read from reach this size, whatever their number: ten
#: filings of 100,000 rows each are never held together (parsed, a filing takes several times its file;
#: prepared by a worker, about half its file's size: ~70 MB for 10,000 submission files of 13 KB)
BATCH_BYTES = 128 * 1024 * 1024
#: with workers: results waiting in order behind a PDF still parsing (bounds what is held in memory)
WINDOW = 256
#: files per task handed to a worker that prepares filings (one round trip for many small files), and
#: how many files may be handed out ahead: the workers go on preparing while this process writes a batch
#: (at 100k a batch is 10,000 filings, seconds of work; with fewer handed out the workers waited for the
#: end of each batch), at most AHEAD prepared filings held (~7 KB each)
CHUNK = 32
AHEAD = 8192
#: starting worker processes is worth it once the files left would take this long in one process
#: (starting two workers and their first tasks costs 0.1-0.2 s: forking, warming up, the results' pickling)
POOL_WORTH_SECONDS = 0.5
#: what preparing one file is taken to cost before any was measured, and one PDF (by its name)
FILE_SECONDS = 0.001
PDF_SECONDS = 0.5

__all__ = ["BATCH_BYTES", "BATCH_SIZE", "FILING_SUFFIXES", "ImportFailure", "ImportReport", "collect",
           "collect_files", "default_workers", "import_paths", "read_source"]  # fmt: skip


@dataclass(frozen=True, slots=True)
class ImportFailure:
    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass(slots=True)
class ImportReport:
    imported: int = 0
    unchanged: int = 0
    updated: int = 0
    failures: list[ImportFailure] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    #: files found in a folder but not read, because of their names (see FILING_SUFFIXES)
    skipped: list[str] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.failures)

    def summary(self) -> str:
        """One line: ``unchanged`` are the files whose filing the store already held."""
        line = f"{self.imported} imported, {self.updated} updated, {self.unchanged} already in the store, "
        line += f"{self.failed} failed"
        if self.skipped:
            line += f", {len(self.skipped)} skipped in folders (not named {'/'.join(sorted(FILING_SUFFIXES))})"
        return line


ProgressCallback = Callable[[int, int, str], None]


def collect_files(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[Path], list[ImportFailure]]:
    """The files to import under ``paths``, in a stable order, and the paths that cannot be walked."""
    found, failures = collect(paths)
    return [Path(shown) for shown, _ in found], failures


def collect(
    paths: Iterable[str | os.PathLike[str]], skipped: list[str] | None = None
) -> tuple[list[tuple[str, str]], list[ImportFailure]]:
    """(path as given or walked, real path) of every file to import, and the paths that are not read,
    each with its reason (see `tui.walk`: no recursion limit; FIFOs, sockets, devices, broken links and
    folders with nothing to import are named). Files in folders whose names are not a filing's are
    appended to ``skipped``; a file named explicitly is read whatever its name (its bytes decide)."""
    files, failures = walk_collect(paths, skipped)
    return files, [ImportFailure(path, reason) for path, reason in failures]


def _parse(data: bytes, fmt: str) -> Filing:
    """Parse here, or a PDF in a child process with a memory and time budget (`tui.sandbox`)."""
    if fmt != "pdf":
        return read_as(data, fmt)
    try:
        return run_limited(read_bytes, data, memory_bytes=PARSE_MEMORY_BYTES, seconds=PARSE_SECONDS)
    except OverBudget as exc:
        raise ReadError(exc.reason) from None


def source_rank(fmt: str) -> int:
    """How much of a filing a format carries, from the reader registry (the store never imports a reader)."""
    return rank_of(fmt)


#: what reading one file gives: (path, filing, source, reason); a file whose bytes the store already
#: holds comes back with no filing and no reason, only its source (hashed, not parsed)
ReadResult = tuple[str, Filing | None, Source | None, str | None]


def read_source(path: str, known: frozenset[str] | None = None, real: str | None = None) -> ReadResult:
    """Read one file once: hash its bytes and, unless the store already holds them, parse them.
    ``real`` is the file's real path, if the caller has it."""
    read = _read_file(path, known or frozenset(), real)
    return read if len(read) == 4 else _parse_read(*read)


#: a file read and hashed, to be parsed: (path, bytes, source)
_Unparsed = tuple[str, bytes, Source]


def _read_file(path: str, known: frozenset[str], real: str | None) -> ReadResult | _Unparsed:
    """Read and hash one file: its ReadResult when there is nothing to parse (bytes the store holds,
    a file that cannot be read), else (path, bytes, source) for :func:`_parse_read`."""
    try:
        try:  # O_NONBLOCK, the file type checked on the descriptor, at most MAX_FILE_BYTES read
            data, st = read_regular_stat(path, MAX_FILE_BYTES)
        except FileRefused as exc:
            raise ReadError(exc.reason) from None
        sha = hashlib.sha256(data).hexdigest()
        real = storable_path(real or os.path.realpath(path))  # JSON holds no lone surrogates
        if sha in known:  # bytes the store holds: hashed, not parsed
            return path, None, Source(real, sha, "", 0, st.st_size, st.st_mtime_ns), None
        fmt = sniff(data)
        return path, data, Source(real, sha, fmt, source_rank(fmt), st.st_size, st.st_mtime_ns)
    except Exception as exc:
        return path, None, None, _reason(exc)


def _parse_read(path: str, data: bytes, source: Source) -> ReadResult:
    try:
        return path, _parse(data, source.format), source, None
    except Exception as exc:
        return path, None, None, _reason(exc)


def _reason(exc: Exception) -> str:
    if isinstance(exc, ReadError):
        return exc.reason
    if isinstance(exc, MemoryError):
        return "too large to read in memory"
    return f"unexpected error while reading ({type(exc).__name__}: {exc})"  # a reader bug: the import goes on


def _parse_in_worker(path: str, data: bytes, source: Source) -> tuple[ReadResult, Prechecked | None]:
    """In a worker: parse a PDF (in its sandbox), and work out the review checks that need only the
    filing (so that the main process, which writes the store, only compares it with its group)."""
    result = _parse_read(path, data, source)
    return result, precheck(result[1]) if result[1] is not None else None


def _read_all(names: Sequence[tuple[str, str]], known: frozenset[str], workers: int) -> Iterator[ReadResult]:
    """Every file read, in order: parsed here, or a PDF in one of ``workers`` processes (started at the
    first PDF), at most WINDOW results held back behind a PDF still parsing."""
    if workers <= 1:
        for path, real in names:
            yield read_source(path, known, real)
        return
    pool: ProcessPoolExecutor | None = None
    window: deque[ReadResult | tuple[str, Future[tuple[ReadResult, Prechecked | None]]]] = deque()
    pending = 0  # PDFs in the window

    def ready(item: ReadResult | tuple[str, Future[tuple[ReadResult, Prechecked | None]]]) -> ReadResult:
        nonlocal pending
        if len(item) == 4:
            return item
        pending -= 1
        path, future = item
        try:
            result, pre = future.result()
        except Exception as exc:  # a worker that died (killed, out of memory): this file fails, the rest goes on
            return path, None, None, f"the parser process failed ({type(exc).__name__})"
        if pre is not None and result[1] is not None:
            remember(result[1], pre)
        return result

    try:
        for path, real in names:
            read = _read_file(path, known, real)
            if len(read) == 4:
                window.append(read)
            elif read[2].format == "pdf":
                if pool is None:
                    warm_calendar()  # the forked workers inherit the holiday calendar instead of each building it
                    pool = ProcessPoolExecutor(max_workers=workers, initializer=_start_worker)
                window.append((path, pool.submit(_parse_in_worker, *read)))
                pending += 1
            else:
                window.append(_parse_read(*read))
            while window and (len(window[0]) == 4 or window[0][1].done()):
                yield ready(window.popleft())
            while window and (pending >= 2 * workers or len(window) >= WINDOW):
                yield ready(window.popleft())
        while window:
            yield ready(window.popleft())
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


#: what preparing one file gives: (path, prepared filing, source, reason), as `ReadResult`
PreparedResult = tuple[str, Prepared | None, Source | None, str | None]
_known_in_worker: frozenset[str] = frozenset()  # the hashes the store holds, set in each worker


def _prepare_one(path: str, real: str, known: frozenset[str]) -> PreparedResult:
    """Read, hash and parse one file and prepare its filing for the store (in a worker, or here)."""
    path, filing, source, reason = read_source(path, known, real)
    if filing is None or source is None:
        return path, None, source, reason
    try:
        checked = precheck(filing)
    except Exception:  # a bug in a check must not stop an import: the store checks the filing itself
        checked = None
    try:
        return path, prepare(filing, source, checked), source, None
    except Exception as exc:
        return path, None, None, _reason(exc)


def _start_worker() -> None:
    """A worker collects its own garbage (forked from the importing process, which does not: `import_paths`)
    and leaves the signals of the explorer, which it may have been forked from, to their default."""
    die_with_parent()
    reset_inherited_signals()
    gc.enable()


def _set_known(known: frozenset[str]) -> None:
    global _known_in_worker
    _start_worker()
    _known_in_worker = known


def _prepare_chunk(names: list[tuple[str, str]]) -> list[PreparedResult]:
    return [_prepare_one(path, real, _known_in_worker) for path, real in names]


def _prepare_all(names: Sequence[tuple[str, str]], known: frozenset[str], workers: int) -> Iterator[PreparedResult]:
    """Every file prepared, in order: here, or in ``workers`` processes, CHUNK files a task, at most AHEAD
    files handed out ahead. A task whose worker died is done again here, file by file.

    The files are prepared here until the work left is worth a pool (`_PoolEstimate`): starting the workers
    costs more than the corpus's 183 files take in one process, so a small import never starts them."""
    if workers <= 1:
        for path, real in names:
            yield _prepare_one(path, real, known)
        return
    estimate = _PoolEstimate(names)
    start = 0
    while start < len(names) and not estimate.worth_a_pool(start):
        path, real = names[start]
        began = time.perf_counter()
        result = _prepare_one(path, real, known)
        estimate.took(path, time.perf_counter() - began)
        start += 1
        yield result
    if start < len(names):
        yield from _prepare_in_pool(names[start:], known, workers)


def _is_pdf_name(path: str) -> bool:
    return path[-4:].lower() == ".pdf"


class _PoolEstimate:
    """How long the files left would take in this process: the mean of the files prepared here so far
    (FILE_SECONDS before any; not the first, which pays for this process's warming up: loading the
    readers and checks, building the holiday calendar, about 0.1 s), PDF_SECONDS for each file named
    .pdf. A pool is worth starting when that is POOL_WORTH_SECONDS or more (a few times what starting one
    costs)."""

    def __init__(self, names: Sequence[tuple[str, str]]) -> None:
        self._pdfs_after = [0] * (len(names) + 1)  # PDFs named among names[i:]
        for i in range(len(names) - 1, -1, -1):
            self._pdfs_after[i] = self._pdfs_after[i + 1] + _is_pdf_name(names[i][0])
        self._count = len(names)
        self._seconds = 0.0
        self._measured = 0
        self._warm = False

    def took(self, path: str, seconds: float) -> None:
        if not self._warm:
            self._warm = True
        elif not _is_pdf_name(path):
            self._seconds += seconds
            self._measured += 1

    def worth_a_pool(self, start: int) -> bool:
        pdfs = self._pdfs_after[start]
        per_file = self._seconds / self._measured if self._measured else FILE_SECONDS
        return pdfs * PDF_SECONDS + (self._count - start - pdfs) * per_file >= POOL_WORTH_SECONDS


def _prepare_in_pool(names: Sequence[tuple[str, str]], known: frozenset[str], workers: int) -> Iterator[PreparedResult]:
    warm_calendar()  # the forked workers inherit the holiday calendar instead of each building it
    # The workers are forked: frozen, the objects this process has made are never scanned by their garbage
    # collector, whose scans would copy every page holding one (copy-on-write). `import_paths` unfreezes.
    gc.freeze()
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_set_known, initargs=(known,))
    chunks = [list(names[i : i + CHUNK]) for i in range(0, len(names), CHUNK)]
    window: deque[tuple[list[tuple[str, str]], Future[list[PreparedResult]]]] = deque()
    try:
        for chunk in chunks:
            window.append((chunk, pool.submit(_prepare_chunk, chunk)))
            while len(window) > max(2 * workers, AHEAD // CHUNK) or (window and window[0][1].done()):
                yield from _chunk_results(*window.popleft(), known)
        while window:
            yield from _chunk_results(*window.popleft(), known)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _chunk_results(
    chunk: list[tuple[str, str]], future: Future[list[PreparedResult]], known: frozenset[str]
) -> list[PreparedResult]:
    try:
        return future.result()
    except Exception:  # the worker died (killed, out of memory): these files are prepared here
        return [_prepare_one(path, real, known) for path, real in chunk]


def default_workers() -> int:
    """The import's worker processes unless told otherwise: two, one on a one-core machine (what `form4
    import --workers` defaults to; the explorer's and the fetch's imports use it too)."""
    return min(2, os.cpu_count() or 1)


def import_paths(
    store: Store,
    paths: Sequence[str | os.PathLike[str]],
    *,
    workers: int = 1,
    progress: ProgressCallback | None = None,
) -> ImportReport:
    """Import every filing under ``paths`` into ``store``; never raises for a bad file.

    Each file is read and hashed once (in the worker that parses it). A file whose path, size and
    modification time match a file imported before is not read at all; a file whose bytes the store
    already holds is hashed but not parsed."""
    report = ImportReport()
    files, failures = collect(paths, report.skipped)
    report.failures.extend(failures)
    total = len(files)
    if progress:
        progress(0, total, "")
    batch: list[tuple[Filing | Prepared, Source]] = []

    def flush(last: bool = False) -> None:
        prepared = store.accepts_prepared
        added = store.add_prepared(batch, last=last) if prepared else store.add_many(batch)  # type: ignore[arg-type]
        gc.freeze()  # what the store keeps (summaries, digests) is no more rescanned by every full collection
        for outcome, fid in added:
            setattr(report, outcome, getattr(report, outcome) + 1)
            report.ids.append(fid)
        batch.clear()

    stats = store.known_files() if files else {}
    names: list[tuple[str, str]] = []
    for done, (path, real) in enumerate(files, start=1):
        known = _unchanged(store, stats, real)
        if known is None:
            names.append((path, real))
            continue
        report.unchanged += 1
        report.ids.append(known)
        if progress:
            progress(done - len(names), total, path)
    skipped = total - len(names)
    if not names:
        return report
    hashes = store.known_hashes()
    state = _Consumer(store, batch, report, flush, progress, total)
    workers = workers if len(names) > 1 else 1
    collecting = gc.isenabled()
    # No cyclic collection in this process while it imports: what it keeps (summaries, digests, the prepared
    # filings handed ahead) is not garbage, and frozen after each batch (see flush) it was still rescanned by
    # the collections the batch's own objects set off (17 % of this process's CPU at 40,000 filings); what
    # the import allocates is freed by reference counting
    gc.disable()
    try:
        with store.bulk():  # (its end writes the lookup files and sources.json: 100k entries each)
            if store.accepts_prepared:
                state.consume(_prepare_all(names, hashes, workers), skipped)
            else:
                state.consume(_read_all(names, hashes, workers), skipped)
            if batch:
                flush(last=True)  # (the store finishes the bulk's checks with it: see TinyDBStore._add)
    finally:
        # Until here what the store keeps is frozen (see flush): 19 % of the writing process's CPU at 10k
        # went to full collections, more at 100k, and the end of the bulk write, unfrozen, spent 4 s of its
        # 8 s at 100k in collections
        gc.unfreeze()
        if collecting:
            gc.enable()
    if state.seen:
        store.remember_sources(state.seen)
    return report


def _unchanged(store: Store, stats: Mapping[str, tuple[int, int, str]], real: str) -> str | None:
    """The id of the filing a file gave when it was imported before, if its size and time are unchanged."""
    entry = stats.get(real)
    try:
        st = os.stat(real) if entry is not None else None
    except OSError:
        return None
    if entry is None or st is None or entry[0] != st.st_size or entry[1] != st.st_mtime_ns:
        return None
    return store.known_source(entry[2])


@dataclass(slots=True)
class _Consumer:
    store: Store
    batch: list[tuple[Filing | Prepared, Source]]
    report: ImportReport
    flush: Callable[[], None]
    progress: ProgressCallback | None
    total: int
    seen: list[tuple[Source, str]] = field(default_factory=list)  # known bytes at a new path or time
    batch_bytes: int = 0  # the size of the files the batch was read from

    def consume(self, results: Iterable[ReadResult] | Iterable[PreparedResult], skipped: int) -> None:
        report = self.report
        for done, (path, filing, source, reason) in enumerate(results, start=skipped + 1):
            if filing is not None and source is not None:
                self.batch.append((filing, source))
                self.batch_bytes += source.size or 0
                full = len(self.batch) >= max(BATCH_SIZE, len(self.store) // BATCH_GROWTH)
                if full or self.batch_bytes >= BATCH_BYTES:
                    self.flush()
                    self.batch_bytes = 0
            elif source is not None and (fid := self.store.known_source(source.sha256)) is not None:
                report.unchanged += 1
                report.ids.append(fid)
                self.seen.append((source, fid))
            elif source is not None:  # known when the import began, gone since: read it after all
                result = read_source(path, frozenset())
                if result[1] is not None and result[2] is not None:
                    item = prepare(result[1], result[2]) if self.store.accepts_prepared else result[1]
                    self.batch.append((item, result[2]))
                else:
                    report.failures.append(ImportFailure(path, result[3] or "unreadable"))
            else:
                report.failures.append(ImportFailure(path, reason or "unreadable"))
            if self.progress:
                self.progress(done, self.total, path)
