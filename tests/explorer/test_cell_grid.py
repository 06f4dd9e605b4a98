"""The cell grid under Tables I and II, and the label/value rows of the owner and footnote panes: what they
draw and how the cursor moves, on a real filing with 30 Table I rows (Alphabet, 2022)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rich.console import Console
from rich.text import Text
from textual.app import App, ComposeResult
from textual.coordinate import Coordinate

from tests.explorer import helpers as app_helpers
from tests.explorer.helpers import CORPUS, SEED_DIR, build_store, screen_text, wait_for
from tui.columns import TABLE_I
from tui.explorer.app import ExplorerApp
from tui.explorer.widgets.cell_grid import CellGrid
from tui.explorer.widgets.labelled_rows import LabelledRows
from tui.explorer.widgets.transaction_table import TablePane
from tui.formatting import footnote_label

ALPHABET = CORPUS / "0001209191-22-024550"

seed_db = app_helpers.seed_db


def column_index(key: str) -> int:
    return next(i for i, c in enumerate(TABLE_I) if c.key == key)


@pytest.fixture
def alphabet_db(tmp_path: Path) -> Path:
    if not ALPHABET.is_dir():
        pytest.skip(f"the corpus is not here ({ALPHABET})")
    db = tmp_path / "store"
    build_store(db, ALPHABET / "source.xml").close()
    return db


async def open_table_i(pilot, app: ExplorerApp) -> TablePane:  # type: ignore[no-untyped-def]
    await wait_for(pilot, lambda: app.main.details.shown is not None)
    await pilot.press("enter")  # list -> Table I
    pane = app.query_one("#table1", TablePane)
    assert app.focused is pane.table
    return pane


async def test_the_cursor_reaches_every_row_and_column_and_stays_in_sight(alphabet_db: Path) -> None:
    rows = json.loads((ALPHABET / "expected.json").read_text())["non_derivative"]
    assert len(rows) == 30
    app = ExplorerApp(alphabet_db, [], import_samples=False)
    async with app.run_test(size=(120, 40)) as pilot:
        pane = await open_table_i(pilot, app)
        table = pane.table
        assert table.row_count == 30 and table.column_count == len(TABLE_I)
        assert "30 rows" in screen_text(app)
        # down, row by row, to the last: the grid scrolls, the header stays on top
        for _ in range(29):
            await pilot.press("down")
        await pilot.pause()
        assert table.cursor_coordinate == Coordinate(29, 0)
        assert table.scroll_offset.y > 0
        header_line = screen_text(app).splitlines()[table.region.y]
        assert "Security" in header_line and "Date" in header_line
        await pilot.press("down")  # nowhere further
        assert table.cursor_coordinate.row == 29
        # the last row's shares and price, as the filing gives them, in the status line of their cells
        table.move_cursor(column=column_index("amount"))
        await pilot.pause()
        assert f"Amount: {int(rows[29]['shares']):,}" in screen_text(app)
        await pilot.press("right", "right")
        assert table.cursor_coordinate.column == column_index("price")
        price = screen_text(app)
        assert "2,597.4761" in price and footnote_label("F27") in price
        # the last column: the grid scrolls sideways until the whole cell shows
        await pilot.press("end")
        assert table.cursor_coordinate.column == len(TABLE_I) - 1
        assert table.scroll_offset.x > 0
        assert TABLE_I[-1].header.split()[-1] in screen_text(app).splitlines()[table.region.y + 1]
        await pilot.press("ctrl+home", "home")
        assert table.cursor_coordinate == Coordinate(0, 0)
        assert table.scroll_offset == (0, 0)
        await pilot.press("pagedown")
        assert 0 < table.cursor_coordinate.row < 29
        await pilot.press("ctrl+end")
        assert table.cursor_coordinate.row == 29


async def test_a_click_puts_the_cursor_on_that_cell(alphabet_db: Path) -> None:
    app = ExplorerApp(alphabet_db, [], import_samples=False)
    async with app.run_test(size=(120, 40)) as pilot:
        pane = await open_table_i(pilot, app)
        table = pane.table
        # the third data row, in the code column (header lines come first)
        header = screen_text(app).splitlines()[table.region.y]
        code_x = header.index("Code", table.region.x) - table.region.x
        await pilot.click(table, offset=(code_x, table.header_height + 2))
        assert table.cursor_coordinate == Coordinate(2, column_index("code"))
        await pilot.click(table, offset=(code_x, 0))  # the header: no cell there
        assert table.cursor_coordinate == Coordinate(2, column_index("code"))


class GridApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.highlighted: list[Coordinate] = []

    def compose(self) -> ComposeResult:
        yield CellGrid()

    def on_cell_grid_cell_highlighted(self, event: CellGrid.CellHighlighted) -> None:
        self.highlighted.append(event.coordinate)


async def test_cells_are_shown_literally_on_one_line_each() -> None:
    """A filer's line breaks become spaces; markup-looking text is text; the header may take two lines."""
    app = GridApp()
    async with app.run_test(size=(80, 10)) as pilot:
        grid = app.query_one(CellGrid)
        headers = [Text("Security"), Text("Nature of\nownership"), Text("Price", justify="right")]
        grid.set_cells(headers, [
            [Text("[b]Common[/b] Stock"), Text("By the\nTrust"), Text("$1.68", justify="right")],
            [Text("Class A"), Text("[@click=app.quit]x[/]"), Text("$10", justify="right")],
        ])  # fmt: skip
        await pilot.pause()
        lines = screen_text(app).splitlines()
        assert grid.header_height == 2
        assert lines[0].split() == ["Security", "Nature", "of", "Price"]
        assert lines[1].split() == ["ownership"]
        assert "[b]Common[/b] Stock" in lines[2] and "By the Trust" in lines[2]
        assert lines[2].rstrip().endswith("$1.68") and lines[3].rstrip().endswith("  $10")  # right-aligned
        assert "[@click=app.quit]x[/]" in lines[3]
        assert app.highlighted == [Coordinate(0, 0)]
        await pilot.click(grid, offset=(lines[3].index("[@click"), 3))
        assert app.is_running and grid.cursor_coordinate == Coordinate(1, 1)
        assert app.highlighted[-1] == Coordinate(1, 1)
        grid.update_cell_at(Coordinate(1, 1), Text("By spouse"))
        await pilot.pause()
        assert "By spouse" in screen_text(app).splitlines()[3]


