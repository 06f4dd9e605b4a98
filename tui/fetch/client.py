"""The HTTP side of a fetch: one httpx client with EDGAR's User-Agent, the rate limit in its transport,
retries with exponential back-off on 429/5xx and broken connections (tenacity), Retry-After honoured,
and downloads that land whole or not at all (a temporary name, then a rename).

Every failure becomes a `FetchError` whose message is one line: the URL and the reason.
"""

from __future__ import annotations

import contextlib
import os
import socket
import time
from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import httpx
from tenacity import RetryCallState, Retrying, retry_if_exception, stop_after_attempt, wait_exponential

from tui.fetch.config import FetchSettings
from tui.fetch.ratelimit import RateLimitedTransport, RateLimiter

#: a full submission ends with this line; anything shorter was cut off on the way
SUBMISSION_END = b"</SEC-DOCUMENT>"
PART_SUFFIX = ".part"


class FetchError(Exception):
    """A request that failed for good; ``str()`` is one line: the URL and the reason."""

    def __init__(self, url: str, reason: str, status: int | None = None) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.status = status


class _Retryable(Exception):
    """A 429 or 5xx answer, worth another try (after ``retry_after`` seconds when the server said so)."""

    def __init__(self, response: httpx.Response, retry_after: float | None) -> None:
        super().__init__(f"HTTP {response.status_code}")
        self.status = response.status_code
        self.retry_after = retry_after


class _Truncated(Exception):
    """A download that ended before the end of the submission."""


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """Retry-After as seconds to wait: either a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def _is_retryable(exc: BaseException) -> bool:
    return isinstance(exc, _Retryable | _Truncated | httpx.TransportError)


class EdgarClient:
    """Rate-limited, retrying GETs against EDGAR. Thread-safe: downloads may run in several threads."""

    def __init__(
        self,
        settings: FetchSettings,
        *,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.settings = settings
        self.limiter = RateLimiter(settings.max_rate)
        self._sleep = sleep
        self._http = httpx.Client(
            transport=RateLimitedTransport(self.limiter, transport or httpx.HTTPTransport()),
            headers={"User-Agent": settings.user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=settings.timeout,
            follow_redirects=True,
        )
        self._backoff = wait_exponential(multiplier=settings.backoff, max=settings.max_backoff)

    # ------------------------------------------------------------------ retry policy
    def _wait(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        if isinstance(exc, _Retryable) and exc.retry_after is not None:
            return exc.retry_after
        return float(self._backoff(state))

    def _retrying(self) -> Retrying:
        return Retrying(
            stop=stop_after_attempt(self.settings.attempts),
            wait=self._wait,
            retry=retry_if_exception(_is_retryable),
            sleep=self._sleep,
            reraise=True,
        )

    def _call(self, url: str, attempt: Callable[[], Any]) -> Any:
        try:
            return self._retrying()(attempt)
        except _Retryable as exc:
            raise FetchError(url, _status_reason(exc.status, self.settings.attempts), exc.status) from None
        except _Truncated:
            raise FetchError(url, "the download was cut off before the end of the filing") from None
        except httpx.HTTPError as exc:
            raise FetchError(url, _transport_reason(url, exc)) from None

    def _check(self, response: httpx.Response) -> None:
        status = response.status_code
        if status == 429 or status >= 500:
            retry_after = retry_after_seconds(response.headers.get("Retry-After"))
            if retry_after is not None and retry_after > self.settings.max_retry_after:
                raise FetchError(
                    str(response.url), f"HTTP {status}, and EDGAR asks to wait {retry_after:.0f} s: try later", status
                )
            raise _Retryable(response, retry_after)
        if status >= 400:
            raise FetchError(str(response.url), _status_reason(status, 1), status)

    # ------------------------------------------------------------------ requests
    def get_bytes(self, url: str) -> bytes:
        def attempt() -> bytes:
            response = self._http.get(url)
            self._check(response)
            return response.content

        result: bytes = self._call(url, attempt)
        return result

    def get_json(self, url: str) -> Any:
        import orjson

        data = self.get_bytes(url)
        try:
            return orjson.loads(data)
        except orjson.JSONDecodeError:
            raise FetchError(url, "the answer is not JSON (is the URL an EDGAR server?)") from None

    def download(self, url: str, dest: Path) -> int:
        """Save a full submission to ``dest``; it appears there complete or not at all. Returns its size."""
        part = dest.with_name(dest.name + PART_SUFFIX)

        def attempt() -> int:
            size = 0
            tail = b""
            try:
                with self._http.stream("GET", url) as response:
                    self._check(response)
                    with open(part, "wb") as out:
                        for chunk in response.iter_bytes():
                            out.write(chunk)
                            size += len(chunk)
                            tail = (tail + chunk)[-64:]
                        out.flush()
                        os.fsync(out.fileno())
                if SUBMISSION_END not in tail:
                    raise _Truncated()
            except BaseException:
                with contextlib.suppress(OSError):
                    part.unlink()
                raise
            os.replace(part, dest)
            return size

        try:
            dest.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise FetchError(url, f"cannot create the folder {dest.parent}: {exc.strerror or exc}") from None
        try:
            result: int = self._call(url, attempt)
        except OSError as exc:
            raise FetchError(url, f"cannot write {dest}: {exc.strerror or exc}") from None
        return result

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> EdgarClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _status_reason(status: int, attempts: int) -> str:
    tries = f" after {attempts} tries" if attempts > 1 else ""
    if status == 403:
        return (
            "403 Forbidden: EDGAR refused the request; it wants a User-Agent with your name and e-mail "
            "address, and refuses clients that went too fast"
        )
    if status == 404:
        return "404 Not Found"
    if status == 429:
        return f"429 Too Many Requests{tries}"
    phrase = httpx.codes.get_reason_phrase(status)
    return f"HTTP {status} {phrase}{tries}".replace("  ", " ").strip()


def _transport_reason(url: str, exc: httpx.HTTPError) -> str:
    host = httpx.URL(url).host
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, socket.gaierror):
            return f"cannot resolve {host} (DNS failure, or offline)"
        cause = cause.__cause__ or cause.__context__
    text = str(exc) or type(exc).__name__
    if "Name or service not known" in text or "getaddrinfo" in text or "nodename nor servname" in text:
        return f"cannot resolve {host} (DNS failure, or offline)"
    if isinstance(exc, httpx.TimeoutException):
        return f"no answer from {host} in time ({type(exc).__name__})"
    if isinstance(exc, httpx.ConnectError):
        return f"cannot connect to {host} (offline?): {text}"
    if isinstance(exc, httpx.RemoteProtocolError | httpx.ReadError):
        return f"the connection was cut during the transfer ({text})"
    return f"{type(exc).__name__}: {text}"
