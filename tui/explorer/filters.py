"""The list's filters (insider name, ticker, transaction code, unreviewed only, reviewed by, the 10b5-1
box, form type, a date range, findings) and the line that says which are active. Plain state: the main
screen changes it and asks the store for the ids that match."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from rich.text import Text

from tui.codes import TRANSACTION_CODES
from tui.store import ListFilter


class UnknownCode(ValueError):
    """A transaction code that is not one of the twenty."""


class BadFilter(ValueError):
    """A form type or a date range that cannot be a filter (the message says why)."""


#: the form types a filing can have
FORMS = ("3", "4", "5", "3/A", "4/A", "5/A")


def parse_dates(text: str) -> tuple[date | None, date | None]:
    """ "2024-01-01..2024-06-30", "2024-01-01.." (from then on), "..2024-06-30" (until then), a single
    date (that day on); empty: no date filter. Raises BadFilter."""
    text = text.strip()
    since_text, _, until_text = text.partition("..") if ".." in text else (text, "", "")
    try:
        since = date.fromisoformat(since_text.strip()) if since_text.strip() else None
        until = date.fromisoformat(until_text.strip()) if until_text.strip() else None
    except ValueError:
        raise BadFilter(
            f"Not a date range: {text!r}; write YYYY-MM-DD..YYYY-MM-DD (either side may be left out)."
        ) from None
    if since and until and since > until:
        raise BadFilter(f"The range {text!r} ends before it starts.")
    return since, until


@dataclass
class Filters:
    name: str = ""
    ticker: str | None = None
    code: str | None = None
    unreviewed_only: bool = False
    plan: bool | None = None  # the Rule 10b5-1 box: checked (True), not checked (False), either (None)
    form: str | None = None
    since: date | None = None  # the list's date (filed, else signed, else period), inclusive
    until: date | None = None
    reviewed_by: Literal["me", "others", "nobody"] | None = None  # who marked it (ListFilter.reviewed_by)
    has_findings: bool = False  # only filings with review-check findings
    finding_kind: str | None = None  # only filings with a finding of this kind (`tui.checks.KINDS`)

    def list_filter(self) -> ListFilter:
        """What the store filters on ("unreviewed only" is applied to the app's own, newest marks)."""
        return ListFilter(
            ticker=self.ticker, code=self.code, name=self.name.strip() or None, plan=self.plan,
            form=self.form, since=self.since, until=self.until, reviewed_by=self.reviewed_by,
            has_findings=True if self.has_findings else None, finding_kind=self.finding_kind,
        )  # fmt: skip

    def set_form(self, form: str | None) -> None:
        """Raises BadFilter (and changes nothing) for a form type a filing cannot have."""
        value = (form or "").strip().upper().removeprefix("FORM").strip() or None
        if value is not None and value not in FORMS:
            raise BadFilter(f"Unknown form type {value!r}; one of {', '.join(FORMS)}.")
        self.form = value

    def set_dates(self, text: str | None) -> None:
        self.since, self.until = parse_dates(text or "")

    def set_ticker(self, ticker: str | None) -> None:
        self.ticker = (ticker or "").strip().upper() or None

    def set_code(self, code: str | None) -> None:
        """Raises UnknownCode (and changes nothing) for a code that is not a transaction code."""
        value = (code or "").strip().upper() or None
        if value is not None and value not in TRANSACTION_CODES:
            raise UnknownCode(f"Unknown transaction code {value!r}; press ? for the list.")
        self.code = value

    def clear(self) -> None:
        self.name = ""
        self.ticker = None
        self.code = None
        self.unreviewed_only = False
        self.plan = self.form = self.since = self.until = None
        self.reviewed_by = None
        self.has_findings, self.finding_kind = False, None

    def active(self) -> list[tuple[str, str]]:
        """The filters in force, as (label, value), in the order the filter line shows them."""
        active = []
        if self.name.strip():
            active.append(("name", self.name.strip()))
        if self.unreviewed_only:
            active.append(("unreviewed", ""))
        if self.ticker:
            active.append(("ticker", self.ticker))
        if self.code:
            active.append(("code", self.code))
        if self.plan is not None:
            active.append(("10b5-1", "checked" if self.plan else "not checked"))
        if self.form:
            active.append(("form", self.form))
        if self.since or self.until:
            active.append(("dates", f"{self.since or ''}..{self.until or ''}"))
        if self.has_findings:
            active.append(("findings", ""))
        if self.finding_kind:
            active.append(("finding", self.finding_kind))
        if self.reviewed_by:
            active.append(("reviewed by", self.reviewed_by))
        return active

    def visible(self, ids: Sequence[str], reviewed: Collection[str]) -> list[str]:
        """``ids`` (already filtered by the store) without the reviewed ones when "unreviewed only" is on."""
        if not self.unreviewed_only:
            return list(ids)
        return [i for i in ids if i not in reviewed]

    def line(self, shown: int, total: int) -> Text:
        """'3 of 120 filings · name rabois · unreviewed'."""
        text = Text()
        text.append(f"{shown:,}" if shown == total else f"{shown:,} of {total:,}", style="bold")
        text.append(" filing" if total == 1 else " filings")
        for label, value in self.active():
            text.append(" · ")
            text.append(label, style="bold yellow")
            if value:
                text.append(f" {value}")
        return text
