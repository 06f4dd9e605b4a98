"""Where the bundled sample filings are: the package data `tui/sample_filings/` of an installed
wheel (setup.py maps the checkout's `sample_filings/` there), or `sample_filings/` at the top of a
source checkout (an editable install, `python -m tui` from a clone)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import tui


def bundled_samples() -> Path | None:
    """The folder of sample filings shipped with the program, or None when this install has none."""
    packaged = resources.files(tui) / "sample_filings"
    if isinstance(packaged, Path) and packaged.is_dir():
        return packaged
    checkout = Path(tui.__file__).resolve().parent.parent / "sample_filings"
    return checkout if checkout.is_dir() else None
