"""The bundled samples are found where the explorer's first run looks for them. The wheel case
(package data in site-packages, no checkout) is checked by .ci/run, which installs the wheel."""

from __future__ import annotations

from tests.conftest import SAMPLES
from tui.samples import bundled_sample_files, bundled_samples


def test_a_source_checkout_finds_its_sample_filings() -> None:
    found = bundled_samples()
    assert found is not None and found.resolve() == SAMPLES.resolve()
    assert (found / "clrb-caruso-2023-12-12.xml").is_file()


def test_the_sample_files_are_the_filings_without_the_readme() -> None:
    files = bundled_sample_files()
    assert {p.name for p in files} == {p.name for p in SAMPLES.iterdir() if p.is_file()} - {"README.md"}
