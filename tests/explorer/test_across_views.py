"""The across-filings views in the explorer, driven by keys on the corpus store: the screener (T), the
insider view (o on a filing, the palette), the issuer view (I); Enter opens a row's filing, escape
goes back to the view. Expected values come from expected.json (see tests/across)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from tests.across.conftest import cik, expected_filings
from tests.explorer import helpers as app_helpers
from tests.explorer.helpers import screen_text, wait_for
from tui.explorer.app import ExplorerApp
from tui.explorer.screens.across_filing import AcrossFilingScreen
from tui.explorer.screens.insider_screen import InsiderScreen, chart_points
from tui.explorer.screens.issuer_screen import IssuerScreen
from tui.explorer.screens.screener_screen import ScreenerScreen
from tui.explorer.widgets.transaction_list import COLUMNS, FIXED_WIDTH, delta_text

corpus_db = app_helpers.corpus_db
_corpus_db_template = app_helpers._corpus_db_template

SIZE = (120, 40)


async def started(pilot, app: ExplorerApp) -> None:  # type: ignore[no-untyped-def]
    await wait_for(pilot, lambda: app.main.list_ready and app.main.details.shown)


async def test_screener_filter_sort_open_and_back(corpus_db: Path) -> None:
    app = ExplorerApp(corpus_db, import_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot, app)
        await pilot.press("T")
        await wait_for(pilot, lambda: isinstance(app.screen, ScreenerScreen) and app.screen.list.index is not None)
        screener = app.screen
        assert isinstance(screener, ScreenerScreen)
        everything = len(screener.list.rows)
        lines = screen_text(app).splitlines()
        assert "date" in lines[1] and "2" in lines[2][:3]  # the first row right under the header
        assert "code" in lines[1] and "A/D" in lines[1]
        first_row = lines[2]
        await pilot.press("right", "right")  # sideways: two columns (code, A/D) out of sight, whole
        await wait_for(pilot, lambda: screen_text(app).splitlines()[1][FIXED_WIDTH:].lstrip().startswith("shares"))
        lines = screen_text(app).splitlines()
        assert lines[1].startswith(" date       ticker insider")  # the header scrolls with the rows...
        assert lines[2][:FIXED_WIDTH] == first_row[:FIXED_WIDTH]  # ...and date, ticker, insider stay put
        for _ in range(20):
            await pilot.press("right")
        await wait_for(pilot, lambda: "find rev" in screen_text(app).splitlines()[1])
        await pilot.press("home")
        await pilot.press("f")
        await wait_for(pilot, lambda: app.screen is not screener)
        await pilot.press(*"code=S ticker=TSLA value>1000000", "enter")
        await wait_for(pilot, lambda: app.screen is screener and len(screener.list.rows) < everything)
        assert len(screener.list.rows) == 23  # counted from expected.json in tests/across/test_screener.py
        # the lines below the last row are drawn as blanks (a strip that only claimed its width left the
        # terminal showing the rows of the previous screen there)
        below = screener.list.render_line(30)
        assert "".join(seg.text for seg in below) == " " * screener.list.scrollable_content_region.width
        assert "23 row(s)" in screen_text(app)
        await pilot.press("s", "s", "s", "s", "s", "s", "s", "s", "s")  # date, filed, ticker … value
        await wait_for(pilot, lambda: screener.sort == "value" and "sorted by value" in screen_text(app))
        top = screener.list.highlighted
        assert top is not None and top.shares == Decimal("3107623")  # the largest sale: 3,107,623 x $191.467
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, AcrossFilingScreen) and "Table I" in screen_text(app))
        await wait_for(pilot, lambda: "Musk Elon" in screen_text(app))
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screener)
        assert screener.list.highlighted == top  # where you were
        assert top.findings == len(app.store.findings_of(top.filing_id)) and not top.reviewed  # type: ignore[union-attr]
        await pilot.press("f")
        await wait_for(pilot, lambda: app.screen is not screener)
        await pilot.press(*" findings=yes reviewed=no", "enter")  # typed after the filter already there
        await wait_for(pilot, lambda: app.screen is screener and "findings=yes" in screen_text(app))
        await wait_for(pilot, lambda: "row(s)" in screen_text(app))
        flagged = {fid for fid in app.store.ids() if app.store.findings_of(fid)}  # type: ignore[union-attr]
        shown = [screener.list.index and screener.list.index.info[screener.list.index.rows["f"][r]].fid
                 for r in screener.list.rows]  # fmt: skip
        assert set(shown) <= flagged
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is app.main)


async def test_insider_view_from_the_palette_has_musk_holdings(corpus_db: Path) -> None:
    app = ExplorerApp(corpus_db, import_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot, app)
        await pilot.press("ctrl+p")
        await pilot.press(*"insider history")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await wait_for(pilot, lambda: "Insider history" in screen_text(app))
        await pilot.press(*"1494730", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, InsiderScreen) and app.screen.history is not None)
        view = app.screen
        assert isinstance(view, InsiderScreen) and view.history is not None
        assert "Musk Elon (CIK 1494730)" in screen_text(app)
        musk = [d for d in expected_filings().values() if any(cik(o["cik"]) == "1494730" for o in d["owners"])]
        assert view.filings.row_count == len(musk)
        # a role longer than its column is cut with "…", not silently
        long_roles = {f.role for f in view.history.filings if len(f.role) > 34}
        assert long_roles, [f.role for f in view.history.filings]
        assert all(f"{role[:33]}…" in screen_text(app) for role in long_roles)
        # the chart's points are the owned-after values of the filings (Tesla common stock, by trust)
        series = view.history.holdings[view.series_at]
        expected = sorted(
            float(Decimal(r["shares_owned_following"]))
            for d in musk
            for r in d["non_derivative"]
            if r["security_title"] == series.security and r["shares_owned_following"]
        )
        drawn = sorted(y for _, ys in chart_points(series).values() for y in ys)
        assert drawn == expected
        assert view.points.row_count == len(expected)  # the exact figures beside the chart
        last = view.points.get_row_at(view.points.row_count - 1)
        assert str(last[4]) == "445,617,432"  # owned after Musk's last sale of 2022-11-08
        await pilot.press("enter")  # the newest filing
        await wait_for(pilot, lambda: isinstance(app.screen, AcrossFilingScreen))
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is view)


async def test_o_and_i_on_a_filing(corpus_db: Path) -> None:
    app = ExplorerApp(corpus_db, import_samples=False)
    async with app.run_test(size=(200, 60)) as pilot:
        await started(pilot, app)
        shown = app.main.details.cached(app.main.details.shown or "")
        assert shown is not None
        await pilot.press("I")
        await wait_for(pilot, lambda: isinstance(app.screen, IssuerScreen) and app.screen.insiders.row_count > 0)
        issuer = cik(shown.filing.issuer.cik)
        owners = {
            cik(o["cik"]) for d in expected_filings().values() if cik(d["issuer"]["cik"]) == issuer for o in d["owners"]
        }
        assert app.screen.insiders.row_count == len(owners)
        await pilot.press("enter")  # the first insider's own view
        await wait_for(pilot, lambda: isinstance(app.screen, InsiderScreen) and app.screen.history is not None)
        await pilot.press("escape", "escape")
        await wait_for(pilot, lambda: app.screen is app.main)
        await pilot.press("o")
        if len(shown.filing.owners) == 1:
            await wait_for(pilot, lambda: isinstance(app.screen, InsiderScreen) and app.screen.history is not None)
            assert shown.filing.owners[0].name in screen_text(app)


def test_help_lists_the_across_keys() -> None:
    from tui.explorer.keys import help_sections

    sections = dict(help_sections(ExplorerApp.BINDINGS))
    everywhere = dict(sections["Everywhere"])
    assert {"o", "I", "T"} <= set(everywhere)
    screener = dict(sections["Transaction screener (T)"])
    assert screener["f"].startswith("the screener's filter") and screener["enter"] == "open the transaction's filing"
    assert "[ / ]" not in sections["Insider view (o)"] and any("]" in k for k, _ in sections["Insider view (o)"])


async def test_issuer_view_of_the_corpus_issuer_with_most_insiders(corpus_db: Path) -> None:
    from tests.across.test_issuer import busiest_issuer

    issuer, owners = busiest_issuer()
    app = ExplorerApp(corpus_db, import_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot, app)
        await pilot.press("ctrl+p", *"issuer view")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await wait_for(pilot, lambda: "A ticker or an issuer CIK" in screen_text(app))
        await pilot.press(*issuer, "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, IssuerScreen) and app.screen.insiders.row_count > 0)
        view = app.screen
        assert isinstance(view, IssuerScreen)
        assert view.insiders.row_count == len(owners) >= 3
        shown_ciks = {str(view.insiders.get_row_at(i)[1]) for i in range(view.insiders.row_count)}
        assert shown_ciks == owners
        assert f"CIK {issuer}" in screen_text(app)
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is app.main)


async def test_footnote_keys_in_a_filing_opened_from_the_screener(corpus_db: Path) -> None:
    """`f` on a cell and `b` back work in a filing opened from a view as in the main screen (the panes
    there had no ids, and `f` stopped the app)."""
    from tui.explorer.widgets.footnotes_pane import FootnoteList
    from tui.explorer.widgets.transaction_table import TransactionTable

    app = ExplorerApp(corpus_db, import_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot, app)
        await pilot.press("T")
        await wait_for(pilot, lambda: isinstance(app.screen, ScreenerScreen) and app.screen.list.index is not None)
        first = app.screen.list.highlighted  # newest first: MicroVision / Markham, 2026-06-10
        assert first is not None and first.ticker == "MVIS"
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, AcrossFilingScreen) and "MICROVISION" in screen_text(app))
        opened = app.screen
        await wait_for(pilot, lambda: isinstance(app.focused, TransactionTable))
        table = app.focused
        assert isinstance(table, TransactionTable) and table.cursor_coordinate == (0, 0)  # "Common Stock (1)"
        await pilot.press("f")
        await wait_for(pilot, lambda: isinstance(app.focused, FootnoteList))
        assert app.screen is opened and app.is_running
        await pilot.press("b")
        await wait_for(pilot, lambda: app.focused is table)
        assert table.cursor_coordinate == (0, 0)


def test_a_large_delta_own_fits_its_column() -> None:
    # SCWO's 2025-04-30 option grant: 757,576 options over the 180 held before (a real corpus row)
    width = dict((h, w) for h, w, _ in COLUMNS)["ΔOwn"]
    assert delta_text(757_576 / 180 * 100) == "+420,876%" and len("+420,876%") <= width
    assert delta_text(-10.46) == "-10.5%" and delta_text(float("inf")) == "new" and delta_text(None) == ""


async def test_the_screener_shows_progress_while_the_index_is_built(corpus_db: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A store without the row index's cache: the screener says how far the build is (the UI answers
    meanwhile), then lists every transaction; the next open of the views reads nothing again."""
    import shutil

    from tui.across import sync
    from tui.explorer import across_data

    shutil.rmtree(corpus_db / "cache", ignore_errors=True)
    monkeypatch.setattr(sync, "PROGRESS_EVERY", 10)
    seen: list[tuple[int, int]] = []

    class Recorded(across_data.IndexProgress):
        def __init__(self, done: int, total: int) -> None:
            super().__init__(done, total)
            seen.append((done, total))

    monkeypatch.setattr(across_data, "IndexProgress", Recorded)
    app = ExplorerApp(corpus_db, import_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot, app)
        await pilot.press("T")
        await wait_for(pilot, lambda: isinstance(app.screen, ScreenerScreen) and app.screen.list.index is not None)
        total = len(app.store.ids())  # type: ignore[union-attr]
        assert seen[0] == (0, total) and seen[-1] == (total, total)
        assert len(seen) >= total // 10
        assert "row(s)" in screen_text(app)
    assert (corpus_db / "cache" / "rows.npz").is_file()


async def test_no_full_collection_while_the_screener_is_paged(corpus_db: Path) -> None:
    """The idle garbage collection (a full one stalls the screen at 100k filings) waits for a pause in the
    keys on any screen, not only for the main list's cursor to rest."""
    app = ExplorerApp(corpus_db, import_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot, app)
        await pilot.press("T")
        await wait_for(pilot, lambda: isinstance(app.screen, ScreenerScreen) and app.screen.list.index is not None)
        asked: list[bool] = []
        app.collector.collect_if_idle = asked.append  # type: ignore[method-assign,assignment]
        app.main.details.last_move -= 1000  # the main list's cursor rested long ago
        await pilot.press("pagedown")
        app._collect_when_idle()
        app._last_input -= 1000  # ... and now the keys too
        app._collect_when_idle()
        assert asked == [False, True]
