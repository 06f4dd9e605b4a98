"""The review checks in the explorer, driven with Pilot on corpus filings: the ⚠ count in the list, the
findings pane, a finding's cells highlighted, `enter` from a finding to its cells and `b` back, `a` between
an amendment and its original, `d` for the diff, and the findings filters of the palette.

No real Form 4/A with its original could be found in public repositories (searched again with the search
tool this session: code corpus, "<documentType>4/A</documentType>" and "dateOfOriginalSubmission"; what
is there is synthetic or edited), so the amendment is DERIVED from a real filing exactly as in
tests/checks/test_amendment.py: AMD's Form 4 for Darla Smith, 0000002488-24-000005 (its full submission,
filed 2024-01-17), re-typed as a 4/A that amends the submission of 2024-01-17 and corrects Table II row 1's
RSUs owned after from 473 to 472."""

from __future__ import annotations

from pathlib import Path

from textual.coordinate import Coordinate

from tests.conftest import CORPUS, needs_corpus
from tests.explorer.helpers import build_store, screen_text, wait_for, widget_text
from tui.explorer.app import ExplorerApp
from tui.explorer.screens.diff_screen import DiffScreen
from tui.explorer.widgets.findings_pane import FindingList, FindingsPane
from tui.explorer.widgets.transaction_table import TablePane

pytestmark = needs_corpus

SIZE = (130, 45)
#: Snowflake, Scarpelli, 2022-12-13: Table II row 1 exercises (M) 200,000 stock options but reports
#: them acquired (A); an exercise disposes of the option (read in the filing's XML, lines 43-54)
SNOWFLAKE = CORPUS / "snowflake-scarpelli-2022-12-13" / "source.xml"
ORIGINAL = CORPUS / "0000002488-24-000005"
TO_AMENDMENT = (
    (b"<documentType>4</documentType>", b"<documentType>4/A</documentType>"),
    (
        b"<periodOfReport>2024-01-15</periodOfReport>",
        b"<periodOfReport>2024-01-15</periodOfReport>\n<dateOfOriginalSubmission>2024-01-17</dateOfOriginalSubmission>",
    ),
    (b"<value>473</value>", b"<value>472</value>"),
)


def make_app(db: Path) -> ExplorerApp:
    return ExplorerApp(db, [], import_samples=False)


async def started(pilot, app: ExplorerApp) -> None:  # type: ignore[no-untyped-def]
    await wait_for(pilot, lambda: app.main.list_ready and app.main.details.shown is not None)


def derived_amendment(folder: Path) -> Path:
    data = (ORIGINAL / "source.xml").read_bytes()
    for old, new in TO_AMENDMENT:
        assert data.count(old) == 1, old
        data = data.replace(old, new)
    path = folder / "amd-smith-4a-derived.xml"
    path.write_bytes(data)
    return path


def column(pane: TablePane, key: str) -> int:
    return next(i for i, c in enumerate(pane.table.columns_shown) if c.key == key)


async def test_a_finding_goes_to_its_cells_and_b_comes_back(tmp_path: Path) -> None:
    db = tmp_path / "store"
    build_store(db, SNOWFLAKE).close()
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot, app)
        screen = screen_text(app)
        assert "⚠1" in screen  # the list: one finding
        pane = app.query_one(FindingsPane)
        assert not pane.has_class("-none")
        message = "Table II row 1: code M (exercise or conversion of a derivative security"
        assert message in " ".join(widget_text(app.query_one(FindingList)).split())
        assert "but the row says acquired" in " ".join(widget_text(app.query_one(FindingList)).split())
        table2 = app.query_one("#table2", TablePane)
        code, amount = Coordinate(0, column(table2, "code")), Coordinate(0, column(table2, "amount"))
        # the cells it concerns are flagged while the filing shows: the code and the (A)/(D) of row 1
        assert table2.table._marks["flagged"] == {code, amount}
        findings = app.query_one(FindingList)
        findings.focus()
        await pilot.pause()
        assert table2.table._marks["finding"] == {code, amount}  # the selected finding's, more strongly
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.focused is table2.table)
        assert table2.table.cursor_coordinate == code
        await pilot.press("n")  # the next cell of the finding
        await pilot.pause()
        assert table2.table.cursor_coordinate == amount
        await pilot.press("b")  # back to the finding
        await wait_for(pilot, lambda: app.focused is findings)
        assert findings.current_id() == "0"
        await pilot.press("b")  # and again to the cell
        await wait_for(pilot, lambda: app.focused is table2.table)
        assert table2.table.cursor_coordinate == amount


async def test_amendment_to_original_and_back_and_the_diff(tmp_path: Path) -> None:
    db = tmp_path / "store"
    build_store(db, ORIGINAL / "source.txt", derived_amendment(tmp_path)).close()
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot, app)
        main = app.main
        by_form = {main.filing_list.summaries[i].form: i for i in main.filing_list.ids}
        amendment, original = by_form["4/A"], by_form["4"]
        main.filing_list.move_cursor(main.filing_list.ids.index(amendment))
        await wait_for(pilot, lambda: main.details.shown == amendment)
        pane = " ".join(widget_text(main.findings_pane.finding_list).split())
        assert f"Amends Form 4 filed 2024-01-17 ({original}): Table II row 1 shares owned following 473 → 472" in pane
        # the cell the amendment changed is flagged: Table II row 1, owned after
        table2 = app.query_one("#table2", TablePane)
        assert table2.table._marks["flagged"] == {Coordinate(0, column(table2, "following"))}
        await pilot.press("a")  # to the original
        await wait_for(pilot, lambda: main.details.shown == original)
        assert f"Amended by Form 4/A signed 2024-01-17 ({amendment}): 1 change" in " ".join(
            widget_text(main.findings_pane.finding_list).split()
        )
        await pilot.press("a")  # and back to the amendment
        await wait_for(pilot, lambda: main.details.shown == amendment)
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, DiffScreen) and app.screen.changes is not None)
        diff = app.screen
        assert isinstance(diff, DiffScreen)
        assert (diff.original_id, diff.amendment_id) == (original, amendment)
        assert diff.changes is not None
        assert [(c.what, c.field, c.old, c.new) for c in diff.changes] == [
            ("changed", "shares_owned_following", "473", "472")
        ]
        text = screen_text(app)
        assert f"Original: Form 4 filed 2024-01-17  ({original})" in text
        assert f"Amendment: Form 4/A signed 2024-01-17  ({amendment})" in text
        assert "changed       Table II row 1 shares owned following 473 → 472" in text
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is main)


async def test_the_findings_filters_show_while_on_and_clear(tmp_path: Path) -> None:
    db = tmp_path / "store"
    build_store(db, SNOWFLAKE, ORIGINAL / "source.txt").close()
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot, app)
        main = app.main
        assert len(main.filing_list.ids) == 2
        main.set_findings_filter(has=True)
        await wait_for(pilot, lambda: len(main.filing_list.ids) == 1)
        assert "1 of 2 filings · findings" in screen_text(app)
        main.set_findings_filter(kind="late_filing")  # Snowflake's finding is a code_direction one
        await wait_for(pilot, lambda: not main.filing_list.ids)
        assert "finding late_filing" in screen_text(app)
        main.set_findings_filter(kind="code_direction")
        await wait_for(pilot, lambda: len(main.filing_list.ids) == 1)
        main.action_clear_filters()
        await wait_for(pilot, lambda: len(main.filing_list.ids) == 2)
        assert "finding" not in screen_text(app).splitlines()[2]
