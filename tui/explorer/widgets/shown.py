"""The one way every detail pane is shown a filing: a `ShownFiling` (the filing and what the store knows
about it) passed to `show_filing`, or a message passed to `show_nothing`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from tui.model import Filing
from tui.store import FilingSummary, ReviewState, Source


@dataclass(frozen=True)
class ShownFiling:
    id: str
    filing: Filing
    summary: FilingSummary | None
    state: ReviewState
    sources: tuple[Source, ...] = ()


class FilingPane(Protocol):
    def show_filing(self, shown: ShownFiling) -> None: ...

    def show_nothing(self, message: str = "") -> None: ...
