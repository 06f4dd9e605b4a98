"""The summary of a filing's Table I per security (tui.summary + the owner pane's wording): bought and
sold count open-market P and S only; every other code is shown by its code; classes are never added."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from tests.explorer.helpers import CORPUS, SEED_XML
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
    common = summarize(filing).security("Common Stock")
    assert common.bought == Decimal(400) and common.sold == Decimal(200)
    assert common.average_bought_price == Decimal("11.5")
    assert common.average_sold_price == Decimal("15.5")
    assert common.bought_value == Decimal(100 * 10 + 300 * 12) and common.sold_value == Decimal(3100)
    assert common.held_after == Decimal(1200)  # the last transaction of the holding line
    line = summary_line(summarize(filing)).plain
    assert line == (
        "Common Stock: bought 400 for $4,600.00 (avg $11.50) · sold 200 for $3,100.00 (avg $15.50) · held after 1,200"
    )


def test_prices_that_are_not_numbers_are_left_out_of_the_value_and_say_so() -> None:
    trades = summarize(_filing(_row("S", "50", "See footnote", "D", "950"), _row("S", "50", "20", "D", "900")))
    assert trades.security("Common Stock").sold == Decimal(100)
    assert trades.security("Common Stock").average_sold_price == Decimal(20)
    assert "sold 100 (50 priced: $1,000.00, avg $20.00)" in summary_line(trades).plain


def test_codes_that_are_not_trades_are_shown_by_code_and_not_counted_as_bought_or_sold() -> None:
    trades = summarize(_filing(_row("A", "500", "0", "A", "1500"), _row("F", "120", "33.1", "D", "1380")))
    common = trades.security("Common Stock")
    assert (common.bought, common.sold, common.bought_value, common.sold_value) == (0, 0, 0, 0)
    assert summary_line(trades).plain == "Common Stock: A +500 · F -120 · held after 1,380"


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
    common = trades.security("Common Stock")
    assert common.other == (("A", Decimal(40596)),) and common.held_after == Decimal(49236)
    assert summary_line(trades).plain == "Common Stock: A +40,596 · held after 49,236"


def _corpus_rows(accession: str) -> list[dict[str, object]]:
    path = CORPUS / accession / "expected.json"
    if not path.is_file():
        pytest.skip(f"the corpus is not here ({path})")
    rows: list[dict[str, object]] = json.loads(path.read_text())["non_derivative"]
    return rows


def test_linkedin_share_classes_are_apart_and_the_reclassification_is_no_sale() -> None:
    """LinkedIn 2011-05-24: the only sale is 115,335 Class A shares at $41.85; the J row (19,066,032
    shares of Common Stock, disposed) is a reclassification into Class B (footnote F5), not a sale."""
    from tui.readers import read_file

    rows = _corpus_rows("0001181431-11-033001")
    sales = [r for r in rows if r["code"] == "S"]
    assert [(r["security_title"], r["shares"], r["price"]) for r in sales] == [
        ("Class A Common Stock", "115335", "41.85")
    ]
    trades = summarize(read_file(CORPUS / "0001181431-11-033001" / "source.xml"))
    class_a, common = trades.security("Class A Common Stock"), trades.security("Common Stock")
    assert class_a.sold == Decimal(115335) and class_a.sold_value == Decimal(115335) * Decimal("41.85")
    assert common.sold == 0 and dict(common.other) == {"C": Decimal(2028942), "J": Decimal(-19066032)}
    line = summary_line(trades).plain
    assert "Class A Common Stock: sold 115,335 for $4,826,769.75 (avg $41.85) · C +115,335" in line
    assert "Common Stock: C +2,028,942 · J -19,066,032" in line
    assert "Net" not in line and "19,181,367" not in line


def test_tesla_sale_value_leaves_out_the_option_exercise() -> None:
    """Tesla / Wilson-Thompson: 100,000 shares exercised (M, at $14.99) and sold (S) in 23 lots: the value
    is the proceeds of the S rows only."""
    from tui.readers import read_file

    rows = _corpus_rows("0000950170-25-003585")
    proceeds = sum(Decimal(str(r["shares"])) * Decimal(str(r["price"])) for r in rows if r["code"] == "S")
    sold = sum(Decimal(str(r["shares"])) for r in rows if r["code"] == "S")
    common = summarize(read_file(CORPUS / "0000950170-25-003585" / "source.xml")).security("Common Stock")
    assert common.sold == sold == Decimal(100000)
    assert common.sold_value == proceeds
    assert dict(common.other) == {"M": Decimal(100000)} and common.bought == 0
