"""Every store call of the explorer runs in a worker: a store that is slow (another process holds its lock)
or broken (a damaged marks file) never freezes or kills the screen; a write that fails is taken back."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path

import pytest

import tui.explorer.app
from tests.explorer import helpers as app_helpers
from tests.explorer.helpers import screen_text, wait_for
from tui.explorer.app import ExplorerApp
from tui.explorer.commands import edit_note
from tui.store import open_store

seed_db = app_helpers.seed_db

SIZE = (120, 40)
#: a child process that holds the store's writer lock (flock, as every form4 writer takes it) for a while
HOLD_LOCK = (
    "import fcntl, os, sys, time\n"
    "fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o644)\n"
    "fcntl.flock(fd, fcntl.LOCK_EX)\n"
    "print('locked', flush=True)\n"
    "time.sleep(float(sys.argv[2]))\n"
)


def make_app(db: Path) -> ExplorerApp:
    return ExplorerApp(db, [], import_samples=False)


async def started(pilot, app: ExplorerApp) -> None:  # type: ignore[no-untyped-def]
    await wait_for(pilot, lambda: app.main.list_ready and app.main.details.shown is not None)


class LagMeter:
    """How late the event loop answers a 5 ms timer (what a person feels as a frozen screen)."""

    def __init__(self, app: ExplorerApp) -> None:
        self.loop = asyncio.get_running_loop()
        self.last = self.loop.time()
        self.worst = 0.0
        self.timer = app.set_interval(0.005, self.tick)

    def tick(self) -> None:
        now = self.loop.time()
        self.worst = max(self.worst, now - self.last - 0.005)
        self.last = now


def messages(app: ExplorerApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_r_while_another_process_holds_the_lock_keeps_the_screen_live(seed_db: Path) -> None:
    """Defect: `r` wrote on the UI thread, so the screen froze while another form4 held the lock."""
    app = make_app(seed_db)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot, app)
        filing_id = app.main.filing_list.highlighted
        assert filing_id is not None
        child = subprocess.Popen(
            [sys.executable, "-c", HOLD_LOCK, str(seed_db / "lock"), "2.5"], stdout=subprocess.PIPE
        )
        try:
            assert child.stdout is not None and child.stdout.readline().strip() == b"locked"
            await pilot.press("r")  # before the fix this waited for the lock, the whole screen frozen
            # the ✓ shows at once, while the other process still holds the lock
            await wait_for(pilot, lambda: "✓ 2023-12-12" in screen_text(app))
            assert child.poll() is None, "the ✓ waited for the lock"
            # and while the write waits for the lock, the event loop goes on answering a 5 ms timer
            meter = LagMeter(app)
            await pilot.pause(0.8)
            meter.timer.stop()
            assert child.poll() is None  # the lock was held during the whole measurement
            assert meter.worst < 0.1, f"the event loop stalled {meter.worst * 1000:.0f} ms"
            assert not open_store(seed_db).state(filing_id).reviewed  # not on disk yet: the lock is held
        finally:
            await asyncio.to_thread(child.wait)
        # the lock is free: the mark lands
        await wait_for(pilot, lambda: open_store(seed_db).state(filing_id).reviewed, timeout=10)
        await wait_for(pilot, lambda: "✓ reviewed" in screen_text(app))
        assert app.is_running and not messages(app)


async def test_a_marks_file_damaged_while_running_is_one_line_and_the_app_goes_on(
    seed_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Defect: the 2-second store check's worker died on the StoreError and took the app with it."""
    monkeypatch.setattr(tui.explorer.app, "STORE_CHECK_SECONDS", 0.2)
    app = make_app(seed_db)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot, app)
        state_file = seed_db / "user_state.json"
        state_file.write_text("{this is not json", encoding="utf-8")  # unreadable for the store
        await wait_for(pilot, lambda: any("cannot be read" in n for n in messages(app)))
        await pilot.pause(1.0)  # several store checks later: still running, still one line
        assert app.is_running
        problems = [n for n in messages(app) if "cannot be read" in n]
        assert len(problems) == 1 and "\n" not in problems[0], problems
        assert "user_state.json" in problems[0]
        # a mark cannot be saved now: the ✓ goes away again and one line says why
        await pilot.press("r")
        await wait_for(pilot, lambda: any(n.startswith("Review mark not saved:") for n in messages(app)))
        await pilot.pause()
        assert "✓" not in screen_text(app) and not app.main.marks.reviewed
        assert state_file.read_text(encoding="utf-8") == "{this is not json"  # left untouched
        # the list still answers
        await pilot.press("slash", *"caruso")
        await wait_for(pilot, lambda: app.main.filters.name == "caruso" and len(app.main.filing_list.ids) == 1)
        assert app.is_running


async def test_a_failed_write_takes_back_the_mark_it_showed(seed_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = make_app(seed_db)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot, app)
        store = app.store
        assert store is not None

        def refuse(*_args: object) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(store, "set_reviewed", refuse)
        await pilot.press("r")
        await wait_for(pilot, lambda: any("Review mark not saved" in n for n in messages(app)))
        await pilot.pause()
        assert "✓" not in screen_text(app)
        assert messages(app) == ["Review mark not saved: [Errno 28] No space left on device"]
        monkeypatch.setattr(store, "set_note", refuse)
        edit_note(app.main)
        await pilot.pause()
        await pilot.press(*"checked", "enter")
        await wait_for(pilot, lambda: any("Note not saved" in n for n in messages(app)))
        assert app.is_running


async def test_a_store_that_cannot_be_opened_exits_cleanly_with_the_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    app = make_app(not_a_folder)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: not app.is_running or app.return_code is not None)
    assert app.return_code == 2
    said = " ".join(capsys.readouterr().err.split())
    assert said.startswith("form4: ") and "file: not a store folder" in said
    assert "Traceback" not in said
