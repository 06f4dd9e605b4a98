"""`form4 fetch` as a user runs it, against the local server playing EDGAR (tests/fetch/fixtures)."""

from __future__ import annotations

from pathlib import Path

from tests.cli.helpers import form4
from tests.fetch.edgar_server import EdgarServer

UA = "Jane Doe jane@example.com"


def test_help_explains_the_user_agent_rule() -> None:
    result = form4("fetch", "--help")
    assert result.returncode == 0
    text = " ".join(result.stdout.split())
    for needed in ("User-Agent", "name", "e-mail address", "--user-agent", "FORM4_USER_AGENT", "config.toml", "403"):
        assert needed in text
    assert "at most 10 requests in any second" in text


def test_without_a_user_agent_nothing_is_asked_and_it_says_what_to_do(edgar: EdgarServer, tmp_path: Path) -> None:
    result = form4("--db", str(tmp_path / "db"), "fetch", "TSLA", "--edgar-url", edgar.url)
    assert result.returncode == 3
    assert "no User-Agent given" in result.stderr and "FORM4_USER_AGENT" in result.stderr
    assert edgar.hits == []


def test_a_user_agent_without_an_email_is_refused(tmp_path: Path) -> None:
    result = form4("--db", str(tmp_path / "db"), "fetch", "TSLA", "--user-agent", "form4")
    assert result.returncode == 3
    assert "needs both a name and an e-mail address" in result.stderr


def test_fetch_by_ticker_then_again_fetches_nothing_new(edgar: EdgarServer, tmp_path: Path) -> None:
    db = tmp_path / "db"
    args = ("--db", str(db), "fetch", "TSLA", "--since", "2022-11-01", "--user-agent", UA, "--edgar-url", edgar.url)
    first = form4(*args)
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("2 listed, 0 already in the store, 2 downloaded, 2 imported")
    assert sorted(p.name for p in (tmp_path / "db-filings").iterdir()) == [
        "0000899243-22-035394.txt",
        "0000950170-25-003585.txt",
    ]
    listing = form4("--db", str(db), "list", "--ticker", "TSLA")
    assert "Musk Elon" in listing.stdout and "Wilson-Thompson Kathleen" in listing.stdout

    again = form4(*args)
    assert again.returncode == 0
    assert again.stdout.startswith("2 listed, 2 already in the store, 0 downloaded, 0 failed")


def test_fetch_a_day_into_a_chosen_folder_with_failures_on_stderr(edgar: EdgarServer, tmp_path: Path) -> None:
    folder = tmp_path / "kept"
    result = form4(
        "--db", str(tmp_path / "db"), "fetch", "--day", "2020-01-03", "--day", "2020-01-01", "NOSUCH",
        "--folder", str(folder), "--edgar-url", edgar.url, "--user-agent", UA,
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "failed: ticker NOSUCH: not in EDGAR's company tickers file",
        "failed: 2020-01-01: no daily index (404 Not Found; a holiday, or not yet out?)",
    ]
    assert "3 downloaded, 3 imported" in result.stdout
    assert len(list(folder.glob("*.txt"))) == 3


def test_the_user_agent_from_the_environment(edgar: EdgarServer, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import tests.cli.helpers as helpers

    real = helpers.subprocess.run

    def with_env(cmd, **kw):  # type: ignore[no-untyped-def]
        kw["env"] = {**kw["env"], "FORM4_USER_AGENT": UA}
        return real(cmd, **kw)

    monkeypatch.setattr(helpers.subprocess, "run", with_env)
    result = form4("--db", str(tmp_path / "db"), "fetch", "1494730", "--edgar-url", edgar.url)
    assert result.returncode == 0, result.stderr
    assert {h.user_agent for h in edgar.hits} == {UA}


def test_a_day_range_asks_for_each_weekday(edgar: EdgarServer, tmp_path: Path) -> None:
    result = form4(
        "--db", str(tmp_path / "db"), "fetch", "--day", "2020-01-02..2020-01-06", "--edgar-url", edgar.url,
        "--user-agent", UA,
    )  # fmt: skip
    asked = edgar.paths("/Archives/edgar/daily-index/")
    assert [p.rsplit(".", 2)[-2] for p in asked] == ["20200102", "20200103", "20200106"]  # not the weekend
    assert "3 downloaded" in result.stdout
