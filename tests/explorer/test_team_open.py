"""The explorer on a team store (a real PostgreSQL server the tests start): the newest filings show at
once, the first of them with its panes, while the store reads its whole index; then the whole list."""

from __future__ import annotations

import time
import uuid
from pathlib import Path

import pytest

from tests.conftest import needs_corpus, write_variants
from tests.explorer.helpers import wait_for
from tests.store.pg_server import PgServer
from tui.explorer import app as app_module
from tui.explorer.app import ExplorerApp
from tui.importer import import_paths
from tui.store import open_store
from tui.store.postgres_index import IndexLoading


@needs_corpus
async def test_the_newest_filings_show_before_the_whole_list_then_the_whole_list(
    pg_server: PgServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = pg_server.create_database(f"t_{uuid.uuid4().hex[:12]}")
    writer = open_store(url, reviewer="ann")
    import_paths(writer, write_variants(tmp_path / "files", 6))
    newest = writer.ids()
    writer.set_reviewed(newest[0])
    writer.close()
    monkeypatch.setattr(app_module, "FIRST_PAGE", 2)
    reading = IndexLoading._open_index

    def slow_index(self: IndexLoading) -> None:
        time.sleep(4)  # a big store's index: the first page must not wait for it
        reading(self)

    monkeypatch.setattr(IndexLoading, "_open_index", slow_index)
    app = ExplorerApp(url, import_samples=False)
    async with app.run_test(size=(140, 40)) as pilot:
        await wait_for(pilot, lambda: app.main.list_ready and app.main.details.shown is not None)
        assert app.main.filing_list.ids == newest[:2] and app.main.total == 6
        assert app.main.details.shown == newest[0]  # its filing loaded without the index
        assert newest[0] in app.main.marks.reviewed
        await wait_for(pilot, lambda: len(app.main.filing_list.ids) == 6)
        assert app.main.filing_list.ids == newest
        assert app.main.filing_list.highlighted == newest[0]
