"""Snapshots of the explorer's screens (pytest-textual-snapshot). Deterministic: a store built in
tmp_path from the seed filing, a fixed terminal size, nothing on screen that depends on the clock.

Update after an intended change with `pytest tests/test_app_snapshots.py --snapshot-update` and look
at the report before committing."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from tests.explorer import helpers as app_helpers
from tests.explorer.helpers import wait_for
from tui.explorer.app import ExplorerApp
from tui.explorer.widgets.transaction_table import TablePane

# the fixtures (shared with the other explorer test modules; conftest.py belongs to the core tests)
seed_db = app_helpers.seed_db


async def _loaded(pilot: Pilot[None]) -> None:
    app = pilot.app
    assert isinstance(app, ExplorerApp)
    await wait_for(pilot, lambda: app.main.list_ready and app.main.details.shown is not None)


def test_main_screen_with_the_seed_filing(seed_db: Path, snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(ExplorerApp(seed_db, import_samples=False), terminal_size=(120, 40), run_before=_loaded)


def test_footnote_jump_from_a_table_ii_cell(seed_db: Path, snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def jump(pilot: Pilot[None]) -> None:
        await _loaded(pilot)
        table = pilot.app.query_one("#table2", TablePane).table
        table.focus()
        table.move_cursor(row=0, column=next(i for i, c in enumerate(table.columns_shown) if c.key == "date"))
        await pilot.press("f")

    assert snap_compare(ExplorerApp(seed_db, import_samples=False), terminal_size=(120, 40), run_before=jump)


def test_help_screen(seed_db: Path, snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def open_help(pilot: Pilot[None]) -> None:
        await _loaded(pilot)
        await pilot.press("question_mark")

    assert snap_compare(ExplorerApp(seed_db, import_samples=False), terminal_size=(120, 40), run_before=open_help)


def test_help_screen_wide(seed_db: Path, snap_compare) -> None:  # type: ignore[no-untyped-def]
    """At 200 columns the keys and the 20 codes stand side by side, all on one screen."""

    async def open_help(pilot: Pilot[None]) -> None:
        await _loaded(pilot)
        await pilot.press("question_mark")

    assert snap_compare(ExplorerApp(seed_db, import_samples=False), terminal_size=(200, 60), run_before=open_help)


# the layout at the sizes a new user tried (issue 11, item 6): 80x24 one pane beside the list, a table
# taking the whole width, and 200x60 with every pane as high as its content
def test_main_screen_at_80x24(seed_db: Path, snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(ExplorerApp(seed_db, import_samples=False), terminal_size=(80, 24), run_before=_loaded)


def test_a_table_takes_the_whole_width_at_80x24(seed_db: Path, snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def into_the_table(pilot: Pilot[None]) -> None:
        await _loaded(pilot)
        await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(ExplorerApp(seed_db, import_samples=False), terminal_size=(80, 24), run_before=into_the_table)


def test_main_screen_at_200x60(seed_db: Path, snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(ExplorerApp(seed_db, import_samples=False), terminal_size=(200, 60), run_before=_loaded)
