"""Issue 10, item 11: the detail pane follows marks and notes made by another process. (A full disk,
a read-only store, a damaged marks file and a lock held elsewhere are covered by the explorer's own
tests in test_store_calls.py, written for its worker design.)"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests import hostile
from tests.explorer.helpers import wait_for, widget_text
from tui.explorer.app import ExplorerApp
from tui.importer import import_paths
from tui.store import atomic, open_store

SIZE = (120, 40)


def _store(tmp_path: Path, count: int = 2) -> tuple[Path, list[str]]:
    db = tmp_path / "db"
    files = [hostile.variant_xml(tmp_path, f"f{n}.xml", owner=f"Owner {n}") for n in range(count)]
    return db, import_paths(open_store(db), files).ids


async def _started(pilot, app: ExplorerApp) -> None:  # type: ignore[no-untyped-def]
    await wait_for(pilot, lambda: app.main.list_ready and app.main.details.shown)


def _failing_writes(monkeypatch: pytest.MonkeyPatch, code: int) -> None:
    def refuse(path: Path, data: bytes) -> None:
        raise OSError(code, os.strerror(code), str(path))

    monkeypatch.setattr(atomic, "write_atomic", refuse)


def _notes(app: ExplorerApp) -> str:
    return "\n".join(str(n.message) for n in app._notifications)


async def test_detail_pane_follows_a_mark_made_elsewhere(tmp_path: Path) -> None:
    db, _ids = _store(tmp_path)
    app = ExplorerApp(db, None, import_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        await _started(pilot, app)
        shown = app.main.details.shown
        assert shown is not None
        assert "not reviewed" in widget_text(app.query_one("#owner-details"))
        elsewhere = open_store(db)  # another form4, e.g. `form4 review` in a terminal
        elsewhere.set_reviewed(shown)
        elsewhere.set_note(shown, "seen in the other terminal")
        await wait_for(pilot, lambda: "seen in the other terminal" in widget_text(app.query_one("#owner-details")))
        assert "not reviewed" not in widget_text(app.query_one("#owner-details"))
