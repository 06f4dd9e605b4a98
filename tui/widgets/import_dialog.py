"""Asks which file or folder to import (folders are walked recursively)."""

from __future__ import annotations

from pathlib import Path

from tui.widgets.prompt_dialog import PromptDialog


class ImportDialog(PromptDialog):
    def __init__(self, start: Path | None = None) -> None:
        start = start or Path.cwd()
        super().__init__(
            "Import filings",
            "A file or a folder (walked recursively): EDGAR XML, full-submission .txt/.nc, PDF. "
            "Several paths: separate them with ';'.",
            value=f"{start}/" if str(start) != "/" else "/",
            placeholder="path to a file or folder",
            id="import-dialog",
        )


def split_paths(answer: str) -> list[str]:
    """The paths typed in the dialog ("~" expanded, empty parts dropped)."""
    return [str(Path(part.strip()).expanduser()) for part in answer.split(";") if part.strip()]
