"""Issue 10, item 11: the explorer never dies on a full disk, a read-only store or a damaged state
file; its detail pane follows marks made elsewhere; a lock held elsewhere never freezes it."""

from __future__ import annotations

import errno
import fcntl
import os
import threading
from pathlib import Path

import pytest

from tests import hostile
from tests.explorer.helpers import wait_for, widget_text
from tui.app import ExplorerApp
from tui.importer import import_paths
from tui.store import atomic, open_store

SIZE = (120, 40)


def _store(tmp_path: Path, count: int = 2) -> tuple[Path, list[str]]:
    db = tmp_path / "db"
    files = [hostile.variant_xml(tmp_path, f"f{n}.xml", owner=f"Owner {n}") for n in range(count)]
    return db, import_paths(open_store(db), files).ids


async def _started(pilot, app: ExplorerApp) -> None:  # type: ignore[no-untyped-def]
    await wait_for(pilot, lambda: app.list_ready and app.shown_filing_id)


def _failing_writes(monkeypatch: pytest.MonkeyPatch, code: int) -> None:
    def refuse(path: Path, data: bytes) -> None:
        raise OSError(code, os.strerror(code), str(path))

    monkeypatch.setattr(atomic, "write_atomic", refuse)


def _notes(app: ExplorerApp) -> str:
    return "\n".join(str(n.message) for n in app._notifications)


async def test_disk_full_when_saving_a_note_or_a_mark(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db, _ids = _store(tmp_path)
    app = ExplorerApp(db, None, import_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        await _started(pilot, app)
        _failing_writes(monkeypatch, errno.ENOSPC)
        app.action_edit_note()
        await pilot.pause(0.3)
        await pilot.press(*"checked", "enter")
        await wait_for(pilot, lambda: "Could not save the note" in _notes(app))
        await pilot.press("r")
        await wait_for(pilot, lambda: "Could not save the review mark" in _notes(app))
        assert "No space left on device" in _notes(app)
        assert app.is_running


async def test_import_into_a_read_only_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db, _ids = _store(tmp_path)
    app = ExplorerApp(db, None, import_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        await _started(pilot, app)
        _failing_writes(monkeypatch, errno.EROFS)
        app.start_import([str(hostile.variant_xml(tmp_path, "new.xml", owner="New"))], "Importing")
        await wait_for(pilot, lambda: "Could not save the import" in _notes(app), timeout=30)
        assert "Read-only file system" in _notes(app) and app.is_running


async def test_damaged_state_file_at_start_is_one_line_and_exit_2(tmp_path: Path) -> None:
    db, ids = _store(tmp_path)
    open_store(db).set_reviewed(ids[0])
    (db / "user_state.json").write_bytes(b'{"state": {"1": ')
    app = ExplorerApp(db, None, import_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.return_code is not None)
    assert app.return_code == 2


async def test_detail_pane_follows_a_mark_made_elsewhere(tmp_path: Path) -> None:
    db, _ids = _store(tmp_path)
    app = ExplorerApp(db, None, import_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        await _started(pilot, app)
        shown = app.shown_filing_id
        assert shown is not None
        assert "not reviewed" in widget_text(app.query_one("#owner-details"))
        elsewhere = open_store(db)  # another form4, e.g. `form4 review` in a terminal
        elsewhere.set_reviewed(shown)
        elsewhere.set_note(shown, "seen in the other terminal")
        await wait_for(pilot, lambda: "seen in the other terminal" in widget_text(app.query_one("#owner-details")))
        assert "not reviewed" not in widget_text(app.query_one("#owner-details"))


async def test_a_lock_held_elsewhere_does_not_freeze_the_screen(tmp_path: Path) -> None:
    db, _ids = _store(tmp_path, 3)
    app = ExplorerApp(db, None, import_samples=False)
    release = threading.Event()
    held = threading.Event()

    def hold_lock() -> None:
        fd = os.open(db / "lock", os.O_RDWR | os.O_CREAT, 0o644)
        fcntl.flock(fd, fcntl.LOCK_EX)
        held.set()
        release.wait(20)
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)

    async with app.run_test(size=SIZE) as pilot:
        await _started(pilot, app)
        first = app.filing_list.highlighted
        holder = threading.Thread(target=hold_lock, daemon=True)
        holder.start()
        held.wait(5)
        await pilot.press("r")  # waits for the lock in a worker
        await pilot.press("down")  # the screen still answers
        await wait_for(pilot, lambda: app.filing_list.highlighted != first, timeout=5)
        assert first not in app.reviewed  # not written yet: the lock is still held
        release.set()
        await wait_for(pilot, lambda: first in app.reviewed)
        holder.join(5)
