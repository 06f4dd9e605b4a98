"""The code stays clean: ruff (check and format), mypy and the import-linter layering contracts, all
configured in pyproject.toml, run inside the test run."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO


def _tool(name: str) -> str:
    """A tool of the test extra, from this interpreter's environment (or PATH)."""
    path = Path(sys.executable).parent / name
    found = str(path) if path.exists() else shutil.which(name)
    if not found:
        pytest.fail(f"{name} is not installed: install the test extra (pip install -e '.[test]')")
    return found


def _run(*args: str) -> None:
    result = subprocess.run(args, cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_check_is_clean() -> None:
    _run(_tool("ruff"), "check", "--no-cache", "tui", "tests", "benchmarks")


def test_ruff_format_is_clean() -> None:
    _run(_tool("ruff"), "format", "--check", "--no-cache", "tui", "tests", "benchmarks")


def test_mypy_is_clean() -> None:
    """The package type-checks (the settings are in pyproject.toml)."""
    _run(_tool("mypy"), "tui")


def test_layering_holds() -> None:
    """The import contracts in pyproject.toml: model <- readers <- importer; store apart from readers and UI."""
    _run(_tool("lint-imports"), "--no-cache")
