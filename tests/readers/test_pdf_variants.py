"""Printouts made with other print settings (scripts/print_variants.py, smoke grid): other paper,
scale, margins, landscape, the browser's header and footer, black only -- in every engine that is
installed. The full grid is run by the script itself (see the README's figures)."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, SEED, needs_seed

_spec = importlib.util.spec_from_file_location("print_variants", REPO / "scripts" / "print_variants.py")
assert _spec is not None and _spec.loader is not None
variants = importlib.util.module_from_spec(_spec)
sys.modules["print_variants"] = variants  # (its dataclasses look their module up)
_spec.loader.exec_module(variants)

INSTALLED = tuple(
    e for e, found in (("chromium", shutil.which("chromium") or shutil.which("chromium-browser")),
                       ("wkhtmltopdf", shutil.which("wkhtmltopdf"))) if found
)  # fmt: skip


@needs_seed
@pytest.mark.skipif(not INSTALLED, reason="neither Chromium nor wkhtmltopdf is installed (needed to print variants)")
def test_smoke_grid_reads_exactly(tmp_path: Path) -> None:
    settings = variants.grid("smoke", INSTALLED)
    manifest = variants.make(tmp_path, settings, [SEED / "repro.html"], None)
    exact, cut, failed, lines = variants.check(manifest)
    assert failed == 0, "\n".join(lines)
    assert exact == len(settings) and cut == 0
