"""What the main screen knows of the review marks and notes: the store's last word about each filing,
and the marks shown at once while the app writes them (taken back if the write fails). Plain state."""

from __future__ import annotations

from tui.store import ReviewState


class Marks:
    def __init__(self) -> None:
        self.reviewed: set[str] = set()
        self.states: dict[str, ReviewState] = {}
        self.noted: set[str] = set()  # the filings with a note

    def show(self, filing_id: str, reviewed: bool) -> None:
        """A mark the user just made (or one taken back): shown before the store has it."""
        if reviewed:
            self.reviewed.add(filing_id)
        else:
            self.reviewed.discard(filing_id)
        state = self.states.get(filing_id, ReviewState())
        if state.reviewed != reviewed:
            self.states[filing_id] = ReviewState(reviewed, None, state.note)

    def learned(self, filing_id: str, state: ReviewState) -> bool:
        """The store says ``state`` about ``filing_id``; True if that changes what is shown."""
        changed = self.states.get(filing_id) != state
        self.states[filing_id] = state
        if state.note:
            self.noted.add(filing_id)
        else:
            self.noted.discard(filing_id)
        return changed

    def note(self, filing_id: str) -> str | None:
        state = self.states.get(filing_id)
        return state.note if state is not None else None
