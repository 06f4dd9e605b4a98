"""The filing list: a virtualized list (Textual's Line API) that renders only the visible rows.

It holds a list of filing ids and a mapping id -> summary; nothing is built per filing until the row
scrolls into view, so 100k filings scroll like 100. Each filing takes two lines:

    ✓ 2023-12-12s 4    CLRB    Cellectar Biosciences, Inc.
    ✎ CARUSO JAMES V                                ⚠2 A M

✓: reviewed; ✎: the filing has a note; the date is the filed date, or with `s` after it the latest
signature's (the file gives no filed date), with `p` the period of report; the insiders' names with
the one a name search matched first (`owner_order.py`); ⚠2: the review checks found two things to
look at; then the transaction codes.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.explorer.widgets.owner_order import matching_first
from tui.safe_text import inert_line, is_inert
from tui.store import FilingSummary

LINES_PER_FILING = 2
REVIEWED_MARK = "✓"
NOTE_MARK = "✎"
FINDINGS_MARK = "⚠"


class FilingList(ScrollView, can_focus=True):
    """Filings, newest first, with a cursor. Posts `FilingList.Highlighted` when the cursor moves."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor_up", "Up", show=False, tooltip="previous / next filing"),
        Binding("down,j", "cursor_down", "Down", show=False, tooltip="previous / next filing"),
        Binding("pageup", "page_up", "Page up", show=False, tooltip="a page up / down"),
        Binding("pagedown", "page_down", "Page down", show=False, tooltip="a page up / down"),
        Binding("home", "first", "First", show=False, tooltip="the newest / oldest filing"),
        Binding("end", "last", "Last", show=False, tooltip="the newest / oldest filing"),
        Binding("enter", "open", "Open filing", tooltip="go to the filing's tables"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "filing-list--cursor",
        "filing-list--mark",
        "filing-list--date",
        "filing-list--form",
        "filing-list--ticker",
        "filing-list--owners",
        "filing-list--codes",
        "filing-list--findings",
        "filing-list--empty",
    }

    class Highlighted(Message):
        """The cursor moved to another filing (None: the list is empty)."""

        def __init__(self, filing_list: FilingList, filing_id: str | None) -> None:
            super().__init__()
            self.filing_list = filing_list
            self.filing_id = filing_id

        @property
        def control(self) -> FilingList:
            return self.filing_list

    class Opened(Message):
        """Enter on a filing: the user wants to look at its details."""

        def __init__(self, filing_list: FilingList, filing_id: str) -> None:
            super().__init__()
            self.filing_list = filing_list
            self.filing_id = filing_id

        @property
        def control(self) -> FilingList:
            return self.filing_list

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._ids: list[str] = []
        self._summaries: Mapping[str, FilingSummary] = {}
        self._reviewed: Collection[str] = frozenset()
        self._cursor = 0
        self._noted: Collection[str] = frozenset()
        #: the insider-name search in force: a joint filing's line names the owner it matched first
        self.name_query = ""
        self._cache: LRUCache[tuple[object, ...], Strip] = LRUCache(1024)
        self.empty_text = "No filings."

    # ------------------------------------------------------------------ data
    @property
    def ids(self) -> list[str]:
        return self._ids

    @property
    def summaries(self) -> Mapping[str, FilingSummary]:
        return self._summaries

    @property
    def cursor(self) -> int:
        return self._cursor

    @property
    def highlighted(self) -> str | None:
        return self._ids[self._cursor] if 0 <= self._cursor < len(self._ids) else None

    def set_items(
        self,
        ids: list[str],
        summaries: Mapping[str, FilingSummary],
        reviewed: Collection[str],
        *,
        keep: str | None = None,
    ) -> None:
        """Show these filings; keep the cursor on ``keep`` (or the current filing) when it is still listed."""
        previous = keep or self.highlighted
        self._ids = ids
        self._summaries = summaries
        self._reviewed = reviewed
        self._cache.clear()
        self.virtual_size = Size(0, len(ids) * LINES_PER_FILING)
        index = 0
        if previous is not None:
            try:
                index = ids.index(previous)
            except ValueError:
                index = 0
        self._cursor = -1  # force a Highlighted message
        self.move_cursor(index)
        self.refresh()

    def set_noted(self, noted: Collection[str]) -> None:
        """The filings that have a note (✎ on their second line)."""
        self._noted = noted
        self._cache.clear()
        self.refresh()

    def set_reviewed(self, reviewed: Collection[str]) -> None:
        self._reviewed = reviewed
        self._cache.clear()
        self.refresh()

    # ------------------------------------------------------------------ cursor
    def move_cursor(self, index: int) -> None:
        index = max(0, min(index, len(self._ids) - 1)) if self._ids else 0
        changed = index != self._cursor
        old = self._cursor
        self._cursor = index
        self._refresh_filing(old)
        self._refresh_filing(index)
        self._scroll_cursor_into_view()
        if changed:
            self.post_message(self.Highlighted(self, self.highlighted))

    def _refresh_filing(self, index: int) -> None:
        if index < 0:
            return
        top = index * LINES_PER_FILING - int(self.scroll_offset.y)
        for line in range(top, top + LINES_PER_FILING):
            if 0 <= line < self.size.height:
                self.refresh_line(line)

    def _scroll_cursor_into_view(self) -> None:
        height = self.scrollable_content_region.height
        if height <= 0:
            return
        top = self._cursor * LINES_PER_FILING
        bottom = top + LINES_PER_FILING
        scroll_y = int(self.scroll_offset.y)
        if top < scroll_y:
            self.scroll_to(y=top, animate=False, immediate=True)
        elif bottom > scroll_y + height:
            # keep whole filings at the top: round the offset up to a filing boundary
            y = -(-(bottom - height) // LINES_PER_FILING) * LINES_PER_FILING
            self.scroll_to(y=min(y, top), animate=False, immediate=True)

    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height // LINES_PER_FILING - 1)

    def action_cursor_up(self) -> None:
        self.move_cursor(self._cursor - 1)

    def action_cursor_down(self) -> None:
        self.move_cursor(self._cursor + 1)

    def action_page_up(self) -> None:
        self.move_cursor(self._cursor - self._page())

    def action_page_down(self) -> None:
        self.move_cursor(self._cursor + self._page())

    def action_first(self) -> None:
        self.move_cursor(0)

    def action_last(self) -> None:
        self.move_cursor(len(self._ids) - 1)

    def action_open(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.Opened(self, self.highlighted))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = (offset.y + int(self.scroll_offset.y)) // LINES_PER_FILING
        if 0 <= index < len(self._ids):
            self.move_cursor(index)
            if event.chain >= 2:
                self.action_open()

    def on_resize(self, event: events.Resize) -> None:
        self._cache.clear()
        self.virtual_size = Size(0, len(self._ids) * LINES_PER_FILING)
        self._scroll_cursor_into_view()

    def on_focus(self) -> None:
        self._cache.clear()
        self.refresh()

    def on_blur(self) -> None:
        self._cache.clear()
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()

    # ------------------------------------------------------------------ rendering
    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        line = int(scroll_y) + y
        index, part = divmod(line, LINES_PER_FILING)
        base = self.rich_style
        if not self._ids:
            if line == 0:
                text = Text(f" {self.empty_text}", style=self.get_component_rich_style("filing-list--empty"))
                text.truncate(width, overflow="ellipsis", pad=True)
                return Strip(text.render(self.app.console), width).apply_style(base)
            return Strip.blank(width, base)
        if index >= len(self._ids):
            return Strip.blank(width, base)
        filing_id = self._ids[index]
        is_cursor = index == self._cursor
        reviewed = filing_id in self._reviewed
        key = (filing_id, part, width, is_cursor, reviewed, self.has_focus)
        strip = self._cache.get(key)
        if strip is None:
            strip = self._render_part(filing_id, part, width, is_cursor, reviewed)
            self._cache[key] = strip
        return strip.crop(int(scroll_x), int(scroll_x) + width) if scroll_x else strip

    def _render_part(self, filing_id: str, part: int, width: int, is_cursor: bool, reviewed: bool) -> Strip:
        summary = self._summaries.get(filing_id)
        style = self.get_component_rich_style
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        if summary is None:
            text.append(" ")
        elif part == 0:
            text.append(f" {REVIEWED_MARK if reviewed else ' '} ", style=style("filing-list--mark"))
            text.append(f"{summary.date[:10]:<10}", style=style("filing-list--date"))
            text.append(f"{date_kind(summary):<2}", style=style("filing-list--empty"))
            text.append(f"{_one_line(summary.form):<4}", style=style("filing-list--form"))
            text.append(" ")
            text.append(f"{_one_line(summary.ticker or '—')[:8]:<6}", style=style("filing-list--ticker"))
            text.append(" ")
            text.append(_one_line(summary.issuer or ""))
        else:
            codes = " ".join(summary.codes)
            flag = f"{FINDINGS_MARK}{len(summary.findings)} " if summary.findings else ""
            names = matching_first(summary.owners, self.name_query) if self.name_query else summary.owners
            owners = _one_line("; ".join(names)) or "(no reporting owner)"
            room = max(1, width - 3 - len(codes) - 2 - len(flag))
            owners_text = Text(owners, style=style("filing-list--owners"))
            owners_text.truncate(room, overflow="ellipsis", pad=True)
            text.append(f" {NOTE_MARK if filing_id in self._noted else ' '} ", style=style("filing-list--mark"))
            text.append_text(owners_text)
            text.append(" ")
            text.append(flag, style=style("filing-list--findings"))
            text.append(codes, style=style("filing-list--codes"))
        text.truncate(width, overflow="ellipsis", pad=True)
        segments = list(text.render(self.app.console))
        if is_cursor:
            return _overlay(segments, width, self.rich_style + style("filing-list--cursor"))
        return Strip(segments, width).apply_style(self.rich_style)


def date_kind(summary: FilingSummary) -> str:
    """What the list's date is (`FilingSummary.date`): "" the filed date, "s" the latest signature's
    (the file gives no filed date), "p" the period of report (no signature date either)."""
    if summary.filed:
        return ""
    return "p" if summary.period and summary.date[:10] == summary.period[:10] else "s"


def _one_line(value: str) -> str:
    """A value on one line of the list: line breaks and tabs a filer typed become spaces, other
    control and hidden characters visible escapes (`tui.safe_text`)."""
    value = " ".join(value.split()) if any(c in value for c in "\n\r\t\v\f") else value
    return value if is_inert(value) else inert_line(value)


def _overlay(segments: list[Segment], width: int, style: Style) -> Strip:
    """Segments with ``style`` laid over their own (the cursor's colours win over the column colours)."""
    return Strip([Segment(s.text, (s.style or Style()) + style, s.control) for s in segments], width)
