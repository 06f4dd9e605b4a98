"""What a fetch needs to know before its first request: who is asking (EDGAR's User-Agent rule), where
EDGAR is (base URLs, for tests and mirrors) and how politely to ask (rate, retries, timeouts)."""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import platformdirs

USER_AGENT_ENV = "FORM4_USER_AGENT"
EDGAR_WWW = "https://www.sec.gov"
EDGAR_DATA = "https://data.sec.gov"
#: EDGAR's fair-access ceiling; a fetch never goes faster, and may be told to go slower
MAX_RATE = 10

USER_AGENT_RULE = (
    "EDGAR requires every automated request to say who is asking: a User-Agent with your name (or your "
    'organisation\'s) and an e-mail address, e.g. "Jane Doe jane@example.com". Give it with --user-agent, the '
    f'{USER_AGENT_ENV} environment variable, or `user_agent = "..."` in {{config}}. '
    "Requests without one are refused by EDGAR (403)."
)

_EMAIL = re.compile(r"[^\s@<>()]+@[^\s@<>()]+\.[A-Za-z]{2,}")


class UserAgentError(ValueError):
    """No usable User-Agent: the message says what to do."""


def config_path() -> Path:
    """The user's config file (``~/.config/form4-explorer/config.toml`` on Linux)."""
    return platformdirs.user_config_path("form4-explorer") / "config.toml"


def user_agent_rule() -> str:
    return USER_AGENT_RULE.format(config=config_path())


def check_user_agent(value: str, origin: str) -> str:
    """``value`` if it names someone and gives an e-mail address; else a UserAgentError naming ``origin``."""
    value = " ".join(value.split())
    email = _EMAIL.search(value)
    name = _EMAIL.sub("", value).strip(" <>(),;")
    if email is None or not name:
        raise UserAgentError(
            f"the User-Agent from {origin} ({value!r}) needs both a name and an e-mail address, "
            'e.g. "Jane Doe jane@example.com"'
        )
    return value


def resolve_user_agent(
    explicit: str | None = None, *, environ: Mapping[str, str] | None = None, config: Path | None = None
) -> str:
    """The User-Agent: ``--user-agent``, else $FORM4_USER_AGENT, else the config file; else UserAgentError."""
    if explicit is not None and explicit.strip():
        return check_user_agent(explicit, "--user-agent")
    env = os.environ if environ is None else environ
    if env.get(USER_AGENT_ENV, "").strip():
        return check_user_agent(env[USER_AGENT_ENV], f"${USER_AGENT_ENV}")
    path = config_path() if config is None else config
    try:
        settings = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        settings = {}
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UserAgentError(f"{path}: cannot read the config file ({exc})") from None
    value = settings.get("user_agent") or settings.get("edgar", {}).get("user_agent")
    if isinstance(value, str) and value.strip():
        return check_user_agent(value, str(path))
    raise UserAgentError("no User-Agent given. " + USER_AGENT_RULE.format(config=path))


@dataclass(frozen=True, slots=True)
class EdgarUrls:
    """EDGAR's two hosts: www (tickers, archives, indexes) and data (submissions JSON)."""

    www: str = EDGAR_WWW
    data: str = EDGAR_DATA

    @classmethod
    def from_base(cls, edgar_url: str | None = None, data_url: str | None = None) -> EdgarUrls:
        """``--edgar-url`` for both hosts (a mirror or a test server), ``--edgar-data-url`` for data alone."""
        www = (edgar_url or EDGAR_WWW).rstrip("/")
        data = (data_url or edgar_url or EDGAR_DATA).rstrip("/")
        return cls(www, data)

    def tickers(self) -> str:
        return f"{self.www}/files/company_tickers.json"

    def submissions(self, cik: str) -> str:
        return f"{self.data}/submissions/CIK{int(cik):010d}.json"

    def submissions_page(self, name: str) -> str:
        return f"{self.data}/submissions/{name}"

    def daily_index(self, day: date) -> str:
        quarter = (day.month - 1) // 3 + 1
        return f"{self.www}/Archives/edgar/daily-index/{day.year}/QTR{quarter}/master.{day:%Y%m%d}.idx"

    def archive(self, path: str) -> str:
        """A path under /Archives, e.g. ``edgar/data/320193/0000320193-24-000001.txt``."""
        return f"{self.www}/Archives/{path.lstrip('/')}"


@dataclass(frozen=True, slots=True)
class FetchSettings:
    user_agent: str
    urls: EdgarUrls = EdgarUrls()
    #: requests in any one-second window (EDGAR allows 10)
    max_rate: int = MAX_RATE
    #: tries per request, the first included
    attempts: int = 4
    #: the first back-off; it doubles each try, up to max_backoff
    backoff: float = 0.5
    max_backoff: float = 30.0
    #: a Retry-After longer than this is not waited for: the request fails with the reason
    max_retry_after: float = 120.0
    timeout: float = 30.0
    #: downloads in flight at once (all of them share the rate limit)
    workers: int = 4

    def __post_init__(self) -> None:
        if not 1 <= self.max_rate <= MAX_RATE:
            raise ValueError(f"the rate must be between 1 and {MAX_RATE} requests a second (EDGAR's limit)")
        if self.attempts < 1 or self.workers < 1:
            raise ValueError("attempts and workers must be at least 1")
