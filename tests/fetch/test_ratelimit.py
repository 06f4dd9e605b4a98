"""EDGAR's fair-access rule: never more than 10 requests in any one-second window, measured where
EDGAR measures it, at the server, with many threads asking at once and retries counted too."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from tests.fetch.edgar_server import EdgarServer
from tui.fetch.client import EdgarClient
from tui.fetch.config import FetchSettings
from tui.fetch.ratelimit import RateLimiter


def _most_in_any_window(times: list[float], window: float = 1.0) -> int:
    times = sorted(times)
    most, start = 0, 0
    for end, t in enumerate(times):
        while t - times[start] >= window:
            start += 1
        most = max(most, end - start + 1)
    return most


def test_never_more_than_10_requests_in_any_one_second_window(edgar: EdgarServer, settings: FetchSettings) -> None:
    url = settings.urls.tickers()
    for _ in range(3):
        edgar.fault("/files/company_tickers.json", "503")  # retries go through the limiter too
    with EdgarClient(settings) as client, ThreadPoolExecutor(max_workers=12) as pool:
        list(pool.map(lambda _: client.get_bytes(url), range(32)))

    times = [h.at for h in edgar.hits]
    assert len(times) == 35
    assert _most_in_any_window(times) <= 10
    # and it is not slower than it needs to be: 35 requests fit in a little over 3 windows
    assert times[-1] - times[0] < 6


def test_a_lower_rate_is_kept(edgar: EdgarServer, settings: FetchSettings) -> None:
    import dataclasses

    slow = dataclasses.replace(settings, max_rate=3)
    with EdgarClient(slow) as client, ThreadPoolExecutor(max_workers=6) as pool:
        list(pool.map(lambda _: client.get_bytes(slow.urls.tickers()), range(9)))
    assert _most_in_any_window([h.at for h in edgar.hits]) <= 3


def test_a_place_frees_up_one_window_after_the_answer_not_after_the_send() -> None:
    import threading
    import time

    limiter = RateLimiter(2, period=0.3)
    first, second = limiter.acquire(), limiter.acquire()
    got = threading.Event()

    def third() -> None:
        limiter.acquire()
        got.set()

    threading.Thread(target=third, daemon=True).start()
    time.sleep(0.4)  # a window has passed since both were sent, but they are still on their way
    assert not got.is_set()
    limiter.release(first)
    answered = time.monotonic()
    assert got.wait(2)
    assert time.monotonic() - answered >= 0.29
    limiter.release(second)


def test_a_rate_above_edgars_limit_is_refused() -> None:
    import pytest

    with pytest.raises(ValueError, match="EDGAR"):
        FetchSettings("Jane Doe jane@example.com", max_rate=11)
