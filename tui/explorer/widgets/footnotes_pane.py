"""The footnotes of a filing, each in full with its mark as the form prints it ("(1)"), and the
remarks below. Cited footnotes (from a table cell) are marked; moving over a footnote posts
`FootnotesPane.Selected` so the app can light up the cells that cite it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.explorer.widgets.labelled_rows import LabelledRows
from tui.explorer.widgets.shown import ShownFiling
from tui.formatting import footnote_label


class FootnoteList(OptionList):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "up", "cursor_up", "Up", show=False, tooltip="select a footnote: the cells that cite it are highlighted"
        ),
        Binding(
            "down",
            "cursor_down",
            "Down",
            show=False,
            tooltip="select a footnote: the cells that cite it are highlighted",
        ),
        Binding("enter", "go_to_citation", "Cell citing it", tooltip="go to the first cell that cites it"),
    ]

    class GoToCitation(Message):
        """Go to the first (``first``) or the next cell that cites ``footnote_id``."""

        def __init__(self, footnote_id: str, first: bool) -> None:
            super().__init__()
            self.footnote_id = footnote_id
            self.first = first

    def current_id(self) -> str | None:
        if self.highlighted is None:
            return None
        return self.get_option_at_index(self.highlighted).id

    def action_go_to_citation(self) -> None:
        footnote_id = self.current_id()
        if footnote_id is not None:
            self.post_message(self.GoToCitation(footnote_id, first=True))


class FootnotesPane(Vertical):
    """Footnotes (a list you can move through) and the remarks."""

    ALLOW_MAXIMIZE = True  # z zooms the pane (with its status line / remarks), not just its inner list

    class Selected(Message):
        """The highlighted footnote changed (None: no footnotes)."""

        def __init__(self, footnote_id: str | None) -> None:
            super().__init__()
            self.footnote_id = footnote_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="pane")
        self.border_title = "Footnotes"
        self._footnotes: dict[str, str] = {}
        self._cited: tuple[str, ...] = ()
        # children kept by reference (not queried): they must answer even while the app shuts down
        self._list = FootnoteList(markup=False, id="footnote-list")
        self._remarks = Static(Text(""), id="remarks")

    def compose(self) -> ComposeResult:
        yield self._list
        yield self._remarks

    @property
    def footnote_list(self) -> FootnoteList:
        return self._list

    @property
    def selected(self) -> str | None:
        return self.footnote_list.current_id()

    def show_filing(self, shown: ShownFiling) -> None:
        self.show(shown.filing.footnotes, shown.filing.remarks)

    def show_nothing(self, message: str = "") -> None:
        self.show({}, None)

    def show(self, footnotes: Mapping[str, str], remarks: str | None) -> None:
        self._footnotes = dict(footnotes)
        self._cited = ()
        self._rebuild()
        if footnotes:  # another filing opens at its first footnote
            self.footnote_list.highlighted = 0
        self.footnote_list.scroll_home(animate=False, immediate=True)
        self.set_class(not footnotes, "-no-footnotes")
        self.can_focus = not footnotes  # remarks alone: the pane itself takes the focus (tab, z)
        remarks_text = Text()
        if remarks:
            remarks_text.append("Remarks: ", style="bold")
            remarks_text.append(remarks)
        elif not footnotes:
            remarks_text.append("No footnotes or remarks.", style="italic")
        self._remarks.update(remarks_text)
        self.set_class(not remarks, "-no-remarks")
        self.border_subtitle = f"{len(footnotes)} footnote{'s' if len(footnotes) != 1 else ''}" if footnotes else ""

    def _prompt(self, footnote_id: str, text: str) -> LabelledRows:
        """ "▶ (1) text…" with the text's wrapped lines indented under its first line."""
        cited = footnote_id in self._cited
        label = Text()
        label.append("▶ " if cited else "  ", style="bold")
        label.append(footnote_label(footnote_id), style="bold green")
        body = Text(text, style="bold" if cited else "")
        return LabelledRows([(label, body)], label_width=6)

    def _rebuild(self) -> None:
        option_list = self.footnote_list
        highlighted = option_list.highlighted
        option_list.clear_options()
        option_list.add_options(Option(self._prompt(fid, text), id=fid) for fid, text in self._footnotes.items())
        if self._footnotes:
            option_list.highlighted = min(highlighted or 0, len(self._footnotes) - 1)

    def show_cited(self, footnote_ids: Sequence[str]) -> None:
        """Mark the footnotes a cell cites, highlight the first and scroll it into view."""
        self._cited = tuple(i for i in footnote_ids if i in self._footnotes)
        self._rebuild()
        option_list = self.footnote_list
        if self._cited:
            index = list(self._footnotes).index(self._cited[0])
            option_list.highlighted = index
            option_list.scroll_to_highlight()
        option_list.focus()

    def clear_cited(self) -> None:
        if self._cited:
            self._cited = ()
            self._rebuild()

    def select(self, footnote_id: str) -> None:
        if footnote_id in self._footnotes:
            self.footnote_list.highlighted = list(self._footnotes).index(footnote_id)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.post_message(self.Selected(event.option_id))
