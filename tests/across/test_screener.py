"""The transaction screener on the corpus: filters return exactly the rows counted from expected.json."""

from __future__ import annotations

from collections import Counter
from datetime import date
from decimal import Decimal

import pytest

from tests.across.conftest import cik, expected_filings
from tests.conftest import needs_corpus
from tui.across.rows import RowIndex
from tui.across.screener import SORT_COLUMNS, ScreenFilter, screen, transactions
from tui.store import ReviewState, Store

pytestmark = needs_corpus


def num(text: str | None) -> Decimal | None:
    try:
        return Decimal(text) if text else None
    except ArithmeticError:
        return None


def expected_rows(
    table: str = "non_derivative", **where: object
) -> Counter[tuple[str | None, Decimal | None, Decimal | None]]:
    """(date, shares, price) of every transaction row of the corpus with these field values."""
    found: Counter[tuple[str | None, Decimal | None, Decimal | None]] = Counter()
    for doc in expected_filings().values():
        if "ticker" in where and doc["issuer"]["ticker"] != where["ticker"]:
            continue
        for row in doc[table]:
            if row["kind"] != "transaction" or ("code" in where and row["code"] != where["code"]):
                continue
            price, shares = num(row["price"]), num(row["shares"])
            value = shares * price if shares is not None and price is not None and table == "non_derivative" else None
            if "min_value" in where and (value is None or value < where["min_value"]):  # type: ignore[operator]
                continue
            found[((row["transaction_date"] or "")[:10] or None, shares, price)] += 1
    return found


def got_rows(index: RowIndex, flt: ScreenFilter) -> Counter[tuple[str | None, Decimal | None, Decimal | None]]:
    out: Counter[tuple[str | None, Decimal | None, Decimal | None]] = Counter()
    for t in transactions(index, screen(index, flt)):
        out[(t.date.isoformat() if t.date else None, t.shares, t.price)] += 1
    return out


def test_tesla_sales_over_a_million(corpus_index: RowIndex) -> None:
    flt = ScreenFilter(codes=("S",), ticker="TSLA", min_value=Decimal(1_000_000))
    expected = expected_rows(code="S", ticker="TSLA", min_value=Decimal(1_000_000))
    assert sum(expected.values()) == 23  # counted by hand: 14 of 2025-01-06, 8 of 2022-11-08, 1 of 2010-07-02
    assert got_rows(corpus_index, flt) == expected
    for t in transactions(corpus_index, screen(corpus_index, flt)):
        assert t.value == t.shares * t.price  # type: ignore[operator]
        assert t.value is not None and t.value >= 1_000_000


def test_every_transaction_row_once(corpus_index: RowIndex) -> None:
    everything = screen(corpus_index, ScreenFilter())
    table1 = sum(expected_rows().values())
    table2 = sum(expected_rows("derivative").values())
    assert len(everything) == table1 + table2
    assert got_rows(corpus_index, ScreenFilter(table=0)) == expected_rows()
    assert got_rows(corpus_index, ScreenFilter(table=1)) == expected_rows("derivative")


def test_derivative_rows_have_no_value_but_an_exercise_value(corpus_index: RowIndex) -> None:
    records = transactions(corpus_index, screen(corpus_index, ScreenFilter(table=1)))
    assert records and all(t.value is None for t in records)
    assert any(t.exercise_value is not None for t in records)
    assert len(screen(corpus_index, ScreenFilter(table=1, min_value=Decimal(0)))) == 0


def test_delta_own_is_shares_over_holdings_before(corpus_index: RowIndex) -> None:
    for t in transactions(corpus_index, screen(corpus_index, ScreenFilter(codes=("S",), ticker="TSLA"))):
        assert t.shares is not None and t.owned_after is not None and t.delta_own is not None
        before = t.owned_after + t.shares
        assert t.delta_own == pytest.approx(float(-t.shares / before * 100))


