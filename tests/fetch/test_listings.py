"""EDGAR's listing formats, read from the recorded fixtures; and the User-Agent rule."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from tui.fetch.client import retry_after_seconds
from tui.fetch.config import EdgarUrls, UserAgentError, check_user_agent, resolve_user_agent
from tui.fetch.listings import (
    ListingError,
    OlderPage,
    form_wanted,
    parse_columns,
    parse_master_index,
    parse_submissions,
    parse_tickers,
    select,
)

FIXTURES = Path(__file__).parent / "fixtures"


def _json(name: str):
    return json.loads((FIXTURES / name).read_text())


def test_company_tickers() -> None:
    tickers = parse_tickers(_json("company_tickers.json"))
    assert tickers["TSLA"] == "0001318605"
    assert tickers["AAPL"] == "0000320193"
    assert tickers["VKTX"] == "0001607678"


def test_submissions_recent_and_older_pages() -> None:
    refs, pages = parse_submissions(_json("CIK0001318605.json"), "0001318605")
    assert [(r.accession, r.form, r.filed) for r in refs] == [("0000950170-25-003585", "4", date(2025, 1, 8))]
    assert pages == [
        OlderPage("CIK0001318605-submissions-002.json", date(2022, 10, 19), date(2022, 11, 8)),
        OlderPage("CIK0001318605-submissions-001.json", date(2005, 2, 17), date(2013, 12, 10)),
    ]
    assert [p.overlaps(date(2022, 11, 1), None) for p in pages] == [True, False]
    older = parse_columns(_json("CIK0001318605-submissions-002.json"), "0001318605")
    assert [r.form for r in older] == ["4", "10-Q", "8-K"]
    assert older[0].archive_path() == "edgar/data/1318605/000089924322035394/0000899243-22-035394.txt"


def test_daily_master_index_lists_each_filing_once() -> None:
    refs = parse_master_index((FIXTURES / "master.20200103.idx").read_text("latin-1"))
    assert len(refs) == 6  # ten lines: the three Form 4s and the SC 13D/A are each listed under two CIKs
    viking = next(r for r in refs if r.accession == "0001209191-20-001420")
    assert (viking.form, viking.filed, viking.path) == (
        "4",
        date(2020, 1, 3),
        "edgar/data/1606831/0001209191-20-001420.txt",
    )
    chosen = select(refs, ("3", "4", "5"), True, None, None)
    assert sorted(r.accession for r in chosen) == [
        "0000905729-20-000002",
        "0001209191-20-001420",
        "0001437749-20-000181",
    ]


def test_not_a_listing() -> None:
    with pytest.raises(ListingError):
        parse_master_index("<html>Access denied</html>")
    with pytest.raises(ListingError):
        parse_submissions({"cik": "1"}, "1")
    with pytest.raises(ListingError):
        parse_tickers([])


def test_forms_and_amendments() -> None:
    assert form_wanted("4") and form_wanted("4/A") and form_wanted("3") and form_wanted("5/A")
    assert not form_wanted("4/A", amendments=False)
    assert not form_wanted("SC 13D/A") and not form_wanted("8-K") and not form_wanted("144")
    assert form_wanted("4", ("4",)) and not form_wanted("3", ("4",))


def test_urls() -> None:
    urls = EdgarUrls()
    assert urls.tickers() == "https://www.sec.gov/files/company_tickers.json"
    assert urls.submissions("1318605") == "https://data.sec.gov/submissions/CIK0001318605.json"
    assert urls.daily_index(date(2020, 1, 3)) == (
        "https://www.sec.gov/Archives/edgar/daily-index/2020/QTR1/master.20200103.idx"
    )
    mirror = EdgarUrls.from_base("http://127.0.0.1:8080/")
    assert (mirror.www, mirror.data) == ("http://127.0.0.1:8080", "http://127.0.0.1:8080")


def test_retry_after_in_seconds_or_as_a_date() -> None:
    assert retry_after_seconds("3") == 3.0
    now = datetime(2026, 1, 1, 12, 0, 0, tzinfo=UTC)
    assert retry_after_seconds("Thu, 01 Jan 2026 12:00:30 GMT", now) == 30.0
    assert retry_after_seconds("soon") is None and retry_after_seconds(None) is None


def test_user_agent_needs_a_name_and_an_email(tmp_path: Path) -> None:
    assert check_user_agent("Jane  Doe jane@example.com", "x") == "Jane Doe jane@example.com"
    for bad in ("jane@example.com", "Jane Doe", "python-httpx/0.28"):
        with pytest.raises(UserAgentError, match="name and an e-mail"):
            check_user_agent(bad, "--user-agent")
    config = tmp_path / "config.toml"
    config.write_text('user_agent = "Acme Research ops@acme.example"\n')
    assert resolve_user_agent(None, environ={}, config=config) == "Acme Research ops@acme.example"
    assert resolve_user_agent(None, environ={"FORM4_USER_AGENT": "Env Name env@x.org"}, config=config) == (
        "Env Name env@x.org"
    )
    assert resolve_user_agent("Flag Name flag@x.org", environ={"FORM4_USER_AGENT": "Env Name env@x.org"}) == (
        "Flag Name flag@x.org"
    )
    config.write_text("user_agent = [")
    with pytest.raises(UserAgentError, match="cannot read the config file"):
        resolve_user_agent(None, environ={}, config=config)
