"""A layout that works from 80x24 up (issue 11, items 6 and 7), checked on the screen with Pilot."""

from __future__ import annotations

from pathlib import Path

from textual.widgets._footer import FooterKey

from tests.explorer import helpers as app_helpers
from tests.explorer.helpers import screen_text, wait_for
from tui.explorer.app import ExplorerApp
from tui.explorer.widgets.footnotes_pane import FootnoteList
from tui.explorer.widgets.transaction_table import TransactionTable
from tui.store import Store, open_store

seed_db = app_helpers.seed_db
corpus_db = app_helpers.corpus_db
_corpus_db_template = app_helpers._corpus_db_template


def make_app(db: Path) -> ExplorerApp:
    return ExplorerApp(db, [], import_samples=False)


async def started(pilot, app: ExplorerApp) -> None:  # type: ignore[no-untyped-def]
    await wait_for(pilot, lambda: app.main.list_ready and app.main.details.shown is not None)


def widest_table_ii(store: Store) -> str:
    """The filing whose Table II has the most rows (PLTR 2020-09-22 in the corpus: 21)."""
    return max(store.ids(), key=lambda i: len(store.get(i).filing.derivative))  # type: ignore[union-attr]


def mven(store: Store) -> str:
    """MicroVision's joint Form 4 of 2020-12-04 (0000899243-20-033106): 9 owners, no Table I, 12 Table II rows."""
    return next(i for i in store.ids() if store.summary(i).ticker == "MVEN")


async def show(pilot, app: ExplorerApp, filing_id: str) -> None:  # type: ignore[no-untyped-def]
    app.main.filing_list.move_cursor(app.main.filing_list.ids.index(filing_id))
    await wait_for(pilot, lambda: app.main.details.shown == filing_id)
    await pilot.pause()


def footer_fits(app: ExplorerApp) -> None:
    """No key of the footer is cut off: each is whole, left of the palette key, on the screen."""
    keys = [key for key in app.screen.query(FooterKey) if key.display]
    palette = [key for key in keys if key.has_class("-command-palette")]
    edge = palette[0].region.x if palette else app.size.width
    for key in keys:
        if key in palette:
            continue
        assert key.region.right <= edge, f"{key.key} {key.description!r} is cut at {key.region}"


# ---------------------------------------------------------------------- 6. narrow: one pane at a time
async def test_at_80x24_one_pane_at_a_time_each_with_its_border_and_tab_goes_through_them(corpus_db: Path) -> None:
    store = open_store(corpus_db)
    filing_id = mven(store)
    app = make_app(corpus_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot, app)
        await show(pilot, app, filing_id)
        main = app.main
        shown = [pane for pane in main.panes if pane.display]  # type: ignore[attr-defined]
        assert shown == [main.owner_pane]  # beside the list: one pane, the whole column high
        assert main.owner_pane.size.height >= 18
        footer_fits(app)
        assert "? Help" in screen_text(app).splitlines()[-1]
        seen = []
        for _ in range(4):  # owner, Table II (Table I is empty here), footnotes, the list again
            await pilot.press("tab")
            await pilot.pause()
            seen.append(app.focused)
            footer_fits(app)
        assert seen[0] is main.owner_pane and seen[1] is main.table2.table
        assert isinstance(seen[2], FootnoteList) and seen[3] is main.filing_list
        await pilot.press("tab", "tab", "tab")  # to the footnotes again
        await pilot.pause()
        assert isinstance(app.focused, FootnoteList)
        # the footnotes pane has the whole screen, border and all (not 1-2 lines without one)
        assert not main.left.display
        assert main.footnotes.region.height >= 20 and main.footnotes.region.width == 80
        lines = screen_text(app).splitlines()
        assert lines[0].startswith("╭─ Footnotes") and lines[-2].startswith("╰")
        await pilot.press("escape")  # back to the list: the list shows again, beside the pane
        await pilot.pause()
        assert main.left.display and app.focused is main.filing_list


async def test_at_80x24_a_table_takes_the_whole_width(corpus_db: Path) -> None:
    store = open_store(corpus_db)
    filing_id = widest_table_ii(store)
    app = make_app(corpus_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot, app)
        await show(pilot, app, filing_id)
        await pilot.press("enter")  # into the tables
        await pilot.pause()
        table = app.main.table1.table
        assert app.focused is table
        assert table.size.width >= 76  # not the 36 columns beside the list
        in_sight = [end for end in table._starts[1:] if end <= table.scrollable_content_region.width]
        assert len(in_sight) >= min(4, table.column_count)  # not two columns


