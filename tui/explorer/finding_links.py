"""The links between review findings and the table cells they concern: a finding selected lights up its
cells, `enter`/`n` go through them, `b` back (the keys are `CellLinks`'); every finding's cells are also
flagged, more faintly, while the filing shows."""

from __future__ import annotations

from collections.abc import Callable

from textual.coordinate import Coordinate
from textual.widget import Widget

from tui.checks import Finding
from tui.explorer.cell_links import CellLinks
from tui.explorer.widgets.findings_pane import KIND_LABELS, FindingList, FindingsPane
from tui.explorer.widgets.transaction_table import TablePane


def finding_cells(pane: TablePane, finding: Finding) -> list[Coordinate]:
    """The cells of ``pane`` (Table I or II, its id "table1" / "table2" as in `Finding.rows`) ``finding`` concerns."""
    rows = [index for table, index in finding.rows if table == pane.id]
    return pane.table.concerning(rows, finding.fields)


class FindingLinks(CellLinks):
    layer = "finding"

    def __init__(
        self,
        tables: tuple[TablePane, TablePane],
        findings: FindingsPane,
        *,
        bindings_changed: Callable[[], None],
        unzoom: Callable[[], None],
        say: Callable[[str], None],
    ) -> None:
        super().__init__(tables, bindings_changed=bindings_changed, unzoom=unzoom, say=say)
        self.findings = findings

    def in_pane(self, widget: Widget | None) -> bool:
        return isinstance(widget, FindingList)

    def selected_item(self) -> str | None:
        return self.findings.selected

    def focus_item(self, item: str) -> None:
        self.findings.select(item)
        self.findings.finding_list.focus()

    def cells_of(self, pane: TablePane, item: str) -> list[Coordinate]:
        finding = self.findings.finding(item)
        return finding_cells(pane, finding) if finding is not None else []

    def nowhere(self, item: str) -> str:
        finding = self.findings.finding(item)
        what = KIND_LABELS.get(finding.kind, finding.kind) if finding is not None else "This finding"
        return f"{what}: this finding is about the filing as a whole, not a table cell."

    def which(self, item: str, index: int, count: int) -> str:
        return f"Cell {index + 1} of {count} of finding {int(item) + 1} (n: next)"

    def reset(self) -> None:
        """Another filing is shown: flag the cells of its findings."""
        super().reset()
        for pane in self.tables:
            pane.table.mark("flagged", [c for f in self.findings.findings for c in finding_cells(pane, f)])

    def finding_selected(self, item: str | None) -> None:
        if self.findings.finding_list.has_focus:
            self.mark(item)
