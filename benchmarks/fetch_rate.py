"""How close `form4 fetch` comes to EDGAR's 10 requests a second without ever passing it.

    python benchmarks/fetch_rate.py [--requests N] [--latency SECONDS]

Serves the recorded responses of tests/fetch/fixtures on 127.0.0.1 with a delay per answer (EDGAR
is ~50-150 ms away from most users), sends N requests through the fetch client with 1, 2, 4 and 8
downloads in flight, and prints the rate reached (as a share of the 10/s ceiling) and the most
requests the server saw in any one-second window.
"""

from __future__ import annotations

import argparse
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import tests.fetch.edgar_server as server  # noqa: E402
from tui.fetch.client import EdgarClient  # noqa: E402
from tui.fetch.config import EdgarUrls, FetchSettings  # noqa: E402


def most_in_a_window(times: list[float]) -> int:
    times = sorted(times)
    most, start = 0, 0
    for end, t in enumerate(times):
        while t - times[start] >= 1.0:
            start += 1
        most = max(most, end - start + 1)
    return most


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--latency", type=float, default=0.1)
    args = parser.parse_args()
    body = server._body_for

    def slow(path: str):  # type: ignore[no-untyped-def]
        time.sleep(args.latency)
        return body(path)

    server._body_for = slow
    running = server.RunningServer()
    url = f"{running.state.url}/Archives/edgar/data/1318605/000089924322035394/0000899243-22-035394.txt"
    print(f"{args.requests} downloads of a 23 kB filing, {args.latency * 1000:.0f} ms per answer")
    print("in flight | requests/s | share of 10/s | most in any 1 s window")
    try:
        for workers in (1, 2, 4, 8):
            running.state.hits.clear()
            settings = FetchSettings("benchmark bench@example.com", EdgarUrls.from_base(running.state.url))
            with EdgarClient(settings) as client, ThreadPoolExecutor(workers) as pool:
                start = time.monotonic()
                list(pool.map(lambda _: client.get_bytes(url), range(args.requests)))
                elapsed = time.monotonic() - start
            rate = args.requests / elapsed
            hits = [h.at for h in running.state.hits]
            print(f"{workers:9} | {rate:10.1f} | {rate / 10:12.0%} | {most_in_a_window(hits):3}")
    finally:
        running.stop()


if __name__ == "__main__":
    main()
