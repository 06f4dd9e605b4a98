"""Issue 10 in the explorer: nothing a filer or a file name holds acts on the terminal (item 1);
numbers no filing holds do not stop it (item 4); a damaged store is said, not a traceback (item 9)."""

from __future__ import annotations

import re
from pathlib import Path

from tests import hostile
from tests.explorer.helpers import screen_text, wait_for, widget_text
from tui.explorer.app import ExplorerApp
from tui.importer import import_paths
from tui.store import open_store

UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b-\u200f]")
SIZE = (120, 40)


def _app(db: Path, paths: list[str] | None = None) -> ExplorerApp:
    return ExplorerApp(db, paths, import_samples=False)


async def _started(pilot, app: ExplorerApp) -> None:  # type: ignore[no-untyped-def]
    await wait_for(pilot, lambda: app.main.list_ready and (app.main.details.shown or not app.main.filing_list.ids))


async def test_escape_sequences_from_a_filing_are_shown_inert(tmp_path: Path) -> None:
    path = hostile.variant_xml(tmp_path, "attack.xml", owner=hostile.TERMINAL_ATTACK, footnote=hostile.TERMINAL_ATTACK)
    store = open_store(tmp_path / "db")
    fid = import_paths(store, [path]).ids[0]
    store.set_note(fid, "note \x1b]52;c;cHduZWQ=\x07 end")
    app = _app(tmp_path / "db")
    async with app.run_test(size=SIZE) as pilot:
        await _started(pilot, app)
        shown = [screen_text(app), widget_text(app.query_one("#owner-details"))]
        shown += [widget_text(w) for w in app.query("FootnoteList")]
        for text in shown:
            assert not UNSAFE.search(text), [m.group() for m in UNSAFE.finditer(text)]
        details = "".join(shown[1].split())  # the pane wraps long values
        assert "Evil\\u202eLLC" in details and "\\x9b2J" in details and "\\x1b]52" in details


async def test_import_failure_notice_names_files_inertly(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "x\x1b[2J.xml").write_bytes(b"not xml")
    hostile.variant_xml(folder, "good.xml")
    app = _app(tmp_path / "db", [str(folder)])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: any("Import done" in str(n.message) for n in app._notifications), timeout=30)
        notes = "\n".join(str(n.message) for n in app._notifications)
        assert "x\\x1b[2J.xml" in notes, notes
        assert not UNSAFE.search(notes)
        assert not UNSAFE.search(screen_text(app))


async def test_numbers_no_filing_holds_are_shown_as_filed(tmp_path: Path) -> None:  # item 4
    store = open_store(tmp_path / "db")
    import_paths(store, [hostile.variant_xml(tmp_path, "a.xml", shares="1e5000", owner="A"),
                         hostile.variant_xml(tmp_path, "b.xml", shares="9" * 5000, owner="B")])  # fmt: skip
    app = _app(tmp_path / "db")
    async with app.run_test(size=SIZE) as pilot:
        await _started(pilot, app)
        await pilot.press("down")
        await wait_for(pilot, lambda: app.main.details.shown == app.main.filing_list.ids[1])
        assert "1e5000" in screen_text(app) or "99999999" in screen_text(app)


async def test_damaged_shard_is_said_in_the_panes(tmp_path: Path) -> None:  # item 9
    store = open_store(tmp_path / "db")
    import_paths(store, [hostile.variant_xml(tmp_path, "a.xml", owner="A")])
    shard = next((tmp_path / "db" / "documents").glob("*.json"))
    shard.write_bytes(b"\x00garbage")
    app = _app(tmp_path / "db")
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.main.list_ready)
        await wait_for(pilot, lambda: shard.name in widget_text(app.query_one("#owner-details")))
        assert "damaged" in widget_text(app.query_one("#owner-details"))


async def test_a_10000_owner_filing_is_shown_without_listing_every_owner(tmp_path: Path) -> None:  # item 7
    store = open_store(tmp_path / "db")
    import_paths(store, [hostile.big_xml(tmp_path, "crowd.xml", owners=10_000, owner="Crowd")])
    app = _app(tmp_path / "db")
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.main.list_ready and app.main.details.shown, timeout=60)
        details = widget_text(app.query_one("#owner-details"))
        assert "Crowd 0" in details and "9,950 more owners" in details
        assert "Crowd 9999" not in details
