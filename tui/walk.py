"""The files to import under a list of paths: folders walked without recursion (a folder 1,100
levels deep is no problem), each folder and file taken once (symbolic-link loops and two links to one
file are recognised by device and inode, not by name), hidden entries skipped, and everything that
is not read said in one line: a FIFO, socket or device, a broken link, a folder that cannot be read,
a folder with nothing to import."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from tui.safe_open import refusal

#: in a folder, only files with these endings are taken as filings (a README is not a failed filing)
FILING_SUFFIXES = frozenset({".xml", ".txt", ".nc", ".pdf", ".sgml", ".html", ".htm"})

Failure = tuple[str, str]


def _missing(path: Path) -> str:
    return "broken symbolic link" if path.is_symlink() else "no such file or folder"


def collect(
    paths: Iterable[str | os.PathLike[str]], skipped: list[str] | None = None
) -> tuple[list[tuple[str, str]], list[Failure]]:
    """((path as given or walked, real path) of each file to read, in a stable order; (path, reason)
    for each path that is not read). A real path is resolved once per folder, not per file (only
    symbolic links are resolved one by one). Files in folders not named like a filing go to ``skipped``."""
    files: list[tuple[str, str]] = []
    failures: list[Failure] = []
    seen_dirs: set[tuple[int, int]] = set()
    seen_files: set[tuple[int, int]] = set()

    def add_file(path: str, real: str, info: os.stat_result) -> None:
        key = (info.st_dev, info.st_ino)
        if key not in seen_files:
            seen_files.add(key)
            files.append((path, real))

    for raw in paths:
        path = Path(raw)
        try:
            info = os.stat(path)
        except OSError as exc:
            reason = "symbolic link loop" if exc.errno == errno.ELOOP else None
            failures.append((str(path), reason or (_missing(path) if exc.errno == errno.ENOENT else
                                                    f"cannot read: {exc.strerror or exc}")))  # fmt: skip
            continue
        if stat.S_ISDIR(info.st_mode):
            before, again = len(files), (info.st_dev, info.st_ino) in seen_dirs
            passed_over = 0
            for walked, real, walked_info in _walk(path, info, seen_dirs, failures):
                if os.path.splitext(walked)[1].lower() in FILING_SUFFIXES:
                    add_file(walked, real, walked_info)
                else:
                    passed_over += 1
                    if skipped is not None:
                        skipped.append(walked)
            if len(files) == before and not again and not passed_over:
                failures.append((str(path), f"no filings in this folder ({', '.join(sorted(FILING_SUFFIXES))} files)"))
        elif stat.S_ISREG(info.st_mode):
            add_file(str(path), os.path.realpath(path), info)
        else:
            failures.append((str(path), refusal(info.st_mode) or "not a regular file"))
    return files, failures


def _walk(
    top: Path, top_info: os.stat_result, seen_dirs: set[tuple[int, int]], failures: list[Failure]
) -> Iterator[tuple[str, str, os.stat_result]]:
    """(path, real path, stat) of each file: depth first, entries sorted by name (the order a
    recursive walk gives), with an explicit stack."""
    key = (top_info.st_dev, top_info.st_ino)
    if key in seen_dirs:
        return
    seen_dirs.add(key)
    stack: list[tuple[str, Iterator[os.DirEntry[str]]]] = []  # (real path of the folder, its entries)
    listing = _list(top, failures)
    if listing is None:
        return
    stack.append((os.path.realpath(top), iter(listing)))
    while stack:
        folder_real, entries = stack[-1]
        entry = next(entries, None)
        if entry is None:
            stack.pop()
            continue
        if entry.name.startswith("."):
            continue
        path = entry.path
        try:
            info = entry.stat()  # follows links
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                failures.append((path, "symbolic link loop"))
            elif exc.errno == errno.ENOENT:
                failures.append((path, _missing(Path(path))))
            else:
                failures.append((path, f"cannot follow: {exc.strerror or exc}"))
            continue
        real = os.path.realpath(path) if entry.is_symlink() else os.path.join(folder_real, entry.name)
        if stat.S_ISDIR(info.st_mode):
            dir_key = (info.st_dev, info.st_ino)
            if dir_key in seen_dirs:
                continue
            seen_dirs.add(dir_key)
            listing = _list(Path(path), failures)
            if listing is not None:
                stack.append((real, iter(listing)))
        elif stat.S_ISREG(info.st_mode):
            yield path, real, info
        else:
            failures.append((path, refusal(info.st_mode) or "not a regular file"))


def _list(folder: Path, failures: list[Failure]) -> list[os.DirEntry[str]] | None:
    try:
        with os.scandir(folder) as entries:
            return sorted(entries, key=lambda e: e.name)
    except OSError as exc:
        failures.append((str(folder), f"cannot read folder: {exc.strerror or exc}"))
        return None
