"""Get filings from EDGAR, politely and resumably, into the store (through the importer).

`fetch_filings` is the one entry point for the CLI and the explorer; see `run` for the flow,
`client` for the HTTP rules (User-Agent, rate limit, retries, whole downloads), `listings` for
EDGAR's formats and `config` for the User-Agent rule and the base URLs.
"""

from tui.fetch.client import EdgarClient, FetchError
from tui.fetch.config import (
    MAX_RATE,
    USER_AGENT_ENV,
    EdgarUrls,
    FetchSettings,
    UserAgentError,
    resolve_user_agent,
    user_agent_rule,
)
from tui.fetch.listings import FilingRef, ListingError
from tui.fetch.run import FetchProgress, FetchReport, FetchRequest, days_between, default_folder, fetch_filings

__all__ = [
    "MAX_RATE",
    "USER_AGENT_ENV",
    "EdgarClient",
    "EdgarUrls",
    "FetchError",
    "FetchProgress",
    "FetchReport",
    "FetchRequest",
    "FetchSettings",
    "FilingRef",
    "ListingError",
    "UserAgentError",
    "days_between",
    "default_folder",
    "fetch_filings",
    "resolve_user_agent",
    "user_agent_rule",
]
