"""An insider's history on the corpus: identity by CIK, the filings, the holdings points, the yearly totals.
Expected values come from the corpus's expected.json (what the filings say), not from the code."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import numpy as np

from tests.across.conftest import cik, expected_filings, folder_of
from tests.conftest import needs_corpus
from tui.across.identity import candidates, identity, owner_filings
from tui.across.insider import insider_history
from tui.across.rows import RowIndex
from tui.store import Store
from tui.summary import summarize

pytestmark = needs_corpus

HOFFMAN_REID, HOFFMAN_JOSEPH, MUSK = "1519339", "1448712", "1494730"


def folders_of_owner(owner_cik: str) -> set[str]:
    return {name for name, doc in expected_filings().items() if any(cik(o["cik"]) == owner_cik for o in doc["owners"])}


def test_reid_hoffman_by_cik_has_exactly_his_filings(corpus_store: Store, corpus_index: RowIndex) -> None:
    who = identity(corpus_index, f"cik:{HOFFMAN_REID}")
    assert who is not None and who.cik == HOFFMAN_REID and not who.by_name
    history = insider_history(corpus_index, who)
    expected = folders_of_owner(HOFFMAN_REID)
    assert len(expected) >= 5  # the corpus has several of his filings
    assert {folder_of(corpus_store, line.filing_id) for line in history.filings} == expected
    assert len(history.filings) == len(expected)
    assert not any("Joseph" in line.owners for line in history.filings)
    dates = [line.date.isoformat() if line.date else "" for line in history.filings]
    assert dates == sorted(dates, reverse=True)  # newest first


def test_a_name_finds_the_identity_not_every_hoffman(corpus_index: RowIndex) -> None:
    found = candidates(corpus_index, "Reid Hoffman")
    assert found[0].cik == HOFFMAN_REID
    assert HOFFMAN_JOSEPH not in {i.cik for i in found}
    assert HOFFMAN_JOSEPH in {i.cik for i in candidates(corpus_index, "hoffman")}  # the bare surname: both
    assert candidates(corpus_index, HOFFMAN_REID)[0].cik == HOFFMAN_REID  # a CIK, leading zeros or not
    assert candidates(corpus_index, "000" + HOFFMAN_REID)[0].cik == HOFFMAN_REID
    assert len(owner_filings(corpus_index, HOFFMAN_REID)) == len(folders_of_owner(HOFFMAN_REID))


def test_musk_tesla_holdings_points_are_the_owned_after_values(corpus_index: RowIndex) -> None:
    who = identity(corpus_index, f"cik:{MUSK}")
    assert who is not None
    history = insider_history(corpus_index, who)
    series = next(s for s in history.holdings if s.ticker == "TSLA" and s.security == "Common Stock")
    expected: Counter[tuple[str, Decimal]] = Counter()
    for doc in expected_filings().values():
        if doc["issuer"]["ticker"] != "TSLA" or not any(cik(o["cik"]) == MUSK for o in doc["owners"]):
            continue
        for row in doc["non_derivative"]:
            if row["security_title"] == "Common Stock" and row["shares_owned_following"] is not None:
                day = row["transaction_date"] or doc["period_of_report"]
                expected[(day[:10], Decimal(row["shares_owned_following"]))] += 1
    assert len(expected) > 10
    got = Counter((p.date.isoformat(), p.owned_after) for p in series.points if p.date and p.owned_after is not None)
    assert got == expected
    days = [p.date for p in series.points]
    assert days == sorted(d for d in days if d)  # oldest first, the chart's order


def test_year_totals_count_p_and_s_as_the_summary_line_does(corpus_store: Store, corpus_index: RowIndex) -> None:
    """Summed over the years, the insider's bought and sold equal the explorer's per-filing summaries."""
    who = identity(corpus_index, f"cik:{MUSK}")
    assert who is not None
    history = insider_history(corpus_index, who)
    bought = sold = sold_value = Decimal(0)
    for line in history.filings:
        stored = corpus_store.get(line.filing_id)
        assert stored is not None
        for security in summarize(stored.filing).securities:
            bought += security.bought
            sold += security.sold
            sold_value += security.sold_value
    assert sold > 0
    assert sum((y.bought for y in history.years), Decimal(0)) == bought
    assert sum((y.sold for y in history.years), Decimal(0)) == sold
    assert sum((y.sold_value for y in history.years), Decimal(0)) == sold_value
    assert all(y.net == y.bought - y.sold for y in history.years)


def test_an_owner_without_a_cik_is_known_by_name_and_said_so(corpus_index: RowIndex) -> None:
    from tui.across.rows import owner_key

    key = owner_key(None, "Some  Trust")
    assert key == "name:some trust"
    assert identity(corpus_index, key) is None  # no such owner in the corpus
    named = [i for i in (identity(corpus_index, k) for k in corpus_index.memo.get("owners", {})) if i and i.by_name]
    assert all("no CIK filed" in i.label for i in named)
    assert np.all(np.diff(corpus_index.filings_of_owner(f"cik:{MUSK}")) > 0)
