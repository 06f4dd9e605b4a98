"""A fetch against a local server playing EDGAR from recorded responses (see fixtures/README.md).
Expected values come from the fixtures: the accession numbers listed and the filings' own fields."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tests.fetch.edgar_server import EdgarServer
from tui.fetch.config import FetchSettings
from tui.fetch.run import FetchRequest, default_folder, fetch_filings
from tui.store import Store

WILSON = "0000950170-25-003585"  # Tesla, Form 4 filed 2025-01-08 (in filings.recent)
MUSK = "0000899243-22-035394"  # Tesla, Form 4 filed 2022-11-08 (on the older page -002)
DAY = ("0001209191-20-001420", "0001437749-20-000181", "0000905729-20-000002")  # Form 4s of 2020-01-03


def _summary(store: Store, accession: str):
    fid = store.resolve(accession)
    assert fid is not None, f"{accession} is not in the store"
    return store.summary(fid)


def test_by_ticker_downloads_the_issuers_recent_form4_into_the_folder_and_imports_it(
    edgar: EdgarServer, settings: FetchSettings, store: Store, tmp_path: Path
) -> None:
    report = fetch_filings(store, FetchRequest(("tsla",), since=date(2025, 1, 1)), settings)

    assert report.failures == []
    assert (report.listed, report.downloaded, report.in_store) == (1, 1, 0)
    assert report.imported is not None and report.imported.imported == 1
    folder = default_folder(store)
    assert folder == tmp_path / "store-filings"  # beside the store (tmp_path / "store")
    assert sorted(p.name for p in folder.iterdir()) == [f"{WILSON}.txt"]
    summary = _summary(store, WILSON)
    assert (summary.ticker, summary.owners, summary.filed) == ("TSLA", ("Wilson-Thompson Kathleen",), "2025-01-08")
    # the older pages end before --since: never asked for
    assert edgar.paths("/submissions/") == ["/submissions/CIK0001318605.json"]
    assert all(h.user_agent == settings.user_agent for h in edgar.hits)


def test_by_reporting_owner_cik(edgar: EdgarServer, settings: FetchSettings, store: Store) -> None:
    report = fetch_filings(store, FetchRequest(("1494730",)), settings)

    assert report.failures == []
    assert report.downloaded == 1
    summary = _summary(store, MUSK)
    assert (summary.ticker, summary.owners, summary.filed) == ("TSLA", ("Musk Elon",), "2022-11-08")
    assert f"/Archives/edgar/data/1494730/{MUSK.replace('-', '')}/{MUSK}.txt" in edgar.paths()


def test_by_day_takes_every_ownership_filing_of_the_daily_index_once(
    edgar: EdgarServer, settings: FetchSettings, store: Store
) -> None:
    report = fetch_filings(store, FetchRequest(days=(date(2020, 1, 3),)), settings)

    assert report.failures == []
    # ten lines: three Form 4s, each listed under its issuer and its owner, and an FWP, 8-K and SC 13D/A
    assert (report.listed, report.downloaded) == (3, 3)
    assert edgar.paths("/Archives/edgar/daily-index/") == ["/Archives/edgar/daily-index/2020/QTR1/master.20200103.idx"]
    assert sorted(p for p in edgar.paths("/Archives/edgar/data/")) == sorted(
        [
            "/Archives/edgar/data/1606831/0001209191-20-001420.txt",
            "/Archives/edgar/data/1023844/0001437749-20-000181.txt",
            "/Archives/edgar/data/1789125/0000905729-20-000002.txt",
        ]
    )
    assert {_summary(store, a).ticker for a in DAY} == {"VKTX", "NHLD", "NONE"}
    assert all(_summary(store, a).filed == "2020-01-03" for a in DAY)


def test_a_date_range_reads_the_older_pages_it_spans_and_a_rerun_downloads_nothing(
    edgar: EdgarServer, settings: FetchSettings, store: Store
) -> None:
    request = FetchRequest(("TSLA",), since=date(2022, 11, 1), until=date(2025, 12, 31))
    report = fetch_filings(store, request, settings)

    assert report.failures == []
    assert report.downloaded == 2  # the 10-Q and the 8-K on the older page are not ownership forms
    assert store.resolve(WILSON) and store.resolve(MUSK)
    # page -002 spans 2022-10-19..2022-11-08 and is read; page -001 (2005..2013) is not
    assert edgar.paths("/submissions/") == [
        "/submissions/CIK0001318605.json",
        "/submissions/CIK0001318605-submissions-002.json",
    ]

    before = len(edgar.paths("/Archives/"))
    again = fetch_filings(store, request, settings)
    assert again.failures == []
    assert (again.listed, again.in_store, again.downloaded) == (2, 2, 0)
    assert again.imported is None
    assert len(edgar.paths("/Archives/")) == before  # not one filing asked for again


def test_a_file_downloaded_but_not_imported_is_imported_without_asking_again(
    edgar: EdgarServer, settings: FetchSettings, store: Store, tmp_path: Path
) -> None:
    folder = tmp_path / "kept"
    folder.mkdir()
    (folder / f"{WILSON}.txt").write_bytes((Path(__file__).parent / "fixtures" / f"{WILSON}.txt").read_bytes())

    report = fetch_filings(store, FetchRequest(("TSLA",), since=date(2025, 1, 1)), settings, folder=folder)

    assert (report.in_folder, report.downloaded) == (1, 0)
    assert store.resolve(WILSON)
    assert edgar.paths("/Archives/") == []


def test_forms_and_amendments_filters(edgar: EdgarServer, settings: FetchSettings, store: Store) -> None:
    report = fetch_filings(store, FetchRequest(days=(date(2020, 1, 3),), forms=("3", "5")), settings)
    assert (report.listed, report.downloaded, report.failures) == (0, 0, [])
