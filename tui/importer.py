"""Import files and folders into a store: the one import path that the CLI and the explorer share.

Folders are walked recursively (symlink loops and hidden entries are skipped); a file that cannot be
read is reported with its one-line reason and the import goes on with the rest. Parsing can run in
worker processes; the store is written in batches, each batch atomically.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from tui.checks import Prechecked, precheck, remember
from tui.model import Filing
from tui.readers import MAX_FILE_BYTES, ReadError, read_bytes, sniff
from tui.readers.registry import rank_of
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
    """(path as given or walked, real path) of every file to import, and the paths that cannot be walked.
    A real path is resolved once per folder, not per file (only symbolic links are resolved one by one).
    Files in folders whose names are not a filing's are appended to ``skipped``; a file named
    explicitly is read whatever its name (its bytes decide its format)."""
    files: list[tuple[str, str]] = []
    failures: list[ImportFailure] = []
    seen_dirs: set[str] = set()
    seen_files: set[str] = set()

    def add_file(shown: str, real: str) -> None:
        if real not in seen_files:
            seen_files.add(real)
            files.append((shown, real))

    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for shown, real in _walk(str(path), os.path.realpath(path), seen_dirs, failures):
                if os.path.splitext(shown)[1].lower() in FILING_SUFFIXES:
                    add_file(shown, real)
                elif skipped is not None:
                    skipped.append(shown)
        elif path.is_file():
            add_file(str(path), os.path.realpath(path))
        elif path.is_symlink():
            failures.append(ImportFailure(str(path), "broken symbolic link"))
        else:
            failures.append(ImportFailure(str(path), "no such file or folder"))
    return files, failures


def _walk(top: str, real: str, seen_dirs: set[str], failures: list[ImportFailure]) -> Iterator[tuple[str, str]]:
    if real in seen_dirs:
        return
    seen_dirs.add(real)
    try:
        entries = sorted(os.scandir(top), key=lambda e: e.name)
    except OSError as exc:
        failures.append(ImportFailure(top, f"cannot read folder: {exc.strerror or exc}"))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            link = entry.is_symlink()
            entry_real = os.path.realpath(entry.path) if link else os.path.join(real, entry.name)
            if entry.is_dir():
                yield from _walk(entry.path, entry_real, seen_dirs, failures)
            elif entry.is_file():
                yield entry.path, entry_real
            elif link:
                failures.append(ImportFailure(entry.path, "broken symbolic link"))
        except OSError as exc:  # e.g. ELOOP on a self-referencing link
            failures.append(ImportFailure(entry.path, f"cannot follow: {exc.strerror or exc}"))


def source_rank(fmt: str) -> int:
    """How much of a filing a format carries, from the reader registry (the store never imports a reader)."""
    return rank_of(fmt)


#: in a worker: the sha256 of the files the store already holds (set once per worker process)
_known_hashes: frozenset[str] = frozenset()


def _init_worker(known: frozenset[str]) -> None:
    global _known_hashes
    _known_hashes = known


#: what reading one file gives: (path, filing, source, reason); a file whose bytes the store already
#: holds comes back with no filing and no reason, only its source (hashed, not parsed)
ReadResult = tuple[str, Filing | None, Source | None, str | None]


def read_source(path: str, known: frozenset[str] | None = None, real: str | None = None) -> ReadResult:
    """Read one file once: hash its bytes and, unless the store already holds them, parse them.
    Runs in worker processes. ``real`` is the file's real path, if the caller has it."""
    known = _known_hashes if known is None else known
    try:
        try:
            st = os.stat(path)
            if st.st_size > MAX_FILE_BYTES:
                raise ReadError(f"file too large ({st.st_size // (1024 * 1024)} MB)")
            with open(path, "rb") as fh:
                data = fh.read()
        except OSError as exc:
            raise ReadError(f"cannot read file: {exc.strerror or exc}") from None
        sha = hashlib.sha256(data).hexdigest()
        real = real or os.path.realpath(path)
        if sha in known:  # bytes the store holds: hashed, not parsed
            return path, None, Source(real, sha, "", 0, st.st_size, st.st_mtime_ns), None
        fmt = sniff(data)
        source = Source(real, sha, fmt, source_rank(fmt), st.st_size, st.st_mtime_ns)
        return path, read_bytes(data), source, None
    except ReadError as exc:
        return path, None, None, exc.reason
    except MemoryError:
        return path, None, None, "too large to read in memory"
    except Exception as exc:  # a reader bug must not stop an import of thousands of files
        return path, None, None, f"unexpected error while reading ({type(exc).__name__}: {exc})"


def _read_item(item: tuple[str, str]) -> tuple[ReadResult, Prechecked | None]:
    """In a worker: read the file, and work out the review checks that need only the filing (so that
    the main process, which writes the store, only compares it with its owner-issuer group)."""
    result = read_source(item[0], None, item[1])
    return result, precheck(result[1]) if result[1] is not None else None


def _remembered(results: Iterable[tuple[ReadResult, Prechecked | None]]) -> Iterator[ReadResult]:
    for result, pre in results:
        if pre is not None and result[1] is not None:
            remember(result[1], pre)
        yield result


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
    batch: list[tuple[Filing, Source]] = []

    def flush() -> None:
        for outcome, fid in store.add_many(batch):
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
    if workers > 1 and len(names) > 1:
        with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(hashes,)) as pool:
            state.consume(_remembered(pool.map(_read_item, names, chunksize=16)), skipped)
    else:
        state.consume((read_source(path, hashes, real) for path, real in names), skipped)
    if batch:
        flush()
    if state.seen:
        store.remember_sources(state.seen)
    return report


def _unchanged(store: Store, stats: Mapping[str, tuple[int, int, str]], real: str) -> str | None:
    """The id of the filing a file gave when it was imported before, if its size and time are unchanged."""
    entry = stats.get(real)
    if entry is None:
        return None
    try:
        st = os.stat(real)
    except OSError:
        return None
    if entry is None or entry[0] != st.st_size or entry[1] != st.st_mtime_ns:
        return None
    return store.known_source(entry[2])


@dataclass(slots=True)
class _Consumer:
    store: Store
    batch: list[tuple[Filing, Source]]
    report: ImportReport
    flush: Callable[[], None]
    progress: ProgressCallback | None
    total: int
    seen: list[tuple[Source, str]] = field(default_factory=list)  # known bytes at a new path or time

    def consume(self, results: Iterable[ReadResult], skipped: int) -> None:
        report = self.report
        for done, (path, filing, source, reason) in enumerate(results, start=skipped + 1):
            if filing is not None and source is not None:
                self.batch.append((filing, source))
                if len(self.batch) >= max(BATCH_SIZE, len(self.store) // 8):
                    self.flush()
            elif source is not None and (fid := self.store.known_source(source.sha256)) is not None:
                report.unchanged += 1
                report.ids.append(fid)
                self.seen.append((source, fid))
            elif source is not None:  # known when the import began, gone since: read it after all
                result = read_source(path, frozenset())
                if result[1] is not None and result[2] is not None:
                    self.batch.append((result[1], result[2]))
                else:
                    report.failures.append(ImportFailure(path, result[3] or "unreadable"))
            else:
                report.failures.append(ImportFailure(path, reason or "unreadable"))
            if self.progress:
                self.progress(done, self.total, path)
