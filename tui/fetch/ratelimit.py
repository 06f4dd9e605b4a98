"""At most N requests in any window of one second, across every thread of a client.

A sliding-window log: the send times of the last N requests are kept; a request waits until the
oldest of them is more than a window old. Unlike a token bucket, no burst can exceed N in any window
(a bucket that refills continuously lets N+1 through in a window that straddles a refill).

Hand-written (30 lines) because the maintained helpers do not fit a blocking httpx client used from
worker threads: aiolimiter and httpx-limiter are asyncio-only, `limits` answers "allowed or not"
and leaves the waiting loop to the caller, and pyrate-limiter changed its API in each of its last
majors. The limiter sits in the transport, so retries are counted too.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable

import httpx

#: EDGAR counts arrivals, not our send times; this margin absorbs the jitter between the two
WINDOW_MARGIN = 0.05


class RateLimiter:
    def __init__(
        self,
        rate: int,
        period: float = 1.0 + WINDOW_MARGIN,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if rate < 1:
            raise ValueError("rate must be at least 1")
        self.rate = rate
        self.period = period
        self._clock = clock
        self._sleep = sleep
        self._sent: deque[float] = deque()
        self._lock = threading.Lock()

    def acquire(self) -> None:
        """Block until one more request fits in the window, then count it."""
        with self._lock:  # waiting under the lock keeps the order of the callers
            while True:
                now = self._clock()
                while self._sent and self._sent[0] <= now - self.period:
                    self._sent.popleft()
                if len(self._sent) < self.rate:
                    self._sent.append(now)
                    return
                self._sleep(self._sent[0] + self.period - now)


class RateLimitedTransport(httpx.BaseTransport):
    """An httpx transport that takes a place from the limiter before every request it sends."""

    def __init__(self, limiter: RateLimiter, transport: httpx.BaseTransport) -> None:
        self.limiter = limiter
        self._transport = transport

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.limiter.acquire()
        return self._transport.handle_request(request)

    def close(self) -> None:
        self._transport.close()
