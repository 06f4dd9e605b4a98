"""Cluster buys on real filings, with dates shifted.

No real cluster (3+ insiders of one issuer buying within 30 days) is in the corpus, and none whose
filings could be used here was found with the search tool (the public repositories hold single
filings or one insider's). So this test takes the corpus's three real open-market purchase (code P)
filings by three different insiders and, in copies written to a temporary folder, MOVES THEM TO ONE
ISSUER AND SHIFTS THEIR TRANSACTION DATES: everything else (owners, codes, shares, prices) is as filed.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

from tests.conftest import CORPUS, needs_corpus
from tui.across.issuer import issuer_view
from tui.across.sync import open_index
from tui.importer import import_paths
from tui.store import open_store

pytestmark = needs_corpus

#: three real filings with code P rows, by three insiders of three issuers
BUYERS = ("0001510964-20-000004", "0001127602-20-005216", "0001384860-20-000005")
ISSUER = (b"0000750558", b"QNB CORP", b"QNBC")  # the issuer of the last one; the others are moved to it


def shifted(folder: Path, days: dict[str, str]) -> list[Path]:
    """Copies of the buyers' XML with ISSUER as issuer and every transaction dated ``days[filing]``."""
    out = []
    for name in BUYERS:
        xml = (CORPUS / name / "source.xml").read_bytes()
        cik, issuer_name, ticker = ISSUER
        xml = re.sub(rb"<issuerCik>[^<]*</issuerCik>", b"<issuerCik>" + cik + b"</issuerCik>", xml)
        xml = re.sub(rb"<issuerName>[^<]*</issuerName>", b"<issuerName>" + issuer_name + b"</issuerName>", xml)
        xml = re.sub(
            rb"<issuerTradingSymbol>[^<]*</issuerTradingSymbol>",
            b"<issuerTradingSymbol>" + ticker + b"</issuerTradingSymbol>",
            xml,
        )
        xml = re.sub(rb"(<transactionDate>\s*<value>)[^<]*(</value>)", rb"\g<1>" + days[name].encode() + rb"\g<2>", xml)
        path = folder / f"{name}-shifted.xml"
        path.write_bytes(xml)
        out.append(path)
    return out


def purchases(name: str) -> int:
    doc = json.loads((CORPUS / name / "expected.json").read_text())
    return sum(1 for r in doc["non_derivative"] if r["code"] == "P")


def test_three_buyers_within_30_days_are_a_cluster(tmp_path: Path) -> None:
    days = dict(zip(BUYERS, ("2024-03-01", "2024-03-10", "2024-03-25"), strict=True))
    store = open_store(tmp_path / "db")
    import_paths(store, [str(p) for p in shifted(tmp_path, days)])
    view = issuer_view(open_index(store), "QNBC")
    assert view is not None and len(view.insiders) == 3
    assert len(view.clusters) == 1
    cluster = view.clusters[0]
    assert (cluster.start, cluster.end) == (date(2024, 3, 1), date(2024, 3, 25))
    assert set(cluster.insiders) == {"Altman Elizabeth Ann", "JEROME JENNIFER T", "Mann Jennifer L"}
    assert len(cluster.transactions) == sum(purchases(n) for n in BUYERS)  # 1 + 4 + 4, each listed
    assert all(t.code == "P" for t in cluster.transactions)
    # the count and the window are the caller's: four insiders are not there, a 20-day window is too short
    assert issuer_view(open_index(store), "QNBC", cluster_min=4).clusters == ()  # type: ignore[union-attr]
    assert issuer_view(open_index(store), "QNBC", cluster_window=20).clusters == ()  # type: ignore[union-attr]


def test_a_buyer_45_days_later_breaks_the_cluster_unless_the_window_is_wider(tmp_path: Path) -> None:
    days = dict(zip(BUYERS, ("2024-03-01", "2024-03-10", "2024-04-15"), strict=True))
    store = open_store(tmp_path / "db")
    import_paths(store, [str(p) for p in shifted(tmp_path, days)])
    index = open_index(store)
    assert issuer_view(index, "0000750558").clusters == ()  # type: ignore[union-attr]
    wide = issuer_view(index, "QNBC", cluster_window=60)
    assert wide is not None and len(wide.clusters) == 1 and wide.clusters[0].end == date(2024, 4, 15)