async def test_l_hides_the_list_and_shows_it_again(seed_db: Path) -> None:
    app = make_app(seed_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await started(pilot, app)
        width = app.main.table1.size.width
        await pilot.press("l")
        await pilot.pause()
        assert not app.main.left.display
        assert app.main.table1.size.width >= 118 > width
        assert app.focused is app.main.owner_pane  # the focus left the hidden list for the first pane
        await pilot.press("l")
        await pilot.pause()
        assert app.main.left.display


# ---------------------------------------------------------------------- 6. the footer
async def test_the_footer_keeps_n_and_b_after_a_jump_at_120_columns(corpus_db: Path) -> None:
    store = open_store(corpus_db)
    cited = lambda i: any(r.footnotes for r in store.get(i).filing.derivative)  # type: ignore[union-attr]  # noqa: E731
    filing_id = next(i for i in store.ids() if cited(i))
    app = make_app(corpus_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await started(pilot, app)
        await show(pilot, app, filing_id)
        table = app.main.table2.table
        table.focus()
        cell = next(
            (r, c)
            for r, row in enumerate(table.rows_shown)
            for c, col in enumerate(table.columns_shown)
            if col.footnotes(row)
        )  # fmt: skip
        table.move_cursor(row=cell[0], column=cell[1])
        await pilot.press("f")  # to the footnotes: enter, n and b apply now
        footer = lambda: screen_text(app).splitlines()[-1]  # noqa: E731
        await wait_for(pilot, lambda: " b Back" in footer())
        assert "⏎ Cell citing it" in footer() and "n Next citing cell" in footer() and "? Help" in footer()
        footer_fits(app)


# ---------------------------------------------------------------------- 6. tall: panes sized by their content
async def test_at_200x60_table_ii_shows_its_twelve_rows(corpus_db: Path) -> None:
    store = open_store(corpus_db)
    filing_id = mven(store)
    filing = store.get(filing_id).filing  # type: ignore[union-attr]
    assert len(filing.derivative) == 12 and not filing.non_derivative  # MVEN 2020-12-04
    app = make_app(corpus_db)
    async with app.run_test(size=(200, 60)) as pilot:
        await started(pilot, app)
        await show(pilot, app, filing_id)
        table = app.main.table2.table
        # every row in sight: header (2 lines) + 12 rows, with no vertical scrolling
        assert table.scrollable_content_region.height >= table.header_height + 12
        assert app.main.owner_pane.size.height >= 20
        footnotes = app.main.footnotes
        assert footnotes.region.bottom <= app.size.height - 1  # the footnotes keep their bottom border


# ---------------------------------------------------------------------- 7. wide tables
async def test_the_security_column_stays_while_the_table_scrolls_and_zoom_starts_at_a_column_edge(
    corpus_db: Path,
) -> None:
    store = open_store(corpus_db)
    filing_id = widest_table_ii(store)
    app = make_app(corpus_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await started(pilot, app)
        await show(pilot, app, filing_id)
        table = app.main.table2.table
        assert isinstance(table, TransactionTable)
        table.focus()
        await pilot.press("end")  # the last column
        await pilot.pause()
        assert table.scroll_x > 0
        line = lambda: "".join(s.text for s in table.render_line(table.header_height))  # noqa: E731
        security = table.get_cell_at(table.cursor_coordinate._replace(column=0)).plain
        assert line().startswith(f" {security}")  # the first column is still there, whole
        assert int(table.scroll_x) + table.fixed_width in table._starts  # and the next starts whole
        await pilot.press("z")
        await pilot.pause()
        assert app.screen.maximized is not None
        assert line().startswith(f" {security}")  # not "rity"
        assert int(table.scroll_x) + table.fixed_width in table._starts
        last = table._starts[-2]  # the cursor's (last) column is in sight, and no more scrolled than needed
        assert int(table.scroll_x) <= max(0, last - table.fixed_width)
        assert int(table.scroll_x) + table.scrollable_content_region.width >= table._starts[-1]
        await pilot.press("z")
        await pilot.pause()
        assert line().startswith(f" {security}")
        await pilot.press("home")  # back to the first column: the table from its left edge
        await pilot.pause()
        assert table.scroll_x == 0


async def test_the_scrollbar_never_covers_a_column(seed_db: Path) -> None:
    app = make_app(seed_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await started(pilot, app)
        for pane in (app.main.table1, app.main.table2):
            table = pane.table
            # the vertical scrollbar's column is kept free whether or not the rows need it
            assert table.scrollable_content_region.width == table.size.width - 1
