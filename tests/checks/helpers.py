"""Corpus filings for the checks' tests, read with the one reader (full submissions first: they bring
the filed date), and filings DERIVED from real ones by a stated edit where the corpus has no example."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import CORPUS
from tui.checks import Known
from tui.model import Filing
from tui.readers import read_bytes, read_file


def source(name: str) -> Path:
    folder = CORPUS / name
    return next(folder / n for n in ("source.txt", "source.nc", "source.xml") if (folder / n).is_file())


def corpus_filing(name: str) -> Filing:
    return read_file(source(name))


def known(name: str) -> Known:
    return Known(name, corpus_filing(name))


def derived(name: str, *edits: tuple[bytes, bytes]) -> Filing:
    """A real corpus XML with the given (old, new) byte replacements applied, each exactly once."""
    data = (CORPUS / name / "source.xml").read_bytes()
    for old, new in edits:
        assert data.count(old) == 1, f"{old!r} is not unique in {name}"
        data = data.replace(old, new)
    return read_bytes(data)


def all_corpus() -> list[Known]:
    return [Known(d.name, read_file(source(d.name))) for d in sorted(CORPUS.iterdir()) if d.is_dir()]
