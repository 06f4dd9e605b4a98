"""A store of every corpus filing (its source.xml) for the across-filings tests, and the corpus's ground truth."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CORPUS, corpus_dirs
from tui.across.rows import RowIndex
from tui.across.sync import open_index
from tui.importer import import_paths
from tui.store import Store, open_store


def expected_filings() -> dict[str, dict[str, Any]]:
    """Corpus folder name -> its expected.json."""
    return {d.name: json.loads((d / "expected.json").read_text()) for d in corpus_dirs()}


def owned_after_in_filings(ticker: str, owner_cik: str, security: str) -> list[Decimal]:
    """Every Table I owned-after figure of one owner's filings of one issuer and security, from
    expected.json (the filings' own values), sorted."""
    return sorted(
        Decimal(row["shares_owned_following"])
        for d in expected_filings().values()
        if d["issuer"]["ticker"] == ticker and any(cik(o["cik"]) == owner_cik for o in d["owners"])
        for row in d["non_derivative"]
        if row["security_title"] == security and row["shares_owned_following"]
    )


def cik(value: str | None) -> str:
    return (value or "").lstrip("0")


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = open_store(tmp_path_factory.mktemp("across") / "db")
    report = import_paths(store, sorted(str(p) for p in CORPUS.glob("*/source.xml")))
    assert report.imported == len(corpus_dirs()), report.failures
    return store


@pytest.fixture(scope="session")
def corpus_index(corpus_store: Store) -> RowIndex:
    return open_index(corpus_store)


def folder_of(store: Store, fid: str) -> str:
    """The corpus folder a stored filing was read from."""
    stored = store.get(fid)
    assert stored is not None
    return Path(stored.sources[0].path).parent.name
