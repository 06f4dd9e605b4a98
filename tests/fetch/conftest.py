from __future__ import annotations

from pathlib import Path

import pytest

from tests.fetch.edgar_server import EdgarServer
from tui.fetch.config import EdgarUrls, FetchSettings
from tui.store import Store, open_store

USER_AGENT = "form4-explorer tests tests@example.com"


@pytest.fixture
def settings(edgar: EdgarServer) -> FetchSettings:
    return FetchSettings(USER_AGENT, EdgarUrls.from_base(edgar.url), backoff=0.01, max_backoff=0.05)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return open_store(tmp_path / "store")