def test_filters_by_date_role_title_plan_insider_and_review(corpus_index: RowIndex) -> None:
    docs = expected_filings().values()
    in_2022 = ScreenFilter(since=date(2022, 1, 1), until=date(2022, 12, 31))
    assert all(t.date and t.date.year == 2022 for t in transactions(corpus_index, screen(corpus_index, in_2022)))
    directors = transactions(corpus_index, screen(corpus_index, ScreenFilter(roles=("director",))))
    assert directors and all("Director" in t.role for t in directors)
    ceo = transactions(corpus_index, screen(corpus_index, ScreenFilter(title_contains="ceo")))
    assert ceo and all("ceo" in t.role.casefold() for t in ceo)
    planned = sum(
        1 for d in docs if d["aff10b5_one"] for r in d["non_derivative"] + d["derivative"] if r["kind"] == "transaction"
    )
    assert len(screen(corpus_index, ScreenFilter(plan=True))) == planned
    musk = sum(
        1
        for d in docs
        if any(cik(o["cik"]) == "1494730" for o in d["owners"])
        for r in d["non_derivative"] + d["derivative"]
        if r["kind"] == "transaction"
    )
    assert len(screen(corpus_index, ScreenFilter(insider="Elon Musk"))) == musk
    assert len(screen(corpus_index, ScreenFilter(insider="1494730"))) == musk
    some = corpus_index.info[0].fid
    states = {some: ReviewState(reviewed=True)}
    reviewed = transactions(corpus_index, screen(corpus_index, ScreenFilter(reviewed=True), states))
    assert {t.filing_id for t in reviewed} <= {some}
    everything = len(screen(corpus_index, ScreenFilter()))
    assert len(reviewed) + len(screen(corpus_index, ScreenFilter(reviewed=False), states)) == everything


@pytest.mark.parametrize("column", SORT_COLUMNS)
def test_sort_by_any_column(corpus_index: RowIndex, column: str) -> None:
    rows = screen(corpus_index, ScreenFilter(), sort=column, descending=False)
    assert sorted(rows.tolist()) == sorted(screen(corpus_index, ScreenFilter()).tolist())
    if column in ("shares", "price", "value"):
        values = [getattr(t, column) for t in transactions(corpus_index, rows)]
        present = [v for v in values if v is not None]
        assert present == sorted(present)
        assert values[len(present) :] == [None] * (len(values) - len(present))  # missing last


def test_findings_and_reviewed_columns_and_filters(corpus_store: Store, corpus_index: RowIndex) -> None:
    """Each record carries its filing's findings count (as the store keeps them) and review mark; the
    filters findings= and reviewed= keep exactly the transactions of those filings."""
    with_findings = {fid for fid in corpus_store.ids() if corpus_store.findings_of(fid)}
    assert with_findings and len(with_findings) < len(corpus_store)
    some = sorted(with_findings)[0]
    states = {some: ReviewState(reviewed=True)}
    everything = transactions(corpus_index, screen(corpus_index, ScreenFilter()), states)
    for t in everything:
        assert t.findings == len(corpus_store.findings_of(t.filing_id))
        assert t.reviewed == (t.filing_id == some)
    expected = {(t.filing_id, t.table, t.position) for t in everything if t.filing_id in with_findings}
    found = transactions(corpus_index, screen(corpus_index, ScreenFilter(has_findings=True)))
    assert {(t.filing_id, t.table, t.position) for t in found} == expected
    both = transactions(corpus_index, screen(corpus_index, ScreenFilter(has_findings=True, reviewed=True), states))
    assert {t.filing_id for t in both} == {some} and all(t.reviewed for t in transactions(corpus_index, [
        r for r in screen(corpus_index, ScreenFilter(reviewed=True), states)
    ], states))  # fmt: skip


def test_a_page_of_the_list_reads_as_each_record(corpus_store: Store, corpus_index: RowIndex) -> None:
    """The screener draws a page from the arrays at once (`page_cells`): the same text, cell for cell, as
    each transaction's record gives, for every transaction of the corpus."""
    from tui.explorer.widgets.transaction_list import cells, page_cells

    rows = screen(corpus_index, ScreenFilter())
    states = {corpus_index.info[0].fid: ReviewState(reviewed=True)}
    assert page_cells(corpus_index, rows, states) == [cells(t) for t in transactions(corpus_index, rows, states)]
