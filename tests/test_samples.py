"""The bundled samples are found where the explorer's first run looks for them. The wheel case
(package data in site-packages, no checkout) is checked by .ci/run, which installs the wheel."""

from __future__ import annotations

from tests.conftest import SAMPLES
from tui.samples import bundled_samples


def test_a_source_checkout_finds_its_sample_filings() -> None:
    found = bundled_samples()
    assert found is not None and found.resolve() == SAMPLES.resolve()
    assert (found / "clrb-caruso-2023-12-12.xml").is_file()
