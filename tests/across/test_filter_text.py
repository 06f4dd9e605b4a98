"""The screener's filter line (what the explorer's f asks for)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tui.across.filter_text import FilterError, parse_filter
from tui.across.screener import ScreenFilter


def test_every_word() -> None:
    flt = parse_filter(
        'code=S,p ad=d table=II ticker=TSLA insider="Elon Musk" value>1,000,000 price<=50 since=2024-01-01 '
        "until=2024-12-31 filed>=2024-02-01 role=director,10% title=ceo plan=yes findings=no reviewed=no"
    )
    assert flt == ScreenFilter(
        codes=("S", "P"), acquired_disposed="D", table=1, ticker="TSLA", insider="Elon Musk",
        min_value=Decimal(1_000_000), max_price=Decimal(50), since=date(2024, 1, 1), until=date(2024, 12, 31),
        filed_since=date(2024, 2, 1), roles=("director", "ten_percent"), title_contains="ceo", plan=True,
        has_findings=False, reviewed=False,
    )  # fmt: skip
    assert parse_filter("") == ScreenFilter()
    assert parse_filter("price=12.5") == ScreenFilter(min_price=Decimal("12.5"), max_price=Decimal("12.5"))


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("code", "write name=value"),
        ("value>lots", "not a number"),
        ("since=yesterday", "not a date"),
        ("colour=red", "no filter 'colour'"),
        ("ticker>A", "only value, price, date and filed"),
        ("role=janitor", "a role is one of"),
        ('insider="Musk', "unbalanced quotes"),
    ],
)
def test_a_wrong_word_is_named(text: str, says: str) -> None:
    with pytest.raises(FilterError, match=says):
        parse_filter(text)
