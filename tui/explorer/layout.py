"""How the main screen uses the terminal's size. The styles are in app.tcss; this says which apply.

The screen gets media-like classes on every resize: ``-narrow`` below `NARROW` columns, ``-low`` below
`LOW` lines, ``-short`` below `SHORT` lines. Narrow or low, the detail panes show one at a time
(``-one-pane``): the pane that has the focus, or the last one that had it while the list has it; tab
goes through the list and the panes in the wide layout's order. Narrow, a pane with the focus also
takes the list's width (``-list-hidden``), and `escape` brings the list back. `l` hides or shows the
list at any size."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from textual.geometry import Size
from textual.screen import Screen
from textual.widget import Widget

#: fewer columns than this: one detail pane at a time, and it takes the list's room while focused
NARROW = 100
#: fewer lines than this: one detail pane at a time
LOW = 30
#: fewer lines than this: shorter tables, so that the footnotes keep their room
SHORT = 50


@dataclass
class PaneLayout:
    """The layout's plain state: the terminal's size, the list hidden by `l`, the pane shown alone."""

    size: Size = field(default_factory=lambda: Size(0, 0))
    list_hidden: bool = False
    current: int = 0  # among the detail panes, the one shown in the one-pane layout
    detail_focused: bool = False

    @property
    def narrow(self) -> bool:
        return self.size.width < NARROW

    @property
    def one_pane(self) -> bool:
        return self.narrow or self.size.height < LOW

    def screen_classes(self) -> dict[str, bool]:
        return {
            "-narrow": self.narrow,
            "-low": self.size.height < LOW,
            "-short": self.size.height < SHORT,
            "-one-pane": self.one_pane,
            "-list-hidden": self.list_hidden or (self.narrow and self.detail_focused),
        }


class PaneSwitcher:
    """Applies `PaneLayout` to the screen and its panes (``panes``: the detail panes in the layout's
    order), and moves the focus pane by pane."""

    def __init__(self, screen: Screen[Any], filing_list: Widget, panes: Sequence[Widget]) -> None:
        self.screen = screen
        self.filing_list = filing_list
        self.panes = list(panes)
        self.state = PaneLayout()

    def apply(self) -> None:
        for name, on in self.state.screen_classes().items():
            self.screen.set_class(on, name)
        for index, pane in enumerate(self.panes):
            pane.set_class(index == self.state.current, "-current")

    def content_shown(self) -> None:
        """A filing is shown: with one of its tables empty, the other and the owner pane may take more
        of the column (``-one-table`` on the column; the shares are in app.tcss)."""
        if self.panes[self.state.current].has_class("-none"):  # e.g. no findings: the owners instead
            self.state.current = 0
            self.apply()
        tables = [pane for pane in self.panes if pane.has_class("table-pane")]
        if tables and tables[0].parent is not None:
            empty = sum(pane.has_class("-empty") for pane in tables)
            tables[0].parent.set_class(empty == 1, "-one-table")

    def resized(self, size: Size) -> None:
        self.state.size = size
        self.apply()

    def focused(self, widget: Widget) -> None:
        """The focus moved to ``widget``: its pane is the one shown alone (the list keeps the last one)."""
        pane = self.pane_of(widget)
        self.state.detail_focused = pane is not None
        if pane is not None:
            self.state.current = pane
        else:  # the list (or its search box) has the focus: it shows
            self.state.list_hidden = False
        self.apply()

    def pane_of(self, widget: Widget) -> int | None:
        for node in widget.ancestors_with_self:
            if node in self.panes:
                return self.panes.index(node)
        return None

    def toggle_list(self, focused: Widget | None) -> None:
        """`l`: hide the list (the panes get its width) or show it again."""
        state = self.state
        state.list_hidden = not (state.list_hidden or (state.narrow and state.detail_focused))
        if not state.list_hidden and state.narrow and state.detail_focused:
            self.filing_list.focus()  # narrow, the list shows beside a pane only while it has the focus
        elif state.list_hidden and focused is self.filing_list:
            self.cycle(focused, 1)
        self.apply()

    def show_list(self) -> None:
        self.state.list_hidden = False
        self.apply()

    def cycle(self, focused: Widget | None, step: int) -> None:
        """tab / shift+tab in the one-pane layout: the list, then each pane that has something to focus
        (the hidden panes are not in Textual's focus chain, so the order is this layout's)."""
        stops: list[Widget] = [] if self.state.list_hidden else [self.filing_list]
        stops += [stop for pane in self.panes if (stop := focus_stop(pane)) is not None]
        if not stops:
            return
        here = self.pane_of(focused) if focused is not None else None
        if here is not None:
            position = next((i for i, stop in enumerate(stops) if self.pane_of(stop) == here), 0)
        else:  # from the list (or from nowhere, the list hidden: to the first pane)
            position = 0 if stops[0] is self.filing_list or step < 0 else -1
        target = stops[(position + step) % len(stops)]
        pane = self.pane_of(target)
        if pane is not None:
            self.state.current = pane
            self.apply()
        # at once (not after a refresh): a key typed right after tab goes to the pane tab went to
        self.screen.set_focus(target, scroll_visible=False)


def focus_stop(pane: Widget) -> Widget | None:
    """The widget that takes the focus in ``pane`` (its first focusable one that its own styles do not
    hide, e.g. not an empty table's grid), also while the pane itself is hidden; None: none (also for a
    pane with nothing to show, class ``-none``)."""
    if pane.has_class("-none"):
        return None
    for node in pane.walk_children(Widget, with_self=True):
        if node.can_focus and not node.disabled and _displayed_within(node, pane):
            return node
    return None


def _displayed_within(node: Widget, pane: Widget) -> bool:
    for ancestor in node.ancestors_with_self:
        if ancestor is pane:
            return True
        if isinstance(ancestor, Widget) and ancestor.styles.display == "none":
            return False
    return True
