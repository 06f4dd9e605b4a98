"""The explorer, driven with Textual's Pilot: each flow a person uses, checked on what the screen shows."""

from __future__ import annotations

import json
from pathlib import Path

from textual.coordinate import Coordinate
from textual.widgets import OptionList

from tests.explorer import helpers as app_helpers
from tests.explorer.helpers import SEED_DIR, screen_text, wait_for, widget_text
from tui.codes import TRANSACTION_CODES
from tui.columns import TABLE_I, TABLE_II, used_columns
from tui.explorer.app import ExplorerApp
from tui.explorer.screens.help import HelpScreen
from tui.explorer.screens.prompt_dialog import PromptDialog
from tui.explorer.widgets.filing_list import FilingList
from tui.explorer.widgets.footnotes_pane import FootnoteList
from tui.explorer.widgets.transaction_table import TablePane, TransactionTable
from tui.store import open_store

# the fixtures (shared with the other explorer test modules; conftest.py belongs to the core tests)
seed_db = app_helpers.seed_db
corpus_db = app_helpers.corpus_db
_corpus_db_template = app_helpers._corpus_db_template

SIZE = (120, 40)


def make_app(db: Path, paths: list[str] | None = None) -> ExplorerApp:
    return ExplorerApp(db, paths, import_samples=False)


async def started(pilot, app: ExplorerApp) -> None:  # type: ignore[no-untyped-def]
    """Wait until the list is shown and the first filing's panes are filled."""
    await wait_for(pilot, lambda: app.main.list_ready and (app.main.details.shown or not app.main.filing_list.ids))


def column_index(columns, key: str) -> int:  # type: ignore[no-untyped-def]
    return next(i for i, c in enumerate(columns) if c.key == key)


# ---------------------------------------------------------------------- the seed filing's panes
async def test_seed_filing_panes_show_its_values(seed_db: Path) -> None:
    expected = json.loads((SEED_DIR / "expected.json").read_text())
    owner = expected["owners"][0]
    app = make_app(seed_db)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot, app)
        screen = screen_text(app)
        # the list
        assert "CLRB" in screen and "CARUSO JAMES V" in screen
        assert "1 filing" in screen
        # owner & issuer (the whole pane, also what is scrolled out of sight)
        details = widget_text(app.query_one("#owner-details"))
        for value in (owner["name"], expected["issuer"]["name"], expected["issuer"]["ticker"], owner["city"]):
            assert value in details, value
        for value in (owner["street1"], owner["street2"], owner["state"], owner["zip"]):
            assert value in details, value
        assert "Director, Officer (President and CEO)" in details
        assert "10b5-1 plan: no" in details and "No longer subject to Section 16: no" in details
        assert "/s/ Christina Blakley, Attorney infact for James V. Caruso 2023-12-12" in details
        assert "Common Stock: A +40,596 · held after 49,236" in details
        assert "not reviewed" in details
        # what is on screen without scrolling: who, which company, what they did
        for value in (owner["name"], "Cellectar Biosciences, Inc.", "ticker CLRB", "Common Stock: A +40,596"):
            assert value in screen
        # Table I: the grant of 40,596 shares, 49,236 owned after
        assert "40,596" in screen and "49,236" in screen
        # Table II: the option at $1.68, its transaction date citing footnote 1
        assert "$1.68" in screen
        assert "2023-06-23 (1)" in screen
        assert "Stock option (right to buy)" in screen
        # footnotes, in full (the pane wraps them; compare without line breaks)
        flat = " ".join(" ".join(line.strip("│ ").split()) for line in screen.splitlines())
        assert "(1) This option was contingently granted on January 16, 2023" in flat
        assert "(2) This option shall vest over a period of three years" in flat


async def test_a_table_shows_the_columns_its_rows_use_in_the_forms_order(seed_db: Path) -> None:
    app = make_app(seed_db)
    async with app.run_test(size=(250, 60)) as pilot:
        await started(pilot, app)
        table1 = app.query_one("#table1", TablePane).table
        table2 = app.query_one("#table2", TablePane).table
        filing = app.main.details.cached(app.main.details.shown or "")
        assert filing is not None
        for table, rows, columns in (
            (table1, filing.filing.non_derivative, TABLE_I),
            (table2, filing.filing.derivative, TABLE_II),
        ):
            headers = [h.plain.replace("\n", " ") for h in table.headers]
            # every column a row of the table uses, in the form's order; the others are empty in every row
            assert headers == [c.header for c in columns if c in used_columns(rows, columns)]
            assert all(not c.value(r) and not c.footnotes(r) for c in columns if c.header not in headers for r in rows)
        assert "Deemed date" not in [h.plain.replace("\n", " ") for h in table1.headers]  # the seed has none


