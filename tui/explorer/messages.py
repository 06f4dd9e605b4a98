"""What the app's workers report to the main screen: results, progress and failures of store calls.

Workers run in threads and never touch a widget; they post one of these and the screen shows it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from textual.message import Message

from tui.importer import ImportReport
from tui.safe_text import inert_line
from tui.store import FilingSummary, FirstPage, HistoryEntry, ReviewState, Store, StoredFiling, StoreError


@dataclass
class StoreOpened(Message):
    store: Store
    count: int
    first_page: FirstPage | None = None  # a team store's newest filings, while its whole list is read


@dataclass
class ListLoaded(Message):
    """The ids matching the filters (newest first); on a reload also the marks, the tickers and the
    state of the filing on screen (another process may have changed it)."""

    found: list[str]
    summaries: Mapping[str, FilingSummary]
    total: int
    keep: str | None
    reviewed: set[str] | None = None
    tickers: list[str] | None = None
    shown_state: tuple[str, ReviewState] | None = None
    noted: set[str] | None = None  # the filings with a note (✎ in the list)
    first_page: bool = False  # a team store's newest filings, shown while its whole list is read


@dataclass
class FilingLoaded(Message):
    filing_id: str
    stored: StoredFiling | None
    error: str | None = None


@dataclass
class StoreChanged(Message):
    """Another process wrote to the store."""


@dataclass
class StateSaved(Message):
    """A review mark or a note reached the disk."""

    filing_id: str
    state: ReviewState
    what: str  # "review" or "note"


@dataclass
class StateNotSaved(Message):
    """A review mark or a note could not be written: the screen undoes what it showed."""

    filing_id: str
    what: str
    reason: str
    reviewed: bool | None = None  # the mark that was not saved (None: a note)


@dataclass
class HistoryLoaded(Message):
    """A filing's review history (oldest first, as the store keeps it), or why it could not be read."""

    filing_id: str
    entries: list[HistoryEntry] | None
    error: str | None = None


@dataclass
class StoreProblem(Message):
    """The store could not be read or written; the app shows it in one line."""

    reason: str


@dataclass
class ImportProgressed(Message):
    done: int
    total: int

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, ImportProgressed)


@dataclass
class ImportFinished(Message):
    report: ImportReport
    samples: bool
    roots: list[str] = field(default_factory=list)


@dataclass
class ImportStopped(Message):
    """The import ended with an error before it could report."""


def one_line(error: BaseException | None) -> str:
    """A failure in one line: the store's own messages as they are, anything else with its type."""
    if error is None:
        return "unknown error"
    text = str(error) if isinstance(error, StoreError | OSError) else ""
    text = text or f"{type(error).__name__}: {error}"
    return inert_line(" ".join(text.split())[:300])
