"""Asks what to get from EDGAR: tickers or CIKs, or a day; a date range, the forms, amendments, and the
User-Agent (EDGAR's rule: a name and an e-mail address). Dismisses with a `FetchOrder`, or None on escape.
What was typed is checked by `read_order`, a plain function, and a mistake is said in the dialog."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Static

from tui.fetch.config import UserAgentError, check_user_agent, resolve_user_agent
from tui.fetch.run import FetchRequest


@dataclass(frozen=True, slots=True)
class FetchOrder:
    request: FetchRequest
    user_agent: str


class OrderError(ValueError):
    """What is wrong with what was typed, in one line."""


def _day(text: str, label: str) -> date | None:
    text = text.strip().lower()
    if not text:
        return None
    if text in ("today", "yesterday"):
        return date.today() - timedelta(days=text == "yesterday")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise OrderError(f"{label}: {text!r} is not a date (YYYY-MM-DD, today or yesterday)") from None


def read_order(
    targets: str, day: str, since: str, until: str, forms: str, amendments: bool, user_agent: str
) -> FetchOrder:
    """The order the dialog's fields describe, or OrderError saying what to fix."""
    chosen = tuple(f.strip().upper().removesuffix("/A") for f in forms.replace(" ", ",").split(",") if f.strip())
    if not chosen or any(f not in ("3", "4", "5") for f in chosen):
        raise OrderError("Forms: 3, 4 and/or 5, separated by commas")
    the_day = _day(day, "Day")
    try:
        request = FetchRequest(
            targets=tuple(targets.replace(",", " ").split()),
            days=(the_day,) if the_day else (),
            since=_day(since, "Since"),
            until=_day(until, "Until"),
            forms=chosen,
            amendments=amendments,
        )
    except ValueError as exc:
        raise OrderError(str(exc).replace("--since", "Since").replace("--until", "until")) from None
    if not user_agent.strip():
        raise OrderError("User-Agent: EDGAR wants your name and e-mail address, e.g. Jane Doe jane@example.com")
    try:
        agent = check_user_agent(user_agent, "the User-Agent field")
    except UserAgentError as exc:
        raise OrderError(str(exc)) from None
    return FetchOrder(request, agent)


def known_user_agent() -> str:
    """The User-Agent the command line would use ($FORM4_USER_AGENT or the config file), if any."""
    try:
        return resolve_user_agent(None)
    except UserAgentError:
        return ""


class FetchDialog(ModalScreen[FetchOrder | None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, user_agent: str = "") -> None:
        super().__init__(id="fetch-dialog", classes="prompt-dialog")
        self._user_agent = user_agent

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = Text("Get filings from EDGAR")
            yield Static(
                Text(
                    "Tickers or CIKs (issuers or reporting owners), or a day: every Form 3/4/5 filed that day. "
                    "Filings already in the store are not downloaded again."
                ),
                classes="dialog-hint",
            )
            yield from self._field("Tickers / CIKs", "fetch-targets", "TSLA AAPL 1494730")
            yield from self._field("Day", "fetch-day", "YYYY-MM-DD, today, yesterday")
            with Horizontal(classes="fetch-row"):
                yield Label("Since", classes="fetch-label")
                yield Input(placeholder="YYYY-MM-DD", id="fetch-since", classes="fetch-date")
                yield Label("Until", classes="fetch-label-short")
                yield Input(placeholder="YYYY-MM-DD", id="fetch-until", classes="fetch-date")
            with Horizontal(classes="fetch-row"):
                yield Label("Forms", classes="fetch-label")
                yield Input(value="3,4,5", id="fetch-forms", classes="fetch-date")
                yield Checkbox("amendments (3/A, 4/A, 5/A)", value=True, id="fetch-amendments")
            yield from self._field("User-Agent", "fetch-user-agent", "your name and e-mail address", self._user_agent)
            yield Static(Text(""), id="fetch-error")
            with Horizontal(classes="fetch-row fetch-buttons"):
                yield Button("Fetch", variant="primary", id="fetch-go")
            yield Static(Text("enter: fetch   tab: next field   escape: cancel"), classes="dialog-keys")

    @staticmethod
    def _field(label: str, id: str, placeholder: str, value: str = "") -> ComposeResult:
        with Horizontal(classes="fetch-row"):
            yield Label(label, classes="fetch-label")
            yield Input(value=value, placeholder=placeholder, id=id, classes="fetch-input")

    def _value(self, id: str) -> str:
        return self.query_one(f"#{id}", Input).value

    def _submit(self) -> None:
        try:
            order = read_order(
                self._value("fetch-targets"),
                self._value("fetch-day"),
                self._value("fetch-since"),
                self._value("fetch-until"),
                self._value("fetch-forms"),
                self.query_one("#fetch-amendments", Checkbox).value,
                self._value("fetch-user-agent"),
            )
        except OrderError as exc:
            self.query_one("#fetch-error", Static).update(Text(str(exc)))
            return
        self.dismiss(order)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self._submit()

    def action_cancel(self) -> None:
        self.dismiss(None)
