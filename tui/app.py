"""The explorer (Textual). Placeholder until the explorer lands (issue 4)."""

from pathlib import Path


def run_explorer(db: Path, paths: list[str]) -> int:
    print("The explorer is not built yet; use `form4 --help` for the commands.")
    return 2
