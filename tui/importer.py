"""Import files and folders into a store: the one import path that the CLI and the explorer share.

Folders are walked recursively (symlink loops and hidden entries are skipped); a file that cannot be
read is reported with its one-line reason and the import goes on with the rest. Parsing can run in
worker processes; the store is written in batches, each batch atomically.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from tui.model import Filing
from tui.readers import MAX_FILE_BYTES, ReadError, read_bytes, sniff
from tui.store import Source, Store

#: in a folder, only files with these endings are taken as filings (a README is not a failed filing)
FILING_SUFFIXES = frozenset({".xml", ".txt", ".nc", ".pdf", ".sgml"})
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
    """The files to import under ``paths``, in a stable order, and the paths that cannot be walked."""
    files: list[Path] = []
    failures: list[ImportFailure] = []
    seen_dirs: set[str] = set()
    seen_files: set[str] = set()

    def add_file(path: Path) -> None:
        real = os.path.realpath(path)
        if real not in seen_files:
            seen_files.add(real)
            files.append(path)

    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for walked in _walk(path, seen_dirs, failures):
                if walked.suffix.lower() in FILING_SUFFIXES:
                    add_file(walked)
        elif path.is_file():
            add_file(path)
        elif path.is_symlink():
            failures.append(ImportFailure(str(path), "broken symbolic link"))
        else:
            failures.append(ImportFailure(str(path), "no such file or folder"))
    return files, failures


def _walk(top: Path, seen_dirs: set[str], failures: list[ImportFailure]) -> Iterator[Path]:
    real = os.path.realpath(top)
    if real in seen_dirs:
        return
    seen_dirs.add(real)
    try:
        entries = sorted(os.scandir(top), key=lambda e: e.name)
    except OSError as exc:
        failures.append(ImportFailure(str(top), f"cannot read folder: {exc.strerror or exc}"))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            if entry.is_dir():
                yield from _walk(path, seen_dirs, failures)
            elif entry.is_file():
                yield path
            elif entry.is_symlink():
                failures.append(ImportFailure(str(path), "broken symbolic link"))
        except OSError as exc:  # e.g. ELOOP on a self-referencing link
            failures.append(ImportFailure(str(path), f"cannot follow: {exc.strerror or exc}"))


def read_source(path: str) -> tuple[str, Filing | None, Source | None, str | None]:
    """Read one file: (path, filing, source, None) or (path, None, None, reason). Runs in workers."""
    try:
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise ReadError(f"cannot read file: {exc.strerror or exc}") from None
        filing = read_bytes(data)
        source = Source(path=str(Path(path).resolve()), sha256=hashlib.sha256(data).hexdigest(), format=sniff(data))
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
            small = path.stat().st_size <= MAX_FILE_BYTES
            digest = hashlib.sha256(path.read_bytes()).hexdigest() if small else ""
        except OSError:
            digest = ""
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
        with ProcessPoolExecutor(max_workers=workers) as pool:
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
