"""Item 6: hostile PDFs are refused before pdfplumber sees them, quickly and with little memory."""

from __future__ import annotations

import resource
import time
from pathlib import Path

import pytest

from tests import hostile
from tui.readers import ReadError, read_file


def _refused(path: Path) -> tuple[str, float, float]:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    with pytest.raises(ReadError) as caught:
        read_file(path)
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    return caught.value.reason, time.monotonic() - started, grown_mb


def test_flate_bomb(tmp_path: Path) -> None:
    reason, _seconds, grown = _refused(hostile.flate_bomb_pdf(tmp_path))
    assert "inflates to more than 64 MB" in reason
    assert grown < 100, f"{grown:.0f} MB"


def test_glyph_flood(tmp_path: Path) -> None:
    reason, _seconds, grown = _refused(hostile.glyph_flood_pdf(tmp_path))
    assert "page 1 has 1,000,000 characters" in reason
    assert grown < 300, f"{grown:.0f} MB"


def test_many_pages_of_small_text(tmp_path: Path) -> None:
    reason, _seconds, grown = _refused(hostile.many_pages_pdf(tmp_path))
    assert "PDF has 199 pages" in reason
    assert grown < 100, f"{grown:.0f} MB"
