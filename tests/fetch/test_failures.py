"""What goes wrong on the way: EDGAR slowing us down (429 + Retry-After), a server error, a connection
cut in the middle of a filing, a refused or missing User-Agent, no network, no DNS. Each is one line;
the rest of the fetch goes on; nothing half-written lands in the folder or the store."""

from __future__ import annotations

import dataclasses
import socket
import threading
from datetime import date
from pathlib import Path

import pytest

from tests.fetch.edgar_server import EdgarServer
from tui.fetch.client import PART_SUFFIX
from tui.fetch.config import EdgarUrls, FetchSettings, UserAgentError, resolve_user_agent
from tui.fetch.run import FetchRequest, default_folder, fetch_filings
from tui.store import Store

WILSON = "0000950170-25-003585"
WILSON_PATH = f"/Archives/edgar/data/1318605/{WILSON.replace('-', '')}/{WILSON}.txt"
TSLA_2025 = FetchRequest(("TSLA",), since=date(2025, 1, 1))


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_429_waits_as_long_as_retry_after_says_then_succeeds(
    edgar: EdgarServer, settings: FetchSettings, store: Store
) -> None:
    edgar.fault(WILSON_PATH, "429:1")
    report = fetch_filings(store, TSLA_2025, settings)

    assert report.failures == []
    assert report.downloaded == 1
    tries = [h.at for h in edgar.hits if h.path == WILSON_PATH]
    assert len(tries) == 2
    assert tries[1] - tries[0] >= 1.0  # the back-off alone would have waited 0.01 s


def test_a_500_then_success(edgar: EdgarServer, settings: FetchSettings, store: Store) -> None:
    edgar.fault("/submissions/CIK0001318605.json", "500")
    edgar.fault(WILSON_PATH, "503")
    report = fetch_filings(store, TSLA_2025, settings)

    assert (report.failures, report.downloaded) == ([], 1)
    assert edgar.paths("/submissions/").count("/submissions/CIK0001318605.json") == 2
    assert edgar.paths("/Archives/").count(WILSON_PATH) == 2


def test_server_errors_to_the_last_try_are_one_line_and_the_rest_goes_on(
    edgar: EdgarServer, settings: FetchSettings, store: Store
) -> None:
    edgar.fault(WILSON_PATH, *["500"] * settings.attempts)
    report = fetch_filings(store, FetchRequest(("TSLA", "1494730"), since=date(2022, 11, 1)), settings)

    assert report.downloaded == 1  # Musk's filing, from the owner's listing
    [line] = report.failures
    assert "\n" not in line
    assert (
        line.startswith(f"{WILSON} (4, filed 2025-01-08): ") and "HTTP 500 Internal Server Error after 4 tries" in line
    )


def test_a_connection_cut_mid_file_leaves_nothing_behind(
    edgar: EdgarServer, settings: FetchSettings, store: Store
) -> None:
    edgar.fault(WILSON_PATH, *["cut"] * settings.attempts)
    report = fetch_filings(store, TSLA_2025, settings)

    [line] = report.failures
    assert WILSON in line and "cut" in line
    folder = default_folder(store)
    assert list(folder.iterdir()) == []  # neither the filing nor a .part
    assert store.resolve(WILSON) is None and len(store) == 0


def test_a_connection_cut_once_is_retried_and_the_file_lands_whole(
    edgar: EdgarServer, settings: FetchSettings, store: Store
) -> None:
    edgar.fault(WILSON_PATH, "cut")
    report = fetch_filings(store, TSLA_2025, settings)

    assert (report.failures, report.downloaded) == ([], 1)
    fixture = Path(__file__).parent / "fixtures" / f"{WILSON}.txt"
    landed = default_folder(store) / f"{WILSON}.txt"
    assert landed.read_bytes() == fixture.read_bytes()
    assert not landed.with_name(landed.name + PART_SUFFIX).exists()


