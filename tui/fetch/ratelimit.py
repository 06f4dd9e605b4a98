"""At most N requests in any window of one second, as the server sees them, across every thread of a client.

A sliding-window log with a twist: a request holds its place in the window from the moment it is sent
until one window after its answer arrived (not after it was sent). A request reaches the server after it
was sent and before its answer comes back, so however late the network or the thread scheduler delivers
it, no N+1 requests can arrive within one window: when the last of them was let go, the other N were
all still holding their places. (Counting from the send time, as a plain log or a token bucket does,
lets a request that was held up on the way land in the same second as the next ten.)

Hand-written (40 lines) because the maintained helpers do not fit a blocking httpx client used from
worker threads: aiolimiter and httpx-limiter are asyncio-only, `limits` answers "allowed or not" and
leaves the waiting to the caller, pyrate-limiter changed its API in each of its last majors; and none
of them counts from the answer. The limiter sits in the transport, so retries are counted too.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import httpx


class _Place:
    __slots__ = ("answered",)

    def __init__(self) -> None:
        self.answered: float | None = None  # None while the request is on its way


class RateLimiter:
    def __init__(self, rate: int, period: float = 1.0, *, clock: Callable[[], float] = time.monotonic) -> None:
        if rate < 1:
            raise ValueError("rate must be at least 1")
        self.rate = rate
        self.period = period
        self._clock = clock
        self._places: list[_Place] = []
        self._changed = threading.Condition()

    def acquire(self) -> _Place:
        """Block until one more request fits in the window; give the place back with `release`."""
        with self._changed:
            while True:
                now = self._clock()
                horizon = now - self.period
                self._places = [p for p in self._places if p.answered is None or p.answered > horizon]
                if len(self._places) < self.rate:
                    place = _Place()
                    self._places.append(place)
                    return place
                answered = [p.answered for p in self._places if p.answered is not None]
                # the first place to free up, or (all on their way) until one is answered
                self._changed.wait(min(answered) - horizon if answered else None)

    def release(self, place: _Place) -> None:
        """The answer (or the failure) came back: the place frees up one window from now."""
        with self._changed:
            place.answered = self._clock()
            self._changed.notify_all()


class RateLimitedTransport(httpx.BaseTransport):
    """An httpx transport that takes a place in the window around every request it sends."""

    def __init__(self, limiter: RateLimiter, transport: httpx.BaseTransport) -> None:
        self.limiter = limiter
        self._transport = transport

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        place = self.limiter.acquire()
        try:
            return self._transport.handle_request(request)  # returns once the answer's headers are in
        finally:
            self.limiter.release(place)

    def close(self) -> None:
        self._transport.close()
