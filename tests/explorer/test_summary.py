"""The one-line summary of a filing's Table I (tui.summary + the owner pane's wording)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.explorer.helpers import SEED_XML
from tui.explorer.widgets.owner_pane import summary_line
from tui.model import Amount, Filing, Issuer, Row
from tui.summary import summarize


def _row(code: str, shares: str, price: str, direction: str, after: str, kind: str = "transaction") -> Row:
    return Row(
        kind=kind,  # type: ignore[arg-type]
        security_title="Common Stock",
        code=code,
        shares=Amount(shares),
        price=Amount(price),
        acquired_disposed=direction,
        shares_owned_following=Amount(after),
        direct_indirect="D",
    )


def _filing(*rows: Row) -> Filing:
    return Filing(document_type="4", issuer=Issuer(cik=None, name="X", ticker="X"), non_derivative=rows)


def test_purchases_and_sales_are_weighted_separately() -> None:
    filing = _filing(
        _row("P", "100", "10", "A", "1100"),
        _row("P", "300", "12", "A", "1400"),
        _row("S", "200", "15.5", "D", "1200"),
    )
    trades = summarize(filing)
    assert trades.net == Decimal(200)
    assert trades.acquired == Decimal(400) and trades.disposed == Decimal(200)
    assert trades.average_acquired_price == Decimal("11.5")
    assert trades.average_disposed_price == Decimal("15.5")
    assert trades.total_value == Decimal(100 * 10 + 300 * 12) + Decimal("3100")
    assert trades.held_after == Decimal(1200)  # the last transaction of the holding line
    line = summary_line(trades).plain
    assert line.startswith("Net +200 shares (acquired 400, disposed 200)")
    assert "weighted avg price: acquired $11.5, disposed $15.5" in line
    assert "held after 1,200" in line


def test_prices_that_are_not_numbers_are_left_out_of_the_averages() -> None:
    trades = summarize(_filing(_row("S", "50", "See footnote", "D", "950"), _row("S", "50", "20", "D", "900")))
    assert trades.disposed == Decimal(100)
    assert trades.average_price == Decimal(20)
    assert "Net -100 shares" in summary_line(trades).plain


def test_holdings_only() -> None:
    trades = summarize(_filing(_row("", "", "", "", "5000", kind="holding")))
    line = summary_line(trades).plain
    assert line.startswith("No Table I transactions")
    assert "1 holding reported: 5,000 shares" in line


def test_seed_filing() -> None:
    if not SEED_XML.is_file():
        pytest.skip(f"the seed filing is not here ({SEED_XML})")
    from tui.readers import read_file

    trades = summarize(read_file(SEED_XML))
    assert (trades.net, trades.held_after, trades.total_value) == (Decimal(40596), Decimal(49236), Decimal(0))
