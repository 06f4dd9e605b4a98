"""The explorer on a team store (a real PostgreSQL server the tests start): the newest filings show at
once, the first of them with its panes, while the store reads its whole index; then the whole list."""

from __future__ import annotations

import threading
import time
import uuid
from pathlib import Path

import pytest

from tests.conftest import needs_corpus, write_variants
from tests.explorer.helpers import wait_for
from tests.store.pg_server import PgServer
from tui.explorer import app as app_module
from tui.explorer import main_screen
from tui.explorer.app import ExplorerApp
from tui.importer import import_paths
from tui.store import StoredFiling, open_store
from tui.store.postgres_index import IndexLoading
from tui.store.postgres_store import PostgresStore


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


def _team_store(pg_server: PgServer, tmp_path: Path, count: int) -> tuple[str, list[str]]:
    url = pg_server.create_database(f"t_{uuid.uuid4().hex[:12]}")
    writer = open_store(url, reviewer="ann")
    import_paths(writer, write_variants(tmp_path / "files", count))
    newest = writer.ids()
    writer.close()
    return url, newest


@needs_corpus
async def test_the_whole_list_is_read_after_the_first_screen_and_keeps_the_filing_moved_to(
    pg_server: PgServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The whole list waits for the first filing's panes; meanwhile the list answers keys, and the
    filing the user moved to stays under the cursor when the whole list replaces the page."""
    url, newest = _team_store(pg_server, tmp_path, 6)
    monkeypatch.setattr(app_module, "FIRST_PAGE", 3)
    reading = IndexLoading._open_index
    go_on = threading.Event()
    panes_at_start: list[str | None] = []
    app = ExplorerApp(url, import_samples=False)

    def gated_index(self: IndexLoading) -> None:
        panes_at_start.append(app.main.details.shown)
        go_on.wait(10)  # the index of a big store, still being read
        reading(self)

    monkeypatch.setattr(IndexLoading, "_open_index", gated_index)
    async with app.run_test(size=(140, 40)) as pilot:
        await wait_for(pilot, lambda: panes_at_start)
        assert panes_at_start == [newest[0]]  # the first filing's panes were shown before the read began
        assert app.main.filing_list.ids == newest[:3]
        await pilot.press("down", "down")  # the list answers while the index is read
        await wait_for(pilot, lambda: app.main.details.shown == newest[2])
        go_on.set()
        await wait_for(pilot, lambda: len(app.main.filing_list.ids) == 6)
        assert app.main.filing_list.ids == newest
        assert app.main.filing_list.highlighted == newest[2]
        assert app.main.details.shown == newest[2]


@needs_corpus
async def test_the_whole_list_is_read_anyway_when_the_first_filing_is_slow_to_come(
    pg_server: PgServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url, newest = _team_store(pg_server, tmp_path, 4)
    monkeypatch.setattr(app_module, "FIRST_PAGE", 2)
    monkeypatch.setattr(main_screen, "FIRST_SCREEN_SECONDS", 0.2)
    monkeypatch.setattr(app_module, "STORE_CHECK_SECONDS", 60.0)  # (its first look would read the index too)
    slow_get, reading = PostgresStore._get_by_id, IndexLoading._open_index
    panes_at_start: list[str | None] = []
    app = ExplorerApp(url, import_samples=False)

    def get_by_id(self: PostgresStore, fid: str) -> StoredFiling | None:
        time.sleep(2)  # a server slow to answer the first filing
        return slow_get(self, fid)

    def index(self: IndexLoading) -> None:
        panes_at_start.append(app.main.details.shown)
        reading(self)

    monkeypatch.setattr(PostgresStore, "_get_by_id", get_by_id)
    monkeypatch.setattr(IndexLoading, "_open_index", index)
    async with app.run_test(size=(140, 40)) as pilot:
        await wait_for(pilot, lambda: panes_at_start)
        assert panes_at_start == [None]  # begun without waiting for the panes
        await wait_for(pilot, lambda: len(app.main.filing_list.ids) == 4 and app.main.details.shown == newest[0])
        assert app.main.filing_list.ids == newest