def test_a_body_that_ends_early_without_the_transport_noticing_is_refused(
    edgar: EdgarServer, settings: FetchSettings, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A proxy that drops the tail and fixes up Content-Length: the end of the submission is missing."""
    import tests.fetch.edgar_server as server

    real = server._body_for

    def short(path: str):
        found = real(path)
        return (found[0][:-200], found[1]) if found and path == WILSON_PATH else found

    monkeypatch.setattr(server, "_body_for", short)
    report = fetch_filings(store, TSLA_2025, settings)
    [line] = report.failures
    assert "cut off before the end of the filing" in line
    assert list(default_folder(store).iterdir()) == []


def test_a_refused_user_agent_is_a_clear_line(edgar: EdgarServer, settings: FetchSettings, store: Store) -> None:
    anonymous = dataclasses.replace(settings, user_agent="python-httpx")
    report = fetch_filings(store, FetchRequest(("1494730",)), anonymous)

    [line] = report.failures
    assert "403 Forbidden" in line and "User-Agent with your name and e-mail" in line


def test_a_missing_user_agent_is_refused_before_any_request(tmp_path: Path) -> None:
    with pytest.raises(UserAgentError) as caught:
        resolve_user_agent(None, environ={}, config=tmp_path / "none.toml")
    message = str(caught.value)
    for hint in ("--user-agent", "FORM4_USER_AGENT", str(tmp_path / "none.toml"), "e-mail"):
        assert hint in message


def test_offline_each_source_fails_in_one_line_and_the_rest_goes_on(
    edgar: EdgarServer, settings: FetchSettings, store: Store
) -> None:
    dead = f"http://127.0.0.1:{_closed_port()}"
    offline = dataclasses.replace(settings, urls=EdgarUrls(www=dead, data=edgar.url), attempts=2)
    report = fetch_filings(store, FetchRequest(("TSLA", "1494730")), offline)

    # the tickers file is on the dead host; the owner's listing is not, but its filing is
    assert len(report.failures) == 2
    ticker_line, filing_line = report.failures
    assert ticker_line.startswith("ticker TSLA: ") and "cannot connect to 127.0.0.1" in ticker_line
    assert filing_line.startswith("0000899243-22-035394 (4, filed 2022-11-08): ") and "cannot connect" in filing_line
    assert all("\n" not in line for line in report.failures)
    assert edgar.paths() == ["/submissions/CIK0001494730.json"]


def test_dns_failure_is_named(
    edgar: EdgarServer, settings: FetchSettings, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = socket.getaddrinfo

    def resolver(host, *args, **kwargs):
        if host == "edgar.invalid":
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolver)
    port = edgar.url.rsplit(":", 1)[1]
    nowhere = dataclasses.replace(settings, urls=EdgarUrls.from_base(f"http://edgar.invalid:{port}"), attempts=1)
    report = fetch_filings(store, FetchRequest(("TSLA", "1494730")), nowhere)

    assert report.failures == [
        "ticker TSLA: the company tickers file could not be read: "
        f"http://edgar.invalid:{port}/files/company_tickers.json: "
        "cannot resolve edgar.invalid (DNS failure, or offline)",
        f"http://edgar.invalid:{port}/submissions/CIK0001494730.json: cannot resolve edgar.invalid "
        "(DNS failure, or offline)",
    ]
    assert edgar.hits == []


def test_a_bad_ticker_and_an_unknown_cik_are_one_line_each(
    edgar: EdgarServer, settings: FetchSettings, store: Store
) -> None:
    report = fetch_filings(store, FetchRequest(("NOSUCH", "999", "123456789012", "brk.b", "1494730")), settings)
    assert report.failures[0] == "ticker NOSUCH: not in EDGAR's company tickers file"
    assert report.failures[1].startswith("CIK 999: ") and "404 Not Found" in report.failures[1]
    assert report.failures[2] == "CIK 123456789012: not a CIK (at most ten digits)"
    # BRK.B is BRK-B in the tickers file (CIK 1067983): found, and its submissions are not in the fixtures
    assert report.failures[3].startswith("CIK 1067983: ") and len(report.failures) == 4
    assert report.downloaded == 1


def test_a_day_without_an_index_says_so(edgar: EdgarServer, settings: FetchSettings, store: Store) -> None:
    report = fetch_filings(store, FetchRequest(days=(date(2020, 1, 1), date(2020, 1, 3))), settings)
    assert report.failures == ["2020-01-01: no daily index (404 Not Found; a holiday, or not yet out?)"]
    assert report.downloaded == 3


def test_cancel_stops_before_the_next_download(edgar: EdgarServer, settings: FetchSettings, store: Store) -> None:
    cancel = threading.Event()
    cancel.set()
    report = fetch_filings(store, FetchRequest(days=(date(2020, 1, 3),)), settings, cancel=cancel)
    assert report.cancelled and report.downloaded == 0