async def test_an_empty_grid_has_no_cursor_to_move() -> None:
    app = GridApp()
    async with app.run_test(size=(40, 6)) as pilot:
        grid = app.query_one(CellGrid)
        grid.set_cells([Text("Security"), Text("Date")], [])
        await pilot.pause()
        grid.focus()
        await pilot.press("down", "right", "end", "pagedown")
        assert grid.cursor_coordinate == Coordinate(0, 0)
        assert screen_text(app).splitlines()[0].split() == ["Security", "Date"]


def test_labelled_rows_indent_a_wrapped_value_under_its_first_line() -> None:
    footnote = json.loads((SEED_DIR / "expected.json").read_text())["footnotes"]["F1"] if SEED_DIR.is_dir() else None
    if footnote is None:
        pytest.skip("the seed filing is not here")
    console = Console(width=60, color_system=None, legacy_windows=False)
    rows = LabelledRows([(Text("(1)", style="bold"), Text(footnote)), (Text("Signed"), Text("x" * 120))])
    lines = ["".join(s.text for s in line) for line in rows.lines(console, 60)]
    assert all(len(line) == 60 for line in lines)
    assert lines[0].startswith("(1)    " + footnote.split()[0])
    continuation = [line for line in lines[1:] if not line.startswith("Signed")]
    assert continuation and all(line.startswith(" " * 7) for line in continuation[:-3])
    body = " ".join(" ".join(line[7:].split()) for line in lines if not set(line[7:]) <= {"x", " "})
    assert " ".join(footnote.split()) == body  # every word, in order, nothing cut
    signed = lines.index(next(line for line in lines if line.startswith("Signed")))
    assert "".join(line[7:].strip() for line in lines[signed:]) == "x" * 120  # a long word is folded, not cut
    first = rows.lines(console, 60)[0]
    assert first[0].style is not None and first[0].style.bold  # the label keeps its style
    assert rows.lines(console, 60) is rows.lines(console, 60)  # wrapped once per width


async def test_zoom_shows_every_row_of_a_long_table(alphabet_db: Path) -> None:
    """In the layout Table I shows a few rows and scrolls; z gives it the screen, and all 30 rows show."""
    app = ExplorerApp(alphabet_db, [], import_samples=False)
    async with app.run_test(size=(120, 45)) as pilot:
        await open_table_i(pilot, app)
        last_price = "$2,597.4761 (27)"  # row 30's price in the filing (2597.4761, footnote F27)
        assert last_price not in screen_text(app)
        await pilot.press("z")
        await pilot.pause()
        assert last_price in screen_text(app)
        assert "Owner & issuer" not in screen_text(app)
        await pilot.press("z")
        await pilot.pause()
        assert last_price not in screen_text(app) and "Owner & issuer" in screen_text(app)


async def test_rows_take_the_focused_background_with_the_focus(alphabet_db: Path) -> None:
    """Focus tints the grid's background: rows drawn before the focus came must be drawn again with it."""
    app = ExplorerApp(alphabet_db, [], import_samples=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.main.details.shown is not None)
        table = app.query_one("#table1", TablePane).table
        row_line = table.header_height + 2  # the third row: not the cursor's, not a zebra stripe
        unfocused = table.render_line(row_line)
        assert next(iter(unfocused)).style.bgcolor == table.rich_style.bgcolor
        await pilot.press("enter")  # list -> Table I
        await pilot.pause()
        assert app.focused is table
        focused = table.render_line(row_line)
        assert table.rich_style.bgcolor != next(iter(unfocused)).style.bgcolor  # the tint changed it
        assert next(iter(focused)).style.bgcolor == table.rich_style.bgcolor
        cursor_line = next(iter(table.render_line(table.header_height)))  # row 0: the cursor's
        assert cursor_line.style.bgcolor == table.get_component_rich_style("cell-grid--cursor").bgcolor
        assert cursor_line.style.bgcolor != next(iter(unfocused)).style.bgcolor
        await pilot.press("escape")  # back to the list: the untinted background and the blurred cursor
        await pilot.pause()
        assert app.focused is not table
        assert next(iter(table.render_line(row_line))).style.bgcolor == next(iter(unfocused)).style.bgcolor
        blurred = next(iter(table.render_line(table.header_height))).style.bgcolor
        assert blurred == table.get_component_rich_style("cell-grid--cursor").bgcolor != cursor_line.style.bgcolor
