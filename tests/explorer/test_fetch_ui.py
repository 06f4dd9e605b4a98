"""The fetch dialog and the fetch line, in a small host app, against the local server playing EDGAR."""

from __future__ import annotations

import asyncio
from datetime import date
from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Checkbox, Input

from tests.fetch.edgar_server import EdgarServer
from tui.explorer.widgets.fetch_dialog import FetchDialog, FetchOrder, OrderError, read_order
from tui.explorer.widgets.fetch_status import FetchStatus, fetch_digest
from tui.fetch.config import EdgarUrls, FetchSettings
from tui.store import open_store

UA = "Jane Doe jane@example.com"


class Host(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.answers: list[FetchOrder | None] = []
        self.finished: list[FetchStatus.Finished] = []

    def compose(self) -> ComposeResult:
        yield FetchStatus(id="fetch-status")

    def on_fetch_status_finished(self, message: FetchStatus.Finished) -> None:
        self.finished.append(message)


def test_read_order() -> None:
    order = read_order("TSLA, 1494730", "", "2024-01-01", "", "4", False, UA)
    assert order.request.targets == ("TSLA", "1494730")
    assert (order.request.since, order.request.forms, order.request.amendments) == (date(2024, 1, 1), ("4",), False)
    assert read_order("", "2020-01-03", "", "", "3,4,5", True, UA).request.days == (date(2020, 1, 3),)
    for args, says in (
        (("", "", "", "", "3,4,5", True, UA), "nothing to fetch"),
        (("TSLA", "", "soon", "", "3,4,5", True, UA), "Since: 'soon' is not a date"),
        (("TSLA", "", "", "", "4,8-K", True, UA), "Forms"),
        (("TSLA", "", "", "", "4", True, ""), "name and e-mail"),
        (("TSLA", "", "", "", "4", True, "Jane Doe"), "needs both a name and an e-mail address"),
    ):
        with pytest.raises(OrderError, match=says):
            read_order(*args)


async def test_the_dialog_says_what_is_wrong_and_answers_an_order() -> None:
    app = Host()
    async with app.run_test(size=(110, 36)) as pilot:
        app.push_screen(FetchDialog(), app.answers.append)
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#fetch-targets", Input).value = "TSLA"
        await pilot.click("#fetch-go")
        await pilot.pause()
        assert "User-Agent: EDGAR wants your name and e-mail address" in str(dialog.query_one("#fetch-error").render())
        assert app.answers == []
        dialog.query_one("#fetch-user-agent", Input).value = UA
        dialog.query_one("#fetch-since", Input).value = "2022-11-01"
        dialog.query_one("#fetch-amendments", Checkbox).value = False
        dialog.query_one("#fetch-user-agent", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
    [order] = app.answers
    assert order is not None
    assert (order.request.targets, order.request.since, order.request.amendments) == (
        ("TSLA",),
        date(2022, 11, 1),
        False,
    )
    assert order.user_agent == UA


async def test_the_user_agent_is_filled_in_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FORM4_USER_AGENT", UA)
    app = Host()
    async with app.run_test() as pilot:
        app.push_screen(FetchDialog(), app.answers.append)
        for _ in range(50):
            await pilot.pause(0.02)
            if app.screen.query_one("#fetch-user-agent", Input).value:
                break
        assert app.screen.query_one("#fetch-user-agent", Input).value == UA


async def test_escape_cancels() -> None:
    app = Host()
    async with app.run_test() as pilot:
        app.push_screen(FetchDialog(UA), app.answers.append)
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
    assert app.answers == [None]


async def test_the_fetch_runs_in_a_worker_with_progress_and_reports_failures_one_line_each(
    edgar: EdgarServer, tmp_path: Path
) -> None:
    db = tmp_path / "db"
    settings = FetchSettings(UA, EdgarUrls.from_base(edgar.url), backoff=0.01)
    request = read_order("TSLA NOSUCH", "", "2022-11-01", "", "3,4,5", True, UA).request
    app = Host()
    async with app.run_test() as pilot:
        status = app.query_one(FetchStatus)
        status.start(db, request, settings)
        assert status.running and status.has_class("-active")  # start returned at once: the UI did not wait
        for _ in range(200):
            if app.finished:
                break
            await asyncio.sleep(0.05)
        await pilot.pause()
        assert not status.running and not status.has_class("-active")
    [done] = app.finished
    assert done.error is None and done.report is not None
    assert done.report.downloaded == 2
    assert done.report.failures == ["ticker NOSUCH: not in EDGAR's company tickers file"]
    assert fetch_digest(done.report).splitlines()[1:] == ["• ticker NOSUCH: not in EDGAR's company tickers file"]
    store = open_store(db)
    assert store.resolve("0000899243-22-035394") and store.resolve("0000950170-25-003585")


async def test_e_in_the_explorer_fetches_into_the_store_and_the_list_shows_it(
    edgar: EdgarServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.explorer.helpers import screen_text, wait_for
    from tui.explorer.app import ExplorerApp

    monkeypatch.setenv("FORM4_EDGAR_URL", edgar.url)
    monkeypatch.setenv("FORM4_USER_AGENT", UA)
    app = ExplorerApp(tmp_path / "db", import_samples=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: app.store is not None)
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, FetchDialog))
        dialog = app.screen
        await wait_for(pilot, lambda: dialog.query_one("#fetch-user-agent", Input).value == UA)
        dialog.query_one("#fetch-targets", Input).value = "TSLA NOSUCH"
        dialog.query_one("#fetch-since", Input).value = "2022-11-01"
        await pilot.click("#fetch-go")
        await wait_for(pilot, lambda: not isinstance(app.screen, FetchDialog))
        status = app.main.query_one(FetchStatus)
        await wait_for(pilot, lambda: not status.running, timeout=30)
        await wait_for(pilot, lambda: len(app.store or ()) == 2)
        await wait_for(
            pilot, lambda: "Wilson-Thompson Kathleen" in screen_text(app) and "Musk Elon" in screen_text(app)
        )
        # every failure is one line in the messages (m), with the summary
        [entry] = [e for e in app.journal.entries if e.title.startswith("Fetch from EDGAR")]
        assert entry.title.startswith("Fetch from EDGAR: 2 listed, 0 already in the store, 2 downloaded, 2 imported")
        assert entry.lines == ("ticker NOSUCH: not in EDGAR's company tickers file",)
        await pilot.press("e")  # again: the dialog, and nothing is fetched twice
        await wait_for(pilot, lambda: isinstance(app.screen, FetchDialog))
        await pilot.press("escape")
    assert app.store is not None
    assert app.store.resolve("0000899243-22-035394") and app.store.resolve("0000950170-25-003585")
