"""Import files and folders into a store: the one import path that the CLI and the explorer share.

Folders are walked recursively (symlink loops and hidden entries are skipped); a file that cannot be
read is reported with its one-line reason and the import goes on with the rest. Parsing can run in
worker processes; the store is written in batches, each batch atomically.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from tui.model import Filing
from tui.readers import ReadError, read_bytes, sniff
from tui.readers.pdf_limits import PARSE_MEMORY_BYTES, PARSE_SECONDS
from tui.safe_open import MAX_FILE_BYTES, FileRefused, read_regular
from tui.safe_text import storable_path
from tui.sandbox import OverBudget, die_with_parent, run_limited
from tui.store import Source, Store
from tui.walk import FILING_SUFFIXES, collect

__all__ = ["FILING_SUFFIXES", "ImportFailure", "ImportReport", "collect_files", "import_paths", "read_source"]
#: filings per store write; a large store takes larger batches, because every batch rewrites its index
BATCH_SIZE = 250


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

    @property
    def failed(self) -> int:
        return len(self.failures)

    def summary(self) -> str:
        return f"{self.imported} imported, {self.updated} updated, {self.unchanged} unchanged, {self.failed} failed"


ProgressCallback = Callable[[int, int, str], None]


def collect_files(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[Path], list[ImportFailure]]:
    """The files to import under ``paths``, in a stable order, and the paths that are not read
    (see `tui.walk`: no recursion limit, special files named)."""
    files, failures = collect(paths)
    return [Path(path) for path, _real in files], [ImportFailure(path, reason) for path, reason in failures]


def _parse(data: bytes) -> Filing:
    """Parse in this process, or for a PDF in a child process with a memory and time budget."""
    if sniff(data) != "pdf":
        return read_bytes(data)
    try:
        return run_limited(read_bytes, data, memory_bytes=PARSE_MEMORY_BYTES, seconds=PARSE_SECONDS)
    except OverBudget as exc:
        raise ReadError(exc.reason) from None


def read_source(path: str) -> tuple[str, Filing | None, Source | None, str | None]:
    """Read one file: (path, filing, source, None) or (path, None, None, reason). Runs in workers."""
    try:
        try:
            data = read_regular(path, MAX_FILE_BYTES)
        except FileRefused as exc:
            raise ReadError(exc.reason) from None
        filing = _parse(data)
        source = Source(
            path=storable_path(Path(path).resolve()), sha256=hashlib.sha256(data).hexdigest(), format=sniff(data)
        )
        return path, filing, source, None
    except ReadError as exc:
        return path, None, None, exc.reason
    except MemoryError:
        return path, None, None, "too large to read in memory"
    except Exception as exc:  # a reader bug must not stop an import of thousands of files
        return path, None, None, f"unexpected error while reading ({type(exc).__name__}: {exc})"


def import_paths(
    store: Store,
    paths: Sequence[str | os.PathLike[str]],
    *,
    workers: int = 1,
    progress: ProgressCallback | None = None,
) -> ImportReport:
    """Import every filing under ``paths`` into ``store``; never raises for a bad file."""
    files, failures = collect_files(paths)
    report = ImportReport(failures=list(failures))
    total = len(files)
    if progress:
        progress(0, total, "")
    batch: list[tuple[Filing, Source]] = []

    def flush() -> None:
        for outcome, fid in store.add_many(batch):
            setattr(report, outcome, getattr(report, outcome) + 1)
            report.ids.append(fid)
        batch.clear()

    # a file whose bytes were imported before is not parsed again
    names: list[str] = []
    for done, path in enumerate(files, start=1):
        try:
            digest = hashlib.sha256(read_regular(path, MAX_FILE_BYTES)).hexdigest()
        except FileRefused:
            digest = ""  # read_source says why
        known = store.known_source(digest) if digest else None
        if known is None:
            names.append(str(path))
            continue
        report.unchanged += 1
        report.ids.append(known)
        if progress:
            progress(done - len(names), total, str(path))
    skipped = total - len(names)
    if workers > 1 and len(names) > 1:
        with ProcessPoolExecutor(max_workers=workers, initializer=die_with_parent) as pool:
            results: Iterable[tuple[str, Filing | None, Source | None, str | None]] = pool.map(
                read_source, names, chunksize=4
            )
            _consume(results, batch, report, flush, store, progress, total, skipped)
    else:
        _consume(map(read_source, names), batch, report, flush, store, progress, total, skipped)
    if batch:
        flush()
    return report


def _consume(
    results: Iterable[tuple[str, Filing | None, Source | None, str | None]],
    batch: list[tuple[Filing, Source]],
    report: ImportReport,
    flush: Callable[[], None],
    store: Store,
    progress: ProgressCallback | None,
    total: int,
    skipped: int,
) -> None:
    for done, (path, filing, source, reason) in enumerate(results, start=skipped + 1):
        if filing is not None and source is not None:
            batch.append((filing, source))
            if len(batch) >= max(BATCH_SIZE, len(store) // 8):
                flush()
        else:
            report.failures.append(ImportFailure(path, reason or "unreadable"))
        if progress:
            progress(done, total, path)
