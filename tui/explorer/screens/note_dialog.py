"""Adds or edits the note of a filing (an empty note removes it)."""

from __future__ import annotations

from tui.explorer.screens.prompt_dialog import PromptDialog


class NoteDialog(PromptDialog):
    def __init__(self, filing_label: str, note: str | None) -> None:
        super().__init__(
            "Note",
            f"Note for {filing_label} (empty removes the note).",
            value=note or "",
            placeholder="your note",
            id="note-dialog",
        )
