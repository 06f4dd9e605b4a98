"""What the list says (issue 11, item 10: which date, the insider a search matched, notes) and the
filters on the 10b5-1 box, the form type and dates (item 17), checked on the screen with Pilot.
Expected values come from the corpus filings' expected.json."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from tests.explorer import helpers as app_helpers
from tests.explorer.helpers import CORPUS, screen_text, wait_for, widget_text
from tui.explorer.app import ExplorerApp
from tui.explorer.screens.prompt_dialog import PromptDialog
from tui.store import open_store

seed_db = app_helpers.seed_db
corpus_db = app_helpers.corpus_db
_corpus_db_template = app_helpers._corpus_db_template

SIZE = (120, 40)


def make_app(db: Path) -> ExplorerApp:
    return ExplorerApp(db, [], import_samples=False)


async def started(pilot, app: ExplorerApp) -> None:  # type: ignore[no-untyped-def]
    await wait_for(pilot, lambda: app.main.list_ready and app.main.details.shown is not None)


def expected() -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(p.read_text()) for p in sorted(CORPUS.glob("*/expected.json"))]


def list_lines(app: ExplorerApp) -> list[str]:
    left = app.main.left.region
    return [line[left.x : left.right] for line in screen_text(app).splitlines()]


# ---------------------------------------------------------------------- 10. which date the list shows
async def test_the_list_has_a_header_that_says_which_date(corpus_db: Path) -> None:
    """The corpus XMLs carry no filed date: the list shows the latest signature date, marked `s`."""
    newest = max(expected(), key=lambda e: max(s["date"] for s in e["signatures"]))
    signed = max(s["date"] for s in newest["signatures"])
    app = make_app(corpus_db)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot, app)
        lines = list_lines(app)
        header = next(line for line in lines if "Form" in line and "Ticker" in line)
        assert "Filed" in header and "Issuer" in header
        first = lines[lines.index(header) + 1]
        assert f"{signed}s" in first and newest["issuer"]["ticker"] in first
        assert app.main.left.header.tooltip and "signature" in str(app.main.left.header.tooltip)


# ---------------------------------------------------------------------- 10. the insider the search matched
async def test_a_joint_filings_line_shows_the_insider_the_search_matched(corpus_db: Path) -> None:
    joint = next(e for e in expected() if len(e["owners"]) >= 5 and e["issuer"]["ticker"] == "MVEN")
    last = joint["owners"][-1]["name"]  # RILEY BRYANT R, the ninth owner: "bryant" is in no other name
    others = " ".join(o["name"] for o in joint["owners"][:-1]).lower()
    query = next(word for word in last.lower().split() if word not in others)
    app = make_app(corpus_db)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot, app)
        await pilot.press("slash")
        await pilot.press(*query)
        await wait_for(pilot, lambda: app.main.filters.name == query)
        await wait_for(pilot, lambda: len(app.main.filing_list.ids) < 10)
        await pilot.pause(0.3)
        lines = list_lines(app)
        row = next(i for i, line in enumerate(lines) if "MVEN" in line)
        assert lines[row + 1][1:].lstrip(" ✎").startswith(last)  # not the first of its nine owners


# ---------------------------------------------------------------------- 10. notes show in the list
async def test_a_note_shows_as_a_mark_in_the_list(seed_db: Path) -> None:
    store = open_store(seed_db)
    (filing_id,) = store.ids()
    app = make_app(seed_db)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot, app)
        assert "✎" not in "\n".join(list_lines(app))
        app.main.explorer.save_note(filing_id, "ask the issuer about F1")
        await wait_for(pilot, lambda: "✎ CARUSO JAMES V" in "\n".join(list_lines(app)))
    store.set_note(filing_id, None)
    open_store(seed_db).set_note(filing_id, "from another terminal")
    again = make_app(seed_db)
    async with again.run_test(size=SIZE) as pilot:
        await started(pilot, again)
        assert "✎ CARUSO JAMES V" in "\n".join(list_lines(again))


# ---------------------------------------------------------------------- 17. filters: 10b5-1, form, dates
async def test_the_10b5_1_filter_from_the_palette_shows_in_the_filter_line_and_clears(corpus_db: Path) -> None:
    from textual.command import CommandPalette

    with_plan = sum(1 for e in expected() if e["aff10b5_one"] is True)
    assert with_plan
    app = make_app(corpus_db)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot, app)
        total = len(app.main.filing_list.ids)
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"10b5-1 plan box checked")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await wait_for(pilot, lambda: len(app.main.filing_list.ids) == with_plan)
        await pilot.pause()
        assert "10b5-1 checked" in widget_text(app.main.left.filter_line)
        app.main.action_clear_filters()
        await wait_for(pilot, lambda: len(app.main.filing_list.ids) == total)
        await pilot.pause()
        assert "10b5-1" not in widget_text(app.main.left.filter_line)


async def test_form_and_date_filters_ask_check_and_show(corpus_db: Path) -> None:
    from tui.explorer.filter_commands import ask_dates, ask_form

    everything = expected()
    form_3 = sum(1 for e in everything if e["document_type"] == "3")
    app = make_app(corpus_db)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot, app)
        main = app.main
        ask_form(main)
        await wait_for(pilot, lambda: isinstance(app.screen, PromptDialog))
        await pilot.press("3", "enter")
        await wait_for(pilot, lambda: len(main.filing_list.ids) == form_3)
        assert all(main.filing_list.summaries[i].form == "3" for i in main.filing_list.ids)
        await pilot.pause()
        assert "form 3" in widget_text(main.left.filter_line)
        ask_form(main)  # a form type no filing can have: said, and the filter stays
        await wait_for(pilot, lambda: isinstance(app.screen, PromptDialog))
        await pilot.press("ctrl+u", *"4/Z", "enter")
        await wait_for(pilot, lambda: app.screen is main)
        assert main.filters.form == "3"
        main.action_clear_filters()
        ask_dates(main)
        await wait_for(pilot, lambda: isinstance(app.screen, PromptDialog))
        await pilot.press(*"2024-01-01..2024-12-31", "enter")
        await wait_for(pilot, lambda: main.filters.since == date(2024, 1, 1))
        await wait_for(pilot, lambda: 0 < len(main.filing_list.ids) < len(everything))
        days = [main.filing_list.summaries[i].date[:10] for i in main.filing_list.ids]
        assert all("2024-01-01" <= day <= "2024-12-31" for day in days)
        await pilot.pause()
        assert "dates 2024-01-01..2024-12-31" in widget_text(main.left.filter_line)
