"""Stores for the command-line tests, each made once per module with `form4 import` (a test that
writes marks or notes works on a copy: `copy_of`)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.cli.helpers import form4
from tests.conftest import CORPUS, SAMPLES

#: the samples that are XML or full submissions (8 filings; the PDFs repeat them, evbn aside)
SAMPLE_SOURCES = sorted(p for p in SAMPLES.iterdir() if p.suffix in {".xml", ".txt"})


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("samples") / "db"
    result = form4("--db", str(db), "import", *map(str, SAMPLE_SOURCES))
    assert result.returncode == 0, result.stderr
    return db


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not beside this checkout")
    db = tmp_path_factory.mktemp("corpus") / "db"
    result = form4("--db", str(db), "import", *map(str, sorted(CORPUS.glob("*/source.xml"))))
    assert result.returncode == 0, result.stderr
    return db


@pytest.fixture
def copy_of(tmp_path: Path):  # type: ignore[no-untyped-def]
    def copy(db: Path) -> Path:
        target = tmp_path / "copy"
        shutil.copytree(db, target)
        return target

    return copy
