"""The review checks' findings on the filing shown, one a line: its kind and its sentence, as the check
wrote it (shown literally, never as markup: a sentence quotes security titles from the filing). Moving
over a finding posts `FindingsPane.Selected` (its cells are highlighted in the tables); `enter` posts
`FindingList.GoToCells`. The pane is hidden for a filing without findings."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.checks import Finding
from tui.explorer.widgets.labelled_rows import LabelledRows
from tui.explorer.widgets.shown import ShownFiling
from tui.safe_text import inert

#: each kind of finding as the screen names it (`tui.checks.KINDS`)
KIND_LABELS: dict[str, str] = {
    "late_filing": "Late filing",
    "holdings_arithmetic": "Holdings arithmetic",
    "holdings_continuity": "Holdings continuity",
    "code_direction": "Code vs (A)/(D)",
    "plan_10b5_1": "10b5-1 disclosure",
    "amendment": "Amendment",
}
WARNING = "⚠"


def amendment_links(findings: tuple[Finding, ...]) -> list[tuple[str, str]]:
    """(the other filing's id, "original" or "amendment") for each amendment finding that links this filing
    to exactly one other: an amendment to the filing it amends, an original to each amendment of it."""
    links = []
    for finding in findings:
        if finding.kind == "amendment" and len(finding.related) == 1:
            what = "amendment" if finding.message.startswith("Amended by") else "original"
            links.append((finding.related[0], what))
    return links


class FindingList(OptionList):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor_up", "Up", show=False, tooltip="select a finding: the cells it concerns are highlighted"),
        Binding(
            "down", "cursor_down", "Down", show=False, tooltip="select a finding: the cells it concerns are highlighted"
        ),
        Binding("enter", "go_to_cells", "Cells of finding", tooltip="go to the first table cell the finding concerns"),
    ]

    class GoToCells(Message):
        """Go to the first (``first``) or the next cell that the finding ``item`` concerns."""

        def __init__(self, item: str, first: bool) -> None:
            super().__init__()
            self.item = item
            self.first = first

    def current_id(self) -> str | None:
        if self.highlighted is None:
            return None
        return self.get_option_at_index(self.highlighted).id

    def action_go_to_cells(self) -> None:
        item = self.current_id()
        if item is not None:
            self.post_message(self.GoToCells(item, first=True))


class FindingsPane(Vertical):
    """The findings, a list to move through (an item is the finding's index, as a string)."""

    ALLOW_MAXIMIZE = True

    class Selected(Message):
        """The highlighted finding changed (None: no findings)."""

        def __init__(self, item: str | None) -> None:
            super().__init__()
            self.item = item

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="pane -none")
        self.border_title = "Review findings"
        self.findings: tuple[Finding, ...] = ()
        self._list = FindingList(markup=False, id="finding-list")

    def compose(self) -> ComposeResult:
        yield self._list

    @property
    def finding_list(self) -> FindingList:
        return self._list

    @property
    def selected(self) -> str | None:
        return self._list.current_id()

    def finding(self, item: str) -> Finding | None:
        index = int(item) if item.isdigit() else -1
        return self.findings[index] if 0 <= index < len(self.findings) else None

    def show_filing(self, shown: ShownFiling) -> None:
        self.show(shown.summary.findings if shown.summary is not None else ())

    def show_nothing(self, message: str = "") -> None:
        self.show(())

    def show(self, findings: tuple[Finding, ...]) -> None:
        if findings == self.findings and self._list.option_count == len(findings):
            return
        self.findings = findings
        option_list = self._list
        option_list.clear_options()
        option_list.add_options(Option(_prompt(f), id=str(i)) for i, f in enumerate(findings))
        if findings:
            option_list.highlighted = 0
        self.set_class(not findings, "-none")
        self.border_title = f"Review findings {WARNING} {len(findings)}" if findings else "Review findings"
        links = {what for _, what in amendment_links(findings)}
        keys = []
        if links:
            keys.append("a: the " + (" / ".join(sorted(links))))
            keys.append("d: the diff")
        self.border_subtitle = "enter: its cells · " + " · ".join(keys) if keys else "enter: its cells"

    def select(self, item: str) -> None:
        finding = self.finding(item)
        if finding is not None:
            self._list.highlighted = int(item)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.post_message(self.Selected(event.option_id))


def _prompt(finding: Finding) -> LabelledRows:
    label = Text()
    label.append(f"{WARNING} ", style="bold")
    label.append(KIND_LABELS.get(finding.kind, finding.kind), style="bold yellow")
    return LabelledRows([(label, Text(inert(finding.message)))], label_width=22)
