"""Printouts made at test time with other print settings (scripts/print_variants.py): the grid's
extremes -- A5 landscape at 50 % with no margin, A3 at 150 % with 30 mm margins and the browser's
header and footer, black only -- in every engine that is installed, on a Form 3 joint filing, a
Form 4 and a Form 5, compared field by field with expected.json. The whole grid (a covering design
over paper, orientation, margins, scale, header/footer, colour and engine) is run by the scripts
themselves (print_variants.py, then check_variants.py; the README gives its figures)."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

from tests.conftest import CORPUS, REPO, SEED, needs_corpus, needs_seed


def _script(name: str):
    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # (its dataclasses look their module up)
    spec.loader.exec_module(module)
    return module


variants = _script("print_variants")
checker = _script("check_variants")

#: (setting, filing): the smallest print of a Form 4, the largest print of a Form 3 joint filing
#: (two owners: the relationship box for the filing), a Form 5 in black only
CASES = (
    (dict(paper="A5", landscape=True, scale=50, margin=0), SEED),
    (dict(paper="A3", scale=150, margin=30, header_footer=True), CORPUS / "0001213900-20-040288"),
    (dict(colour="black"), CORPUS / "0001120437-20-000008"),
)


#: (engine, setting, filing): printouts whose page breaks cut a table row, a signature or the owner's
#: box (scripts/check_variants.py over the cover grid once read them wrong). wkhtmltopdf cuts
#: anywhere and draws a cut row whole on both pages, the page clipping it: a row whose cell lines
#: the engine spaced unevenly, a row with cells on both pages, a row whose raised footnote marks are
#: printed on the first page only, a cut just above a row's last line with no margin, signatures cut
#: inside a name (they have no borders: the names' own line spacing tells them apart); WeasyPrint
#: cuts box 1 between its only street line (the second, under an empty first) and "(Street)"
PAGE_BREAKS = (
    ("wkhtmltopdf", dict(paper="A4", landscape=True, margin=30, scale=50), "0001127602-20-005231"),
    ("wkhtmltopdf", dict(paper="A5", margin=20, header_footer=True, colour="black"), "snowflake-garrett-2020-09-15"),
    (
        "wkhtmltopdf",
        dict(paper="A4", landscape=True, margin=20, header_footer=True, colour="grey"),
        "0000899243-21-019441",
    ),
    ("wkhtmltopdf", dict(paper="A5", landscape=True, margin=0, scale=125), "0001209191-13-002209"),
    (
        "wkhtmltopdf",
        dict(paper="A4", landscape=True, margin=20, header_footer=True, colour="grey"),
        "0001213900-20-041181",
    ),
    ("wkhtmltopdf", dict(paper="Legal", landscape=True, colour="black"), "0000899243-20-028043"),
    ("weasyprint", dict(paper="A5", landscape=True, margin=20, scale=150, header_footer=True), "0001120437-20-000008"),
)


def _missing(engine: str) -> str | None:
    if engine == "weasyprint":
        found = importlib.util.find_spec("weasyprint") is not None
        return None if found else "WeasyPrint is not installed (pip install -e '.[variants]')"
    binary = ("chromium", "chromium-browser") if engine == "chromium" else (engine,)
    return None if any(shutil.which(b) for b in binary) else f"{engine} is not installed (/usr/bin/{binary[0]})"


@needs_seed
@needs_corpus
@pytest.mark.parametrize("engine", variants.ENGINES)
def test_extremes_read_exactly(engine: str, tmp_path: Path) -> None:
    reason = _missing(engine)
    if reason:
        pytest.skip(reason)
    jobs = [(folder / "repro.html", variants.Setting(engine, **values)) for values, folder in CASES]
    manifest = variants.make(tmp_path, jobs)
    results, totals = checker.check(manifest)
    failures = [f"{r['name']}: {r['status']}: " + "; ".join(r["bad"]) for r in results if r["status"] != "exact"]
    assert not failures, "\n".join(failures)
    assert totals["exact"] == len(CASES) and totals["fields"] > 100


@needs_corpus
@pytest.mark.parametrize("engine", ["wkhtmltopdf", "weasyprint"])
def test_page_breaks_that_cut_a_row_or_a_box_read_exactly(engine: str, tmp_path: Path) -> None:
    """The grid's printouts that once read wrong, printed again at test time with their engine."""
    reason = _missing(engine)
    if reason:
        pytest.skip(reason)
    cases = [(values, CORPUS / name) for e, values, name in PAGE_BREAKS if e == engine]
    jobs = [(folder / "repro.html", variants.Setting(engine, **values)) for values, folder in cases]
    manifest = variants.make(tmp_path, jobs)
    results, totals = checker.check(manifest)
    failures = [f"{r['name']}: {r['status']}: " + "; ".join(r["bad"]) for r in results if r["status"] != "exact"]
    assert not failures, "\n".join(failures)
    assert totals["exact"] == len(cases)


def test_covering_design_has_every_value_with_every_engine() -> None:
    """The grid the script prints: per engine, every value of every setting and every allowed
    pair of two settings' values."""
    for engine in variants.ENGINES:
        settings = variants.grid("cover", (engine,))
        names = list(variants.AXES)
        for i, a in enumerate(names):
            for b in names[i + 1 :]:
                for va in variants.AXES[a]:
                    for vb in variants.AXES[b]:
                        if not variants.allowed({a: va, b: vb}):
                            continue
                        assert any(getattr(s, a) == va and getattr(s, b) == vb for s in settings), (
                            engine,
                            a,
                            va,
                            b,
                            vb,
                        )
        assert len(settings) <= 40  # a covering design, not the 1,200 combinations