async def test_code_cell_explains_the_code(seed_db: Path) -> None:
    app = make_app(seed_db)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot, app)
        await pilot.press("enter")  # list -> Table I
        table = app.query_one("#table1", TablePane).table
        assert app.focused is table
        table.move_cursor(row=0, column=column_index(table.columns_shown, "code"))
        await pilot.pause()
        assert "Grant, award or other acquisition pursuant to Rule 16b-3(d)" in screen_text(app)


async def test_an_amendment_shows_its_original_date(tmp_path: Path) -> None:
    from tests.explorer.helpers import build_store, filing_xml

    path = tmp_path / "amendment.xml"
    path.write_text(filing_xml(form="4/A", original="2024-04-02", owner="AMENDING ANN"), encoding="utf-8")
    db = tmp_path / "store"
    build_store(db, path).close()
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot, app)
        screen = screen_text(app)
        assert "4/A (amendment)" in screen
        assert "Amends  original filed 2024-04-02" in screen
        assert "10b5-1 plan: yes" in screen
        assert "4/A" in screen.splitlines()[4]  # the list's form column (under its header)


# ---------------------------------------------------------------------- footnote navigation
async def test_f_highlights_the_cited_footnote_and_b_returns_to_the_cell(seed_db: Path) -> None:
    app = make_app(seed_db)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot, app)
        pane = app.query_one("#table2", TablePane)
        table = pane.table
        table.focus()
        cell = Coordinate(0, column_index(table.columns_shown, "date"))
        table.move_cursor(row=cell.row, column=cell.column)
        await pilot.pause()
        header = table.columns_shown[cell.column].header  # the status line spells out the cell under the cursor
        # the status line is redrawn on the next frame, which a busy machine may not reach in one pause
        await wait_for(pilot, lambda: f"{header}: 2023-06-23  (1)" in screen_text(app))
        await pilot.press("f")
        await pilot.pause()
        footnotes = app.query_one(FootnoteList)
        assert app.focused is footnotes
        assert footnotes.current_id() == "F1"
        assert "▶ (1)  This option was contingently granted" in screen_text(app)

        # the cell that cites it is marked
        def highlighted(coordinate: Coordinate) -> bool:
            text = table.get_cell_at(coordinate)
            return any(s.start == 0 and s.end == len(text) and getattr(s.style, "bgcolor", None) for s in text.spans)

        assert highlighted(cell)
        assert not highlighted(Coordinate(0, column_index(table.columns_shown, "expiration")))
        await pilot.press("down")  # move away inside the footnotes, then come back with b
        await pilot.press("b")
        await pilot.pause()
        assert app.focused is table
        assert table.cursor_coordinate == cell


async def test_enter_on_a_footnote_goes_to_the_cell_citing_it(seed_db: Path) -> None:
    app = make_app(seed_db)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot, app)
        footnotes = app.query_one(FootnoteList)
        footnotes.focus()
        await pilot.pause()
        await pilot.press("down")  # (2): cited by the date exercisable
        assert footnotes.current_id() == "F2"
        await pilot.press("enter")
        await pilot.pause()
        table = app.query_one("#table2", TablePane).table
        assert app.focused is table
        assert table.cursor_coordinate == Coordinate(0, column_index(table.columns_shown, "exercisable"))
        exercisable = table.columns_shown[column_index(table.columns_shown, "exercisable")]
        assert f"{exercisable.header}: —  (2)" in screen_text(app)
        # b goes back to the footnote
        await pilot.press("b")
        await pilot.pause()
        assert app.focused is footnotes and footnotes.current_id() == "F2"


