"""`form4 insider`, `form4 issuer` and `form4 transactions` run as a user runs them, on the corpus;
the expected figures come from expected.json (via tests/across), not from the code."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

from tests.across.conftest import cik, expected_filings, owned_after_in_filings
from tests.cli.helpers import form4
from tests.conftest import needs_corpus

pytestmark = needs_corpus


def test_insider_by_name_is_the_cik_and_says_who_else_matched(corpus_db: Path) -> None:
    result = form4("--db", str(corpus_db), "insider", "Reid", "Hoffman")  # into a pipe: tsv
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    expected = [d for d in expected_filings().values() if any(cik(o["cik"]) == "1519339" for o in d["owners"])]
    assert len(lines) == len(expected)
    assert all(line.split("\t")[:2] == ["Hoffman Reid", "1519339"] for line in lines)
    assert "Joseph" not in result.stdout
    assert "also matching: Reid Hoffman & Michelle Yee Living Trust (CIK 1521103)" in result.stderr


def test_insider_holdings_as_csv(corpus_db: Path) -> None:
    result = form4("--db", str(corpus_db), "insider", "0001494730", "--show", "holdings", "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    tesla = [r for r in rows if r["ticker"] == "TSLA" and r["security"] == "Common Stock"]
    expected = owned_after_in_filings("TSLA", "1494730", "Common Stock")
    assert sorted(Decimal(r["owned_after"]) for r in tesla) == expected


def test_insider_table_and_years(corpus_db: Path) -> None:
    result = form4("--db", str(corpus_db), "insider", "1494730", "--format", "table")
    assert result.returncode == 0, result.stderr
    assert "Musk Elon (CIK 1494730)" in result.stdout and "TSLA · Common Stock" in result.stdout
    years = json.loads(
        form4("--db", str(corpus_db), "insider", "1494730", "--show", "years", "--format", "json").stdout
    )
    assert {y["year"] for y in years} == {2010, 2022}
    assert Decimal(years[1]["sold"]) == 4_400_000  # the 2022 sales: the filing's S rows add up to 4.4M shares
    proceeds = sum(  # the 2022 filing's S rows, shares x price as filed
        Decimal(row["shares"]) * Decimal(row["price"])
        for d in expected_filings().values()
        if any(cik(o["cik"]) == "1494730" for o in d["owners"])
        for row in d["non_derivative"]
        if row["code"] == "S" and (row["transaction_date"] or "").startswith("2022")
    )
    assert f"${proceeds:,.2f}" in result.stdout  # a computed dollar total has two decimals ($843,163,160.40)


def test_issuer_insiders_and_clusters(corpus_db: Path) -> None:
    result = form4("--db", str(corpus_db), "issuer", "TSLA", "--format", "json")
    assert result.returncode == 0, result.stderr
    insiders = json.loads(result.stdout)
    assert {i["cik"] for i in insiders} == {"1494730", "1331680"}
    clusters = form4("--db", str(corpus_db), "issuer", "TSLA", "--show", "clusters", "--format", "json")
    assert clusters.returncode == 0 and json.loads(clusters.stdout) == []
    table = form4("--db", str(corpus_db), "issuer", "1318605", "--format", "table")
    # named by its newest filing (2025: "Tesla, Inc."), not by the 2010 filings' "TESLA MOTORS INC"
    assert "Tesla, Inc. (TSLA, CIK 1318605)" in table.stdout and "no cluster buys" in table.stdout


def test_transactions_screen_as_counted_by_hand(corpus_db: Path) -> None:
    args = ("--db", str(corpus_db), "transactions", "--code", "S", "--ticker", "TSLA", "--min-value", "1,000,000")
    result = form4(*args, "--limit", "0", "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 23  # 14 + 8 + 1, see tests/across/test_screener.py
    assert all(Decimal(r["value"]) == Decimal(r["shares"]) * Decimal(r["price"]) > 1_000_000 for r in rows)
    top = form4(*args, "--sort", "value", "--limit", "1")
    assert top.stdout.count("\n") == 1 and "3107623" in top.stdout  # the largest: 3,107,623 shares at $191.467
    assert "23 transaction(s) (showing 1; --limit 0 for all)" in top.stderr


def test_nothing_found_and_wrong_lines(corpus_db: Path) -> None:
    assert form4("--db", str(corpus_db), "insider", "Nobody Atall").returncode == 1
    assert form4("--db", str(corpus_db), "issuer", "NOPE").returncode == 1
    assert form4("--db", str(corpus_db), "transactions", "--ticker", "NOPE").returncode == 1
    assert form4("--db", str(corpus_db), "transactions", "--min-value", "lots").returncode == 3
    assert form4("--db", str(corpus_db), "transactions", "--sort", "colour").returncode == 3


def test_csv_cells_are_safe(corpus_db: Path) -> None:
    result = form4("--db", str(corpus_db), "transactions", "--limit", "0", "--format", "csv")
    assert result.returncode == 0
    for row in csv.reader(io.StringIO(result.stdout)):
        assert not any(cell[:1] in ("=", "+", "@") for cell in row)


def test_transactions_findings_and_reviewed_columns(corpus_db: Path, copy_of) -> None:  # type: ignore[no-untyped-def]
    db = copy_of(corpus_db)
    everything = json.loads(form4("--db", str(db), "transactions", "--limit", "0", "--format", "json").stdout)
    flagged = [t for t in everything if t["findings"]]
    assert flagged and len(flagged) < len(everything)
    marked = flagged[0]["filing_id"]
    assert form4("--db", str(db), "review", marked).returncode == 0
    result = form4("--db", str(db), "transactions", "--has-findings", "--reviewed", "--limit", "0", "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {r["filing_id"] for r in rows} == {marked} and all(r["reviewed"] == "1" for r in rows)  # csv: 1/0
    assert len(rows) == sum(1 for t in everything if t["filing_id"] == marked)
    unreviewed = form4("--db", str(db), "transactions", "--no-findings", "--unreviewed", "--limit", "0", "--format",
                       "tsv")  # fmt: skip
    assert len(unreviewed.stdout.splitlines()) == sum(1 for t in everything if not t["findings"])
    table = form4("--db", str(db), "transactions", "--reviewed", "--format", "table", "--limit", "0")
    assert "findings" in table.stdout and "reviewed" in table.stdout and "✓" in table.stdout
