"""Item 4: numbers no filing holds (1e999999999, 1e5000, 5,000 digits) neither stop an import (the
content key) nor `form4 show` and the explorer (number formatting)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tui.formatting import format_amount, format_number
from tui.model import Amount

HOSTILE = ["1e999999999", "-1e999999999", "1e5000", "9" * 5000, "1E-999999999", "0E-999999999", "Infinity", "NaN"]


@pytest.mark.parametrize("text", HOSTILE)
def test_amount_is_kept_as_text(text: str) -> None:
    amount = Amount(text)
    assert amount.value is None
    assert format_amount(amount) == text  # shown as filed


@pytest.mark.parametrize("text", HOSTILE)
def test_format_number_never_fails(text: str) -> None:
    shown = format_number(Decimal(text), money=True)
    assert len(shown) < 40


def test_ordinary_numbers_unchanged() -> None:
    assert Amount("1,234,567.50").value == Decimal("1234567.50")
    assert format_number(Decimal("1234567.50")) == "1,234,567.5"
    assert format_number(Decimal("-1234.5"), money=True) == "-$1,234.5"
    assert format_number(Decimal("1" + "0" * 59)) == "100" + ",000" * 19