async def test_n_visits_every_cell_citing_a_footnote(corpus_db: Path) -> None:
    """A footnote cited by several cells: enter goes to the first, n to each next one in turn."""
    store = open_store(corpus_db)
    target = None
    for summary in store.summaries():
        filing = store.get(summary.id).filing  # type: ignore[union-attr]
        for footnote_id in filing.footnotes:
            cells = [
                (t, r, c)
                for t, (rows, columns) in enumerate(((filing.non_derivative, TABLE_I), (filing.derivative, TABLE_II)))
                for r, row in enumerate(rows)
                for c, column in enumerate(used_columns(rows, columns))
                if footnote_id in column.footnotes(row)
            ]
            if len(cells) >= 3:
                target = (summary.id, footnote_id, cells)
                break
        if target:
            break
    assert target, "the corpus has a footnote cited by three cells or more"
    filing_id, footnote_id, cells = target
    index = store.ids().index(filing_id)
    app = make_app(corpus_db)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot, app)
        app.main.filing_list.move_cursor(index)
        await wait_for(pilot, lambda: app.main.details.shown == filing_id)
        footnotes = app.query_one(FootnoteList)
        footnotes.focus()
        app.main.footnotes.select(footnote_id)
        await pilot.pause()
        visited = []
        await pilot.press("enter")
        for _ in cells:
            await pilot.pause()
            table = app.focused
            assert isinstance(table, TransactionTable)
            pane_index = 0 if table.parent.id == "table1" else 1  # type: ignore[union-attr]
            visited.append((pane_index, *table.cursor_coordinate))
            await pilot.press("n")
        assert visited == cells


async def test_footer_offers_n_and_b_only_while_they_act_and_is_not_rebuilt_per_filing(corpus_db: Path) -> None:
    """Moving through the list keeps the footer as it is (rebuilding it reflowed the whole screen on every
    filing); after a jump to a citing cell it offers n and b, and a move to the next filing withdraws them."""
    store = open_store(corpus_db)
    ids = store.ids()
    index = next(
        i for i, filing_id in enumerate(ids[:-1])
        if any(row.footnotes for row in store.get(filing_id).filing.non_derivative)  # type: ignore[union-attr]
    )  # fmt: skip
    app = make_app(corpus_db)
    async with app.run_test(size=(160, 40)) as pilot:
        await started(pilot, app)
        keys = list(app.query("FooterKey"))
        for _ in range(3):
            await pilot.press("down")
            await wait_for(pilot, lambda: app.main.details.shown == app.main.filing_list.highlighted)
        assert all(a is b for a, b in zip(app.query("FooterKey"), keys, strict=True))
        app.main.filing_list.move_cursor(index)
        await wait_for(pilot, lambda: app.main.details.shown == ids[index])
        footnotes = app.query_one(FootnoteList)
        footnotes.focus()
        await pilot.pause()
        await pilot.press("enter")  # to the first cell citing the first footnote
        await pilot.pause()
        assert isinstance(app.focused, TransactionTable)
        footer = lambda: screen_text(app).splitlines()[-1]  # noqa: E731
        await wait_for(pilot, lambda: "Next citing cell" in footer())  # the footer is rebuilt a frame later
        assert "Back" in footer()
        app.main.filing_list.focus()
        await pilot.press("down")
        await wait_for(pilot, lambda: app.main.details.shown == ids[index + 1])
        await pilot.press("enter")  # into the next filing's tables
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        assert "Next citing cell" not in footer and "Back" not in footer


# ---------------------------------------------------------------------- the list, search and filters
async def test_list_is_newest_first(corpus_db: Path) -> None:
    store = open_store(corpus_db)
    newest = store.summary(store.ids()[0])
    app = make_app(corpus_db)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot, app)
        assert app.main.filing_list.ids == store.ids()
        lines = screen_text(app).splitlines()
        assert "Filed" in lines[3]  # the list's header, under the search box and the count
        assert newest.date in lines[4]  # then the first filing
        assert f"{len(store)} filings" in screen_text(app)


async def test_search_narrows_the_list_as_you_type(corpus_db: Path) -> None:
    store = open_store(corpus_db)
    expected = [s.id for s in store.search("rabois")]
    assert expected
    app = make_app(corpus_db)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot, app)
        await pilot.press("slash")
        await pilot.press(*"rabois")
        await wait_for(pilot, lambda: app.main.filing_list.ids == expected)
        screen = screen_text(app)
        assert f"{len(expected)} of {len(store)} filings · name rabois" in screen
        assert "Rabois Keith" in screen
        assert "THIEL PETER" not in screen
        await pilot.press("escape")
        assert isinstance(app.focused, FilingList)
        # u, r and q typed in the search box are text, not commands: the app is still running
        await pilot.press("slash", "backspace", "backspace", "backspace", "backspace", "backspace", "backspace")
        await wait_for(pilot, lambda: len(app.main.filing_list.ids) == len(store))


