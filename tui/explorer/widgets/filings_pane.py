"""The left pane: the insider search box, the line that says how many filings show and which filters are
on, and the filing list."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from tui.explorer.widgets.filing_list import FilingList
from tui.explorer.widgets.search_box import SearchBox

IMPORTING = "Importing… the filings show here as soon as they are in."
#: over the list's columns (filing_list.py): the date is the filed date, `s`/`p` after it say otherwise
HEADER = f"   {'Filed':<12}{'Form':<5}{'Ticker':<7}Issuer"
HEADER_TIP = (
    "Filed: the date filed; with s after it the latest signature's (the file gives no filed date), with p "
    "the period of report. Second line: ✎ a note, the insiders (the one a search matched first), the codes."
)


class FilingsPane(Vertical):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="pane")
        self.border_title = "Filings"
        # children kept by reference: a message that arrives while the app shuts down still finds them
        self.search_box = SearchBox(id="search")
        self.filter_line = Static(Text("Opening the store…"), id="filter-line")
        self.header = Static(Text(HEADER), id="list-header")
        self.header.tooltip = HEADER_TIP
        self.filing_list = FilingList(id="filings")
        self.filing_list.empty_text = "Opening the store…"

    def compose(self) -> ComposeResult:
        yield self.search_box
        yield self.filter_line
        yield self.header
        yield self.filing_list

    def show_line(self, line: Text, *, filtered: bool) -> None:
        self.filter_line.update(line)
        self.border_subtitle = Text("filtered" if filtered else "newest first")

    def say_when_empty(self, *, importing: bool, total: int) -> None:
        """What the list says when no filing shows: an import runs, none matches, or the store is empty."""
        if importing:
            text = IMPORTING
        elif total:
            text = "No filings match the filters."
        else:
            text = "No filings yet. Press i to import files or folders."
        if text != self.filing_list.empty_text:
            self.filing_list.empty_text = text
            self.filing_list.refresh()
