"""The README's command and exit-code tables say what the program does (sqlite-utils keeps a
test like this): every sub-command has a row, every exit code the CLI uses is in the table."""

from __future__ import annotations

import re

from tests.conftest import REPO
from tui.cli import build_parser, command_names, common

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_every_command_has_a_row_in_the_readme() -> None:
    rows = set(re.findall(r"^\| `form4 ([a-z-]+)", README, flags=re.MULTILINE))
    missing = [c for c in command_names(build_parser()) if c not in rows and c != "explore"]
    assert not missing, f"README's command table lacks {missing}"


def test_every_exit_code_is_in_the_readme() -> None:
    codes = {int(c) for c in re.findall(r"^\| (\d) \|", README, flags=re.MULTILINE)}
    used = {common.OK, common.NOT_FOUND, common.STORE, common.USAGE, common.OUTPUT}
    assert used == codes