async def test_u_shows_unreviewed_filings_only(corpus_db: Path) -> None:
    app = make_app(corpus_db)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot, app)
        total = len(app.main.filing_list.ids)
        first = app.main.filing_list.highlighted
        await pilot.press("r")
        await pilot.press("u")
        await wait_for(pilot, lambda: len(app.main.filing_list.ids) == total - 1)
        assert first not in app.main.filing_list.ids
        assert f"{total - 1} of {total} filings · unreviewed" in screen_text(app)
        # reviewing in the "to do" list takes the filing off it and moves on to the next
        second = app.main.filing_list.highlighted
        await pilot.press("r")
        await pilot.pause()
        assert second not in app.main.filing_list.ids and len(app.main.filing_list.ids) == total - 2
        await pilot.press("u")
        await wait_for(pilot, lambda: len(app.main.filing_list.ids) == total)


async def test_ticker_and_code_filters_from_the_command_palette(corpus_db: Path) -> None:
    store = open_store(corpus_db)
    afrm = [s.id for s in store.summaries() if s.ticker == "AFRM"]
    with_s = [s.id for s in store.summaries() if "S" in s.codes]
    app = make_app(corpus_db)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot, app)
        await pilot.press("ctrl+p")
        await pilot.press(*"ticker afrm")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.main.filing_list.ids == afrm)
        assert "ticker AFRM" in screen_text(app)
        # "Filter: code…" asks for the code in a small dialog
        await pilot.press("ctrl+p")
        await pilot.press(*"Filter: code")
        await pilot.pause(0.5)
        assert "Filter: code…" in screen_text(app)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PromptDialog))
        await pilot.press("s", "enter")
        await wait_for(pilot, lambda: app.main.filters.code == "S")
        await wait_for(pilot, lambda: app.main.filing_list.ids == [i for i in afrm if i in with_s])
        assert "ticker AFRM · code S" in screen_text(app)
        app.main.action_clear_filters()
        await wait_for(pilot, lambda: len(app.main.filing_list.ids) == len(store))
        assert "ticker" not in screen_text(app).splitlines()[2].split("│")[1]


# ---------------------------------------------------------------------- review marks and notes
async def test_r_is_saved_at_once_and_survives_a_restart(seed_db: Path) -> None:
    app = make_app(seed_db)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot, app)
        filing_id = app.main.filing_list.highlighted
        assert "✓" not in screen_text(app)
        await pilot.press("r")
        await pilot.pause()
        assert "✓ 2023-12-12" in screen_text(app)
        assert "✓ reviewed" in screen_text(app)
    assert filing_id is not None
    assert open_store(seed_db).state(filing_id).reviewed  # on disk, not only on screen
    again = make_app(seed_db)
    async with again.run_test(size=SIZE) as pilot:
        await started(pilot, again)
        assert "✓ 2023-12-12" in screen_text(again)
        await pilot.press("r")  # and back
        await pilot.pause()
        assert "✓" not in screen_text(again)
    assert not open_store(seed_db).state(filing_id).reviewed


