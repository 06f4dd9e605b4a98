"""What a new user hit (issue 11), each checked on the screen with Pilot."""

from __future__ import annotations

import os
from pathlib import Path

from textual import events

from tests.explorer import helpers as app_helpers
from tests.explorer.helpers import screen_text, wait_for, widget_text
from tui.explorer.app import ExplorerApp
from tui.store import open_store

seed_db = app_helpers.seed_db
corpus_db = app_helpers.corpus_db
_corpus_db_template = app_helpers._corpus_db_template

SIZE = (120, 40)


def send_burst(app: ExplorerApp, text: str) -> None:
    """The keys of "/" + ``text`` as a terminal sends a paste or fast typing: all in the queue before
    the first is handled."""
    driver = app._driver
    assert driver is not None
    for key, character in [("slash", "/"), *((c, c) for c in text)]:
        event = events.Key(key, character)
        event.set_sender(app)
        driver.send_message(event)


def make_app(db: Path) -> ExplorerApp:
    return ExplorerApp(db, [], import_samples=False)


async def started(pilot, app: ExplorerApp) -> None:  # type: ignore[no-untyped-def]
    await wait_for(pilot, lambda: app.main.list_ready and app.main.details.shown is not None)


# ---------------------------------------------------------------------- 1. keys typed right after /
async def test_keys_sent_in_one_burst_after_slash_go_into_the_search_box(corpus_db: Path) -> None:
    app = make_app(corpus_db)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot, app)
        send_burst(app, "rabois")
        await wait_for(pilot, lambda: app.main.filters.name == "rabois")
        await pilot.pause(0.3)
        assert app.main.search_box.value == "rabois"
        assert not app.main.marks.reviewed  # `r` marked nothing
        assert app.screen is app.main  # `i` opened no import dialog
        assert not open_store(corpus_db).reviewed_ids()


async def test_a_second_search_typed_fast_replaces_the_first(corpus_db: Path) -> None:
    """`/` again starts a new search, as in less or vim: "/musk" typed in one burst after a search for
    rabois searches for musk (the keys queued behind `/` used to be added to it: "raboismusk")."""
    app = make_app(corpus_db)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot, app)
        await pilot.press("slash", *"rabois", "escape")
        await wait_for(pilot, lambda: app.main.filters.name == "rabois")
        send_burst(app, "musk")
        await wait_for(pilot, lambda: app.main.filters.name == "musk")
        await pilot.pause(0.3)
        assert app.main.search_box.value == "musk"
        assert "Musk Elon" in screen_text(app)
        # `end` keeps the last search to add to
        await pilot.press("escape", "slash", "end", *" elon")
        await wait_for(pilot, lambda: app.main.filters.name == "musk elon")


# ---------------------------------------------------------------------- 2. z on the owner pane
async def test_z_gives_the_owner_pane_the_whole_screen(corpus_db: Path) -> None:
    store = open_store(corpus_db)
    joint = max(store.ids(), key=lambda i: len(store.summary(i).owners))
    owners = store.get(joint).filing.owners  # type: ignore[union-attr]
    assert len(owners) >= 6, "the corpus has a joint filing with six owners or more"
    app = make_app(corpus_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot, app)
        app.main.filing_list.move_cursor(store.ids().index(joint))
        await wait_for(pilot, lambda: app.main.details.shown == joint)
        app.main.owner_pane.focus()
        await pilot.pause()
        await pilot.press("z")
        await pilot.pause()
        assert app.screen.maximized is app.main.owner_pane
        assert app.main.owner_pane.size.height >= 20  # not the 11-line box of the layout
        await pilot.press("z")
        assert app.screen.maximized is None


# ---------------------------------------------------------------------- 3. each filing opens at the top
async def test_another_filing_opens_at_the_top_of_the_owner_pane(corpus_db: Path) -> None:
    store = open_store(corpus_db)
    ids = store.ids()
    joint = max(ids[:-1], key=lambda i: len(store.summary(i).owners))
    app = make_app(corpus_db)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot, app)
        app.main.filing_list.move_cursor(ids.index(joint))
        await wait_for(pilot, lambda: app.main.details.shown == joint)
        owner = app.main.owner_pane
        owner.scroll_end(animate=False, immediate=True)
        await pilot.pause()
        assert owner.scroll_y > 0
        app.main.filing_list.move_cursor(ids.index(joint) + 1)
        await wait_for(pilot, lambda: app.main.details.shown == ids[ids.index(joint) + 1])
        await pilot.pause()
        assert owner.scroll_y == 0
        assert "Form" in screen_text(app) and "Issuer" in screen_text(app)


