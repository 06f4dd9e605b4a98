"""Asks which file or folder to import (folders are walked recursively), completing paths as you type."""

from __future__ import annotations

import os
from pathlib import Path

from textual.suggester import Suggester

from tui.explorer.screens.prompt_dialog import PromptDialog


class PathSuggester(Suggester):
    """Suggests the first entry of the folder being typed that starts with what was typed (→ accepts)."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        typed = value.rsplit(";", 1)[-1].lstrip()
        if not typed:
            return None
        path = Path(typed).expanduser()
        folder, start = (path, "") if typed.endswith("/") else (path.parent, path.name)
        try:
            names = sorted(n for n in os.listdir(folder) if n.startswith(start) and not n.startswith("."))
        except OSError:
            return None
        for name in names:
            if name != start:
                slash = "/" if (folder / name).is_dir() else ""
                return value + name[len(start) :] + slash
        return None


class ImportDialog(PromptDialog):
    def __init__(self, start: Path | None = None) -> None:
        start = start or Path.cwd()
        super().__init__(
            "Import filings",
            "A file or a folder (walked recursively): EDGAR XML, full-submission .txt/.nc, PDF. "
            "Several paths: separate them with ';'. → accepts the suggested completion.",
            placeholder=f"path to a file or folder, e.g. {start}/",
            suggester=PathSuggester(),
            id="import-dialog",
        )


def split_paths(answer: str) -> list[str]:
    """The paths typed in the dialog ("~" expanded, empty parts dropped)."""
    return [str(Path(part.strip()).expanduser()) for part in answer.split(";") if part.strip()]