async def test_marks_made_elsewhere_show_even_when_typing_at_once(seed_db: Path) -> None:
    """Marks set by `form4 review` show in the list, even if a search starts before the store is read."""
    store = open_store(seed_db)
    filing_id = store.ids()[0]
    store.set_reviewed(filing_id, True)
    app = make_app(seed_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", "c", "a")
        await wait_for(
            pilot, lambda: app.main.list_ready and app.main.filters.name == "ca" and app.main.filing_list.ids
        )
        await pilot.pause()
        assert filing_id in app.main.marks.reviewed
        assert "✓ 2023-12-12" in screen_text(app)


async def test_a_second_process_writing_the_store_shows_in_an_open_explorer(seed_db: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Two form4s on one store: a mark made elsewhere while the explorer is open appears in it."""
    import tui.explorer.app

    monkeypatch.setattr(tui.explorer.app, "STORE_CHECK_SECONDS", 0.2)
    app = make_app(seed_db)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot, app)
        filing_id = app.main.filing_list.highlighted
        assert filing_id is not None and "✓" not in screen_text(app)
        open_store(seed_db).set_reviewed(filing_id, True)  # as `form4 review` in another terminal would
        await wait_for(pilot, lambda: filing_id in app.main.marks.reviewed)
        await pilot.pause()
        assert "✓ 2023-12-12" in screen_text(app)


async def test_note_from_the_command_palette(seed_db: Path) -> None:
    app = make_app(seed_db)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot, app)
        await pilot.press("ctrl+p")
        await pilot.press(*"note")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*"checked [b]ok[/b]", "enter")
        await pilot.pause()
        assert "note: checked [b]ok[/b]" in screen_text(app)
    store = open_store(seed_db)
    assert store.state(store.ids()[0]).note == "checked [b]ok[/b]"


# ---------------------------------------------------------------------- help
async def test_help_lists_the_keys_and_all_twenty_codes(seed_db: Path) -> None:
    app = make_app(seed_db)
    async with app.run_test(size=(120, 60)) as pilot:
        await started(pilot, app)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for key in ("tab / shift+tab", "ctrl+p", "f / enter", "escape / ? / q"):
            assert key in text
        assert len(TRANSACTION_CODES) == 20
        help_static = app.screen.query_one("#help-text")
        rendered = "\n".join(
            "".join(s.text for s in strip) for strip in help_static.render_lines(help_static.region.reset_offset)
        )
        flat = " ".join(rendered.split())
        for code, (_group, meaning) in TRANSACTION_CODES.items():
            assert " ".join(meaning.split()[:4]) in flat, code
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_work_that_finishes_behind_a_dialog_updates_the_main_screen(corpus_db: Path, tmp_path: Path) -> None:
    """A filing load or an import finishing while the help, a dialog or the palette is open updates
    the main screen's panes and list."""
    from tests.explorer.helpers import filing_xml

    app = make_app(corpus_db)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot, app)
        await pilot.press("question_mark")
        await pilot.pause()
        second = app.main.filing_list.ids[1]
        app.main.filing_list.action_cursor_down()
        await wait_for(pilot, lambda: app.main.details.shown == second)
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        # an import that ends while the note dialog is open
        path = tmp_path / "late.xml"
        path.write_text(filing_xml(owner="LATE LARRY", date="2030-01-01"), encoding="utf-8")
        app.main.start_import([str(path)], "test import")
        await pilot.press("ctrl+p", *"note")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await wait_for(pilot, lambda: len(app.main.filing_list.ids) == 121)
        assert app.is_running
        await pilot.press("escape")
        await pilot.pause()
        assert "LATE LARRY" in screen_text(app)


async def test_z_zooms_the_focused_pane_and_navigation_unzooms(seed_db: Path) -> None:
    app = make_app(seed_db)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot, app)
        footnotes = app.query_one(FootnoteList)
        footnotes.focus()
        await pilot.press("z")
        assert app.screen.maximized is app.main.footnotes
        assert "Table I" not in screen_text(app)
        await pilot.press("down", "enter")  # (2) -> the cell citing it, which the zoom would hide
        await pilot.pause()
        assert app.screen.maximized is None
        assert isinstance(app.focused, TransactionTable)
        await pilot.press("z")
        assert app.screen.maximized is app.query_one("#table2")
        await pilot.press("z")
        assert app.screen.maximized is None


async def test_q_quits(seed_db: Path) -> None:
    app = make_app(seed_db)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot, app)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 0


async def test_tab_moves_between_panes(seed_db: Path) -> None:
    app = make_app(seed_db)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot, app)
        seen = []
        for _ in range(7):
            await pilot.press("tab")
            seen.append(app.focused.id or type(app.focused).__name__)  # type: ignore[union-attr]
        # the seed filing has a review finding (late filing): its pane comes after the owner's
        assert seen[:6] == ["owner", "finding-list", "TransactionTable", "TransactionTable", "footnote-list", "search"]
        await pilot.press("shift+tab")
        assert app.focused.id == "search"  # type: ignore[union-attr]


# ---------------------------------------------------------------------- hostile text
HOSTILE = ("[b]X", "O'Neil [/s]", "[@click=app.quit]x[/]", "[red]red[/red] \\[esc]")


async def test_line_breaks_in_names_keep_the_list_on_its_lines(tmp_path: Path) -> None:
    from tests.explorer.helpers import build_store, filing_xml

    path = tmp_path / "f.xml"
    path.write_text(filing_xml(owner="SMITH\nJOHN\tQ", issuer="Two\nLines Inc."), encoding="utf-8")
    db = tmp_path / "store"
    build_store(db, path).close()
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot, app)
        lines = screen_text(app).splitlines()
        assert "Two Lines Inc." in lines[4]  # under the search box, the count and the list's header
        assert "SMITH JOHN Q" in lines[5]


