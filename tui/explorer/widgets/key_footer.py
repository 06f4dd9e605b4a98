"""The footer: Textual's, except that it never cuts a key off at the screen's edge. When the keys that
apply do not all fit, the ones of least use where the focus is are left out, in `LEAVE_OUT_FIRST`
order; every key is in the help (`?`), which is the last to go."""

from __future__ import annotations

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

#: actions whose keys leave the footer first when it is too narrow (the focused pane's own keys, and
#: the keys that apply only now, such as `n` and `b` after a footnote jump, are not here: they stay)
LEAVE_OUT_FIRST = (
    "screener",
    "issuer_view",
    "insider_view",
    "import",
    "history",
    "toggle_list",
    "toggle_unreviewed",
    "quit",
    "search",
    "zoom",
    "toggle_reviewed",
    "open",
    "help",
)


def key_width(key: FooterKey) -> int:
    """The cells a key takes in the compact footer: "k Label" and the space after it."""
    label = 1 + cell_len(key.description) if key.description else 0
    return cell_len(key.key_display) + label + 1


class KeyFooter(Footer):
    def __init__(self) -> None:
        super().__init__(compact=True)
        self._laid_out_for = 0  # the width the keys were last chosen for

    def compose(self) -> ComposeResult:
        widgets: list[Widget] = list(super().compose())
        room = self._laid_out_for = self.size.width
        keys = [w for w in widgets if isinstance(w, FooterKey)]
        used = sum(key_width(key) for key in keys) + 1  # + the palette key's border
        for action in LEAVE_OUT_FIRST:
            if not room or used <= room:
                break
            for key in keys:
                if key.action.removeprefix("app.").removeprefix("screen.") == action and key in widgets:
                    widgets.remove(key)
                    used -= key_width(key)
        yield from widgets

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._laid_out_for:
            self.call_after_refresh(self.recompose)
