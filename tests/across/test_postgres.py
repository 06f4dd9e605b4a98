"""The across-filings views on a PostgreSQL store (a real server the tests start, tests/store/pg_server.py)
holding the corpus: the same insider, issuer and screener answers as expected.json gives, the same rows
as the TinyDB store's index, and the index kept up to date incrementally (a PostgreSQL store has no
cache folder: the index lives in memory)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest

from tests.across.conftest import cik, expected_filings, folder_of, owned_after_in_filings
from tests.across.test_sync import Reads, canonical, sources
from tests.conftest import needs_corpus
from tui.across import sync
from tui.across.identity import candidates
from tui.across.insider import insider_history
from tui.across.issuer import issuer_view
from tui.across.rows import RowIndex
from tui.across.screener import ScreenFilter, screen, transactions
from tui.importer import import_paths
from tui.store import Store, open_store

pytestmark = needs_corpus


@pytest.fixture(scope="module", autouse=True)
def team_copies(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The stores' local summary copies (`tui.store.postgres_cache`) in a temporary folder, not the user's."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("FORM4_PG_CACHE", str(tmp_path_factory.mktemp("team-copies")))
        yield


@pytest.fixture(scope="module")
def pg_url(pg_server: Any) -> str:
    return str(pg_server.create_database(f"across_{uuid.uuid4().hex[:10]}"))


@pytest.fixture(scope="module")
def pg_store(pg_url: str) -> Iterator[Store]:
    store = open_store(pg_url, reviewer="tester")
    report = import_paths(store, sources())
    assert report.imported == len(sources()), report.failures
    yield store
    store.close()


@pytest.fixture(scope="module")
def pg_index(pg_store: Store) -> RowIndex:
    assert pg_store.cache_folder() is None  # built in memory, through the generic store calls
    return sync.open_index(pg_store)


def test_the_index_is_that_of_the_tinydb_store(pg_index: RowIndex, corpus_index: RowIndex) -> None:
    assert canonical(pg_index) == canonical(corpus_index)


def test_reid_hoffman_by_cik_and_no_other_hoffman(pg_store: Store, pg_index: RowIndex) -> None:
    found = candidates(pg_index, "1519339")
    assert len(found) == 1
    history = insider_history(pg_index, found[0], pg_store.states())
    expected = {name for name, d in expected_filings().items() if any(cik(o["cik"]) == "1519339" for o in d["owners"])}
    assert len(history.filings) == len(expected) > 0
    assert {folder_of(pg_store, f.filing_id) for f in history.filings} == expected
    assert all("Joseph" not in f.owners for f in history.filings)


def test_musk_tesla_holdings_are_his_owned_after_values(pg_index: RowIndex) -> None:
    history = insider_history(pg_index, candidates(pg_index, "1494730")[0])
    series = next(s for s in history.holdings if s.ticker == "TSLA" and s.security == "Common Stock")
    expected = owned_after_in_filings("TSLA", "1494730", "Common Stock")
    assert sorted(p.owned_after for p in series.points if p.owned_after is not None) == expected


def test_issuer_view_of_tesla(pg_index: RowIndex) -> None:
    view = issuer_view(pg_index, "TSLA")
    assert view is not None and view.name == "Tesla, Inc." and view.cik == "1318605"
    tesla = [d for d in expected_filings().values() if d["issuer"]["ticker"] == "TSLA"]
    assert view.filings == len(tesla)
    assert {i.cik for i in view.insiders} == {cik(o["cik"]) for d in tesla for o in d["owners"]}


def test_screener_tesla_sales_over_a_million(pg_store: Store, pg_index: RowIndex) -> None:
    flt = ScreenFilter(codes=("S",), ticker="TSLA", min_value=Decimal(1_000_000))
    found = transactions(pg_index, screen(pg_index, flt), pg_store.states())
    assert len(found) == 23  # counted by hand (tests/across/test_screener.py)
    assert all(t.value is not None and t.value >= 1_000_000 and t.value == t.shares * t.price for t in found)  # type: ignore[operator]
    flagged = {fid for fid in pg_store.ids() if pg_store.findings_of(fid)}
    with_findings = transactions(pg_index, screen(pg_index, ScreenFilter(has_findings=True)))
    assert {t.filing_id for t in with_findings} <= flagged
    assert all(t.findings == len(pg_store.findings_of(t.filing_id)) for t in with_findings)


def test_reviewed_filter_reads_the_team_s_marks(pg_url: str, pg_index: RowIndex) -> None:
    other = open_store(pg_url, reviewer="colleague")
    try:
        marked = sorted(other.ids())[0]
        other.set_reviewed(marked, True)
        mine = open_store(pg_url, reviewer="tester")
        try:
            rows = screen(pg_index, ScreenFilter(reviewed=True), mine.states())
            assert {t.filing_id for t in transactions(pg_index, rows)} <= {marked}
            assert all(t.reviewed for t in transactions(pg_index, rows, mine.states()))
        finally:
            mine.close()
    finally:
        other.set_reviewed(marked, False)
        other.close()


def test_incremental_on_postgresql(pg_server: Any, pg_index: RowIndex, monkeypatch: pytest.MonkeyPatch) -> None:
    url = pg_server.create_database(f"across_{uuid.uuid4().hex[:10]}")
    store = open_store(url, reviewer="tester")
    try:
        files = sources()
        import_paths(store, files[:-3])
        before = sync.open_index(store)
        import_paths(store, files[-3:])
        reads = Reads(store, monkeypatch)
        after = sync.refresh_index(store, before)
        new = set(store.ids()) - {i.fid for i in before.info}
        assert len(new) == 3 and sorted(reads.got) == sorted(new)
        assert canonical(after) == canonical(pg_index)
        gone = store.ids()[:2]
        store.remove(gone)
        store.refresh()
        reads.got.clear()
        dropped = sync.refresh_index(store, after)
        assert reads.got == [] and dropped.filing_count == after.filing_count - 2
        assert {i.fid for i in dropped.info} == set(store.ids())
    finally:
        store.close()