# ---------------------------------------------------------------------- 4. changes made elsewhere
async def test_a_note_and_mark_made_elsewhere_show_in_the_open_filings_pane(seed_db: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import tui.explorer.app

    monkeypatch.setattr(tui.explorer.app, "STORE_CHECK_SECONDS", 0.2)
    app = make_app(seed_db)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot, app)
        filing_id = app.main.details.shown
        assert filing_id is not None
        other = open_store(seed_db)  # as `form4 review ID --note …` in another terminal
        other.set_reviewed(filing_id, True)
        other.set_note(filing_id, "checked by Ann")
        details = app.main.owner_pane.query_one("#owner-details")
        await wait_for(pilot, lambda: "note: checked by Ann" in widget_text(details))
        assert "✓ reviewed" in widget_text(details)
        assert app.main.details.shown == filing_id  # the cursor never left


# ---------------------------------------------------------------------- 9. the palette
async def test_the_palette_offers_the_explorers_commands_only_in_a_stable_order(seed_db: Path) -> None:
    from textual.command import CommandPalette
    from textual.widgets import OptionList

    app = make_app(seed_db)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot, app)
        seen = []
        for _ in range(3):
            await pilot.press("ctrl+p")
            await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
            await pilot.pause(0.5)
            options = app.screen.query_one(OptionList)
            seen.append([str(options.get_option_at_index(i).prompt) for i in range(options.option_count)])
            await pilot.press("escape")
            await wait_for(pilot, lambda: app.screen is app.main)
        assert seen[0] == seen[1] == seen[2]
        names = " ".join(seen[0])
        assert "Filter: ticker" in seen[0][0]
        for generic in ("Screenshot", "Theme", "Keys", "Maximize", "Quit the application"):
            assert generic not in names


# ---------------------------------------------------------------------- 10. what the screen says
async def test_the_footer_is_right_on_a_reviewed_filing_and_the_time_is_local(seed_db: Path) -> None:
    from datetime import UTC, datetime

    app = make_app(seed_db)
    async with app.run_test(size=(160, 40)) as pilot:
        await started(pilot, app)
        footer = lambda: screen_text(app).splitlines()[-1]  # noqa: E731
        assert "r Reviewed on/off" in footer() and "Mark reviewed" not in footer()
        await pilot.press("r")
        await wait_for(pilot, lambda: "✓ reviewed" in screen_text(app))
        assert "r Reviewed on/off" in footer()  # still true, and no footer rebuild
        filing_id = app.main.details.shown
        assert filing_id is not None
        await wait_for(pilot, lambda: bool(app.main.marks.states[filing_id].reviewed_at))
        stamp = app.main.marks.states[filing_id].reviewed_at
        assert stamp is not None
        local = datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")
        details = widget_text(app.main.owner_pane.query_one("#owner-details"))
        assert f"✓ reviewed {local} (just now)" in details
        assert stamp not in details  # not the raw UTC ISO stamp
        await pilot.press("r")
        await wait_for(pilot, lambda: "not reviewed" in screen_text(app))
        assert datetime.now(UTC).tzinfo is UTC  # (the stamp above was the store's own, in UTC)


def test_review_times_say_how_long_ago() -> None:
    from datetime import UTC, datetime

    from tui.formatting import format_when

    now = datetime(2026, 12, 1, 20, 0, tzinfo=UTC)
    stamp = "2026-12-01T17:45:00+00:00"
    local = datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")
    assert format_when(stamp, now) == f"{local} (2 h ago)"
    assert format_when("2026-12-01T19:58:30+00:00", now).endswith("(1 min ago)")
    assert format_when("2026-11-20T20:00:00+00:00", now).endswith("(11 days ago)")
    assert format_when("yesterday", now) == "yesterday"


