"""The team's review in the explorer: a filing's review history (h), who marked it and when, and the
"reviewed by me / by others / by nobody" filters from the command palette — on a TinyDB store, as a
reviewer sees them (the store calls behind them are the same for both backends: tests/store)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.geometry import Region

from tests.explorer import helpers
from tests.explorer.helpers import REPO, screen_text, wait_for
from tui.explorer.app import ExplorerApp
from tui.explorer.screens.history_screen import HistoryScreen
from tui.store import StoreError, open_store

seed_db = helpers.seed_db
corpus_db = helpers.corpus_db
_corpus_db_template = helpers._corpus_db_template
SIZE = (140, 40)


def make_app(db: Path) -> ExplorerApp:
    return ExplorerApp(db, import_samples=False)


async def started(pilot, app: ExplorerApp) -> None:  # type: ignore[no-untyped-def]
    await wait_for(pilot, lambda: app.main.list_ready and app.main.details.shown is not None)


def history_lines(app: ExplorerApp) -> list[str]:
    """The rows of the history table on screen (one per change, the header left out)."""
    widget = app.screen.query_one("#history-text")
    strips = widget.render_lines(Region(0, 0, widget.size.width, widget.size.height))
    lines = ["".join(segment.text for segment in strip).rstrip() for strip in strips]
    return [line for line in lines if "ago)" in line or "just now" in line]


async def palette(pilot, app: ExplorerApp, command: str) -> None:  # type: ignore[no-untyped-def]
    """Run one command of the palette by typing its name."""
    await pilot.press("ctrl+p")
    await pilot.press(*command)
    await wait_for(pilot, lambda: command in screen_text(app))
    await pilot.press("enter")


async def test_h_shows_who_changed_what_and_when_newest_first_as_typed(
    seed_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fid = open_store(seed_db).ids()[0]
    open_store(seed_db, reviewer="ann").set_note(fid, "[b]grant[/b] ok")
    open_store(seed_db, reviewer="bob").set_reviewed(fid, True)
    monkeypatch.setenv("FORM4_REVIEWER", "carol")
    app = make_app(seed_db)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot, app)
        # who marked it, and when, in the owner pane
        await wait_for(pilot, lambda: "by bob" in screen_text(app))
        assert "✓ reviewed" in screen_text(app)
        await pilot.press("h")
        await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen))
        await pilot.pause()
        lines = history_lines(app)
        assert len(lines) == 2
        assert "bob" in lines[0] and "not reviewed → reviewed" in lines[0]  # newest first
        assert "ann" in lines[1] and "— → [b]grant[/b] ok" in lines[1]  # the note as typed, not markup
        assert "2 changes, newest first" in screen_text(app)
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, HistoryScreen))
        # a mark made here is in the history the next time it is opened, under this reviewer's name
        await pilot.press("r")  # bob's mark taken back
        await wait_for(pilot, lambda: len(open_store(seed_db).history(fid)) == 3)
        await pilot.press("h")
        await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen))
        await pilot.pause()
        first = history_lines(app)[0]
        assert "carol" in first and "reviewed → not reviewed" in first
        await pilot.press("escape", "r")
        await wait_for(pilot, lambda: "by carol" in screen_text(app))
    assert [h.reviewer for h in open_store(seed_db).history(fid)] == ["ann", "bob", "carol", "carol"]


async def test_a_history_that_cannot_be_read_is_one_notification(seed_db: Path) -> None:
    app = make_app(seed_db)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot, app)
        assert app.store is not None

        def gone(key: str) -> list[object]:
            raise StoreError("postgresql://team@db.example:5432/form4: cannot read the history: server closed")

        app.store.history = gone  # type: ignore[method-assign,assignment]
        await pilot.press("h")
        await wait_for(pilot, lambda: any("history not read" in str(n.message) for n in app._notifications))
        assert not isinstance(app.screen, HistoryScreen)
        assert app.main.details.shown is not None  # the screen keeps what it shows


async def test_reviewed_by_me_others_nobody_from_the_palette(corpus_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ids = open_store(corpus_db).ids()
    mine, theirs = [ids[0], ids[2]], [ids[1]]
    for fid in mine:
        open_store(corpus_db, reviewer="dana").set_reviewed(fid, True)
    open_store(corpus_db, reviewer="eve").set_reviewed(theirs[0], True)
    monkeypatch.setenv("FORM4_REVIEWER", "dana")
    app = make_app(corpus_db)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot, app)
        await palette(pilot, app, "Filter: reviewed by me")
        await wait_for(pilot, lambda: app.main.filing_list.ids == mine)
        assert f"2 of {len(ids)} filings · reviewed by me" in screen_text(app)
        await palette(pilot, app, "Filter: reviewed by others")
        await wait_for(pilot, lambda: app.main.filing_list.ids == theirs)
        assert "reviewed by others" in screen_text(app)
        await palette(pilot, app, "Filter: reviewed by nobody")
        await wait_for(pilot, lambda: len(app.main.filing_list.ids) == len(ids) - 3)
        # marking a filing takes it out of "reviewed by nobody"
        first = app.main.filing_list.ids[0]
        await pilot.press("r")
        await wait_for(pilot, lambda: first not in app.main.filing_list.ids)
        assert len(app.main.filing_list.ids) == len(ids) - 4
        await palette(pilot, app, "Filter: reviewed by anyone (clear)")
        await wait_for(pilot, lambda: len(app.main.filing_list.ids) == len(ids))
        assert "reviewed by" not in screen_text(app)
        # "Clear filters" clears it too
        await palette(pilot, app, "Filter: reviewed by me")
        await wait_for(pilot, lambda: len(app.main.filing_list.ids) == 3)
        await palette(pilot, app, "Clear filters")
        await wait_for(pilot, lambda: len(app.main.filing_list.ids) == len(ids))
        assert app.main.filters.reviewed_by is None


async def test_the_help_and_the_readme_name_the_history_key(seed_db: Path) -> None:
    app = make_app(seed_db)
    async with app.run_test(size=(120, 60)) as pilot:
        await started(pilot, app)
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: "review history" in screen_text(app))
        assert re.search(r"(^|\s)h\s+the filing's review history: who changed what, when", screen_text(app), re.M)
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "| | `h` | the highlighted filing's review history" in readme
    assert "*reviewed by me / by others / by nobody*" in readme
