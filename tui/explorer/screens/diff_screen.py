"""`d` on an amendment (or on the filing it amends): what the amendment changed, from
`tui.checks.diff_filings` — rows added, removed, not restated, and changed field by field.

The two filings are read in a worker (they are store reads); the screen says "Reading…" until they come."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.checks import Change, diff_filings
from tui.checks.amendment import submitted
from tui.explorer.messages import one_line
from tui.explorer.widgets.labelled_rows import LabelledRows
from tui.model import Filing
from tui.store import StoredFiling

#: how each kind of change is labelled, and its colour
WHAT_STYLES = {"changed": "bold yellow", "added": "bold green", "removed": "bold red", "not restated": "bold cyan"}


def _describe(label: str, filing_id: str, filing: Filing) -> Text:
    when, stand_in = submitted(filing)
    text = Text()
    text.append(f"{label}: ", style="bold")
    text.append(f"Form {filing.form} {'signed' if stand_in else 'filed'} {when or 'date not given'}  ({filing_id})")
    return text


def diff_text(original: StoredFiling, amendment: StoredFiling, changes: Sequence[Change]) -> LabelledRows:
    """The two filings, then one line per change: its kind and its sentence (shown literally)."""
    rows: list[tuple[Text, Text]] = [
        (Text(""), _describe("Original", original.id, original.filing)),
        (Text(""), _describe("Amendment", amendment.id, amendment.filing)),
        (Text(""), Text("")),
    ]
    if not changes:
        rows.append((Text(""), Text("No change in its rows, footnotes or remarks.", style="italic")))
    for change in changes:
        rows.append((Text(change.what, style=WHAT_STYLES.get(change.what, "bold")), Text(change.text)))
    return LabelledRows(rows, label_width=13)


@dataclass
class DiffRead(Message):
    original: StoredFiling | None
    amendment: StoredFiling | None
    changes: list[Change]
    error: str | None = None


class DiffScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,d,q", "close", "Close the diff", tooltip="close the diff"),
    ]

    def __init__(self, original_id: str, amendment_id: str, read: Callable[[str], StoredFiling | None]) -> None:
        super().__init__()
        self.original_id = original_id
        self.amendment_id = amendment_id
        self._read = read
        self.changes: list[Change] | None = None  # None: not read yet
        self._body = Static(Text("Reading the two filings…"), id="diff-text")

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="diff-body") as body:
            body.border_title = "What the amendment changed"
            body.border_subtitle = "↑ ↓ pgup pgdn: scroll · escape: close"
            yield self._body

    def on_mount(self) -> None:
        self._read_both()

    @work(thread=True, exit_on_error=False, group="diff")
    def _read_both(self) -> None:
        try:
            original, amendment = self._read(self.original_id), self._read(self.amendment_id)
            changes = diff_filings(original.filing, amendment.filing) if original and amendment else []
        except Exception as exc:
            self.post_message(DiffRead(None, None, [], one_line(exc)))
            return
        self.post_message(DiffRead(original, amendment, changes))

    def on_diff_read(self, event: DiffRead) -> None:
        if event.original is None or event.amendment is None:
            missing = self.original_id if event.original is None else self.amendment_id
            reason = event.error or f"filing {missing} is not in the store"
            self._body.update(Text(f"The diff cannot be shown: {reason}."))
            return
        self.changes = event.changes
        self._body.update(diff_text(event.original, event.amendment, event.changes))

    def action_close(self) -> None:
        self.dismiss(None)