async def test_the_empty_list_says_importing_while_the_first_import_runs(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import threading

    import tui.explorer.app
    from tests.explorer.helpers import filing_xml

    release = threading.Event()
    real_import = tui.explorer.app.import_paths

    def slow_import(*args, **kwargs):  # type: ignore[no-untyped-def]
        release.wait(10)
        return real_import(*args, **kwargs)

    monkeypatch.setattr(tui.explorer.app, "import_paths", slow_import)
    path = tmp_path / "one.xml"
    path.write_text(filing_xml(owner="LATE LUCY"), encoding="utf-8")
    app = ExplorerApp(tmp_path / "store", [str(path)], import_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.main.list_ready)
        await pilot.pause()
        screen = screen_text(app)
        assert "Importing…" in screen and "No filings yet" not in screen
        release.set()
        await wait_for(pilot, lambda: app.main.details.shown is not None)
        assert "LATE LUCY" in screen_text(app)


async def test_the_import_line_says_the_store_is_being_written_once_every_file_is_read(
    tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """After the last file the import still writes the store and checks the filings' groups (seconds at
    100,000 files): the line says so instead of standing at "N of N files"."""
    import threading

    import tui.explorer.app
    from tests.explorer.helpers import filing_xml

    halfway, finishing, release = threading.Event(), threading.Event(), threading.Event()
    real_import = tui.explorer.app.import_paths

    def watched_import(store, paths, progress=None, **kwargs):  # type: ignore[no-untyped-def]
        assert progress is not None
        progress(1, 2, paths[0])
        halfway.set()
        release.wait(10)
        release.clear()
        progress(2, 2, paths[0])
        finishing.set()
        release.wait(10)
        return real_import(store, paths, **kwargs)

    monkeypatch.setattr(tui.explorer.app, "import_paths", watched_import)
    path = tmp_path / "one.xml"
    path.write_text(filing_xml(owner="LATE LUCY"), encoding="utf-8")
    app = ExplorerApp(tmp_path / "store", [str(path)], import_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: halfway.is_set())
        await wait_for(pilot, lambda: "1 of 2" in screen_text(app))
        assert "writing the store" not in screen_text(app)
        release.set()
        await wait_for(pilot, lambda: finishing.is_set())
        await wait_for(pilot, lambda: "Every file read: writing the store…" in screen_text(app))
        release.set()
        await wait_for(pilot, lambda: app.main.details.shown is not None)
        assert "LATE LUCY" in screen_text(app)


async def test_an_imports_failures_stay_readable_after_the_notification(seed_db: Path, tmp_path: Path) -> None:
    from tests.explorer.helpers import filing_xml
    from tui.explorer.screens.messages_screen import MessagesScreen

    folder = tmp_path / "incoming"
    folder.mkdir()
    (folder / "good.xml").write_text(filing_xml(owner="NEWCOMER ANN", date="2025-01-02"), encoding="utf-8")
    for number in range(5):  # more than a notification lists
        (folder / f"bad{number}.xml").write_text("<notAFiling/>", encoding="utf-8")
    app = make_app(seed_db)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot, app)
        app.main.start_import([str(folder)], "test import")
        await wait_for(pilot, lambda: len(app.main.filing_list.ids) == 2)
        app.clear_notifications()  # the notification is gone
        await pilot.press("m")
        await wait_for(pilot, lambda: isinstance(app.screen, MessagesScreen))
        text = widget_text(app.screen.query_one("#messages-text"))
        assert "1 imported" in text and "5 failed" in text
        for number in range(5):
            assert f"bad{number}.xml:" in text
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is app.main)


# ---------------------------------------------------------------------- 5. a table shows the columns its rows use
async def test_form_3_holdings_show_under_their_own_columns(tmp_path: Path) -> None:
    """A Form 3 (0000899243-20-028043, six Class A holding lines): no empty Date/Code/Amount/Price columns,
    and the amounts held are on screen at 120 columns."""
    import json

    from tests.explorer.helpers import CORPUS, build_store

    folder = CORPUS / "0000899243-20-028043"
    if not folder.is_dir():
        import pytest

        pytest.skip(f"the corpus is not here ({folder})")
    expected = json.loads((folder / "expected.json").read_text())
    assert expected["document_type"] == "3" and all(r["kind"] == "holding" for r in expected["non_derivative"])
    db = tmp_path / "store"
    build_store(db, folder / "source.xml").close()
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot, app)
        headers = [h.plain.replace("\n", " ") for h in app.main.table1.table.headers]
        for unused in ("Date", "Deemed date", "Code", "V", "Amount", "(A)/(D)", "Price"):
            assert unused not in headers
        assert headers[0] == "Security" and len(headers) <= 4
        screen = screen_text(app)
        for row in expected["non_derivative"][:3]:
            assert f"{int(row['shares_owned_following']):,}" in screen


async def test_an_import_from_the_explorer_runs_in_worker_processes_as_the_cli_does(
    tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """The explorer imports with `form4 import`'s default workers (two on this machine): a big folder is
    read in worker processes, and every filing reaches the list."""
    from tests import hostile
    from tui import importer

    folder = hostile.variant_folder(tmp_path / "incoming", 40, "POOLED OWNER")
    chunks: list[int] = []
    real_chunk = importer._chunk_results

    def watched(chunk, future, known):  # type: ignore[no-untyped-def]
        chunks.append(len(chunk))  # (only a pool's tasks come back through here)
        return real_chunk(chunk, future, known)

    class Always(importer._PoolEstimate):
        def worth_a_pool(self, start: int) -> bool:
            return True

    monkeypatch.setattr(importer, "_chunk_results", watched)
    monkeypatch.setattr(importer, "_PoolEstimate", Always)
    app = ExplorerApp(tmp_path / "store", [str(folder)], import_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: "POOLED OWNER" in screen_text(app), timeout=60)
    assert len(open_store(tmp_path / "store")) == 40
    assert importer.default_workers() == min(2, os.cpu_count() or 1)
    assert sum(chunks) == (40 if importer.default_workers() > 1 else 0)  # (one core: no pool)