async def test_text_from_a_filing_is_shown_literally(tmp_path: Path) -> None:
    from tests.explorer.helpers import build_store, filing_xml

    files = []
    for number, name in enumerate(HOSTILE):
        path = tmp_path / f"f{number}.xml"
        path.write_text(
            filing_xml(
                owner=name,
                issuer=f"{name} Corp",
                title=name,
                footnote=f"note {name}",
                remarks=f"rem {name}",
                ticker=f"T{number}",
                date=f"2024-05-0{number + 1}",
            ),
            encoding="utf-8",
        )
        files.append(path)
    db = tmp_path / "store"
    build_store(db, *files).close()
    app = make_app(db)
    async with app.run_test(size=(200, 60)) as pilot:
        await started(pilot, app)
        for index, name in reversed(list(enumerate(HOSTILE))):
            app.main.filing_list.move_cursor(len(HOSTILE) - 1 - index)
            await wait_for(pilot, lambda: app.main.details.shown == app.main.filing_list.highlighted)
            await pilot.pause()
            screen = screen_text(app)
            assert f"  {name}" in screen  # in the list
            assert f"{name} Corp" in screen  # issuer
            assert f"Officer ({name})" in screen  # officer title
            assert f"(1)  note {name}" in screen  # footnote
            assert f"Remarks: rem {name}" in screen
        # clicking the list where "[@click=app.quit]" is written runs nothing
        await pilot.click(FilingList, offset=(10, 3))
        await pilot.pause()
        assert app.is_running
        # and the palette shows hostile tickers literally too
        await pilot.press("ctrl+p", *"ticker t2")
        await pilot.pause(0.5)
        assert "Filter: ticker T2" in screen_text(app)
        await pilot.press("escape")
        assert app.is_running


# ---------------------------------------------------------------------- importing
async def test_import_from_the_app_reports_failures_and_updates_the_list(seed_db: Path, tmp_path: Path) -> None:
    from tests.explorer.helpers import filing_xml

    folder = tmp_path / "incoming"
    folder.mkdir()
    (folder / "good.xml").write_text(filing_xml(owner="NEWCOMER ANN", date="2025-01-02"), encoding="utf-8")
    (folder / "bad.xml").write_text("<notAFiling/>", encoding="utf-8")
    (folder / "broken.txt").write_text("garbage", encoding="utf-8")
    app = make_app(seed_db)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot, app)
        await pilot.press("i")
        await pilot.pause()
        dialog_input = app.screen.query_one("Input")
        dialog_input.value = str(folder)  # type: ignore[attr-defined]
        await pilot.press("enter")
        await wait_for(pilot, lambda: len(app.main.filing_list.ids) == 2)
        notes = [str(n.message) for n in app._notifications]
        assert any("1 imported" in n and "2 failed" in n and "bad.xml" in n for n in notes), notes
        assert "NEWCOMER ANN" in screen_text(app)
        assert not app.main.import_progress.has_class("-active")  # the progress line is gone


async def test_paths_given_on_the_command_line_are_imported_first(tmp_path: Path) -> None:
    from tests.explorer.helpers import filing_xml

    path = tmp_path / "one.xml"
    path.write_text(filing_xml(owner="CLI PERSON"), encoding="utf-8")
    app = make_app(tmp_path / "store", [str(path)])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.main.details.shown is not None)
        assert "CLI PERSON" in screen_text(app)


async def test_first_run_imports_the_bundled_samples(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from tests.explorer.helpers import filing_xml

    samples = tmp_path / "sample_filings"
    samples.mkdir()
    (samples / "sample.xml").write_text(filing_xml(owner="SAMPLE SAM"), encoding="utf-8")
    (samples / "README.md").write_text("not a filing", encoding="utf-8")
    monkeypatch.setattr("tui.explorer.app.SAMPLE_FILINGS", samples)
    app = ExplorerApp(tmp_path / "store")
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.main.details.shown is not None)
        assert "SAMPLE SAM" in screen_text(app)
        notes = [str(n.message) for n in app._notifications]
        assert any("First run: imported the bundled sample filings" in n and "1 imported" in n for n in notes), notes
    # a second start on the now non-empty store imports nothing
    app = ExplorerApp(tmp_path / "store")
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.main.details.shown is not None)
        assert not list(app._notifications)


async def test_an_unusable_store_path_exits_with_a_message(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    app = make_app(not_a_folder)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: not app.is_running or app.return_code is not None)
    assert app.return_code == 2


def test_option_list_is_not_markup() -> None:
    """The footnote list must not read filing text as markup (OptionList's default is markup=True)."""
    assert FootnoteList(markup=False)._markup is False
    assert issubclass(FootnoteList, OptionList)
