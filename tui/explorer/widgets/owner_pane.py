"""Owner & issuer: who filed, about which company, the form's boxes, signatures, the review state and
a one-line summary of the Table I transactions. Every value from the filing is shown literally."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui.explorer.widgets.labelled_rows import LabelledRows
from tui.explorer.widgets.shown import ShownFiling
from tui.formatting import format_date, format_money, format_number, format_when
from tui.model import Filing, ReportingOwner
from tui.safe_text import inert_values, shown_path
from tui.store import FilingSummary, ReviewState, Source
from tui.summary import TradeSummary, summarize

#: owners listed in the pane (a joint filing has a few; the rest are counted)
MAX_OWNERS_SHOWN = 50
LABEL_STYLE = "bold"
DIM = "dim"


def _yes_no(flag: bool | None) -> str:
    return "—" if flag is None else ("yes" if flag else "no")


def _address(owner: ReportingOwner) -> str:
    city_line = " ".join(p for p in (owner.city, owner.state, owner.zip) if p)
    parts = [p for p in (owner.street1, owner.street2, city_line, owner.country or owner.state_description) if p]
    return ", ".join(parts)


def _shares(number: Decimal) -> str:
    return format_number(number)


def summary_line(trades: TradeSummary) -> Text:
    """Per security: "Common Stock: sold 115,335 for $4,826,769.75 (avg $41.85) · C +115,335 · held after 0";
    bought/sold count codes P and S only, every other code is shown by its code."""
    text = Text()
    if trades.transactions == 0:
        text.append("No Table I transactions")
    for number, security in enumerate(trades.securities):
        if number:
            text.append("; ")
        text.append(f"{security.security}:", style="bold")
        parts = []
        for verb, shares, priced, value, average in (
            ("bought", security.bought, security.bought_priced, security.bought_value, security.average_bought_price),
            ("sold", security.sold, security.sold_priced, security.sold_value, security.average_sold_price),
        ):
            if not shares:
                continue
            if average is None:
                parts.append(f"{verb} {_shares(shares)}")
            elif priced == shares:
                parts.append(f"{verb} {_shares(shares)} for {format_money(value)} (avg {format_money(average, 4)})")
            else:  # some rows give no numeric price: the value covers the others only, and says so
                money = f"{format_money(value)}, avg {format_money(average, 4)}"
                parts.append(f"{verb} {_shares(shares)} ({_shares(priced)} priced: {money})")
        parts.extend(f"{code} {'+' if shares > 0 else ''}{_shares(shares)}" for code, shares in security.other)
        if security.held_after is not None:
            parts.append(f"held after {_shares(security.held_after)}")
        text.append(" " + " · ".join(parts))
    if trades.holdings:
        plural = "s" if trades.holdings != 1 else ""
        held = f": {_shares(trades.held_in_holdings)} shares" if trades.held_in_holdings is not None else ""
        text.append(f" · {trades.holdings} holding{plural} reported{held}")
    return text


def review_text(state: ReviewState) -> Text:
    review = Text()
    if state.reviewed:
        review.append("✓ reviewed", style="bold green")
        if state.reviewed_at:
            review.append(f" {format_when(state.reviewed_at)}")
        if state.reviewed_by:  # who: on a team store several reviewers work one queue
            review.append(f" by {state.reviewed_by}")
    else:
        review.append("not reviewed", style=DIM)
    if state.note:
        review.append("   note: ", style="bold")
        review.append(state.note)
        if state.note_by:
            review.append(f" ({state.note_by})", style=DIM)
    return review


def owner_details(
    filing_id: str,
    filing: Filing,
    summary: FilingSummary | None,
    state: ReviewState,
    sources: Sequence[Source] = (),
) -> LabelledRows:
    # nothing a filer (or a file name) holds acts on the terminal (`tui.safe_text`; the filing
    # itself comes inert from the explorer's loader, made so once in its worker)
    summary, state, sources = inert_values((summary, state, tuple(sources)))
    rows: list[tuple[Text, Text]] = []

    def row(label: str, value: Text | str) -> None:
        rows.append((Text(label, style=LABEL_STYLE), value if isinstance(value, Text) else Text(value)))

    form = Text(filing.form, style="bold")
    if filing.is_amendment:
        form.append(" (amendment)", style="bold yellow")
    period = format_date(filing.period_of_report)
    form.append(f"   period {period or '—'}")
    if filing.filed_date:
        form.append(f"   filed {format_date(filing.filed_date)}")
    row("Form", form)
    if filing.date_of_original_submission:
        row("Amends", Text(f"original filed {format_date(filing.date_of_original_submission)}"))
    issuer = Text()
    issuer.append(filing.issuer.name or "(no issuer name)", style="bold")
    issuer.append(f"   ticker {filing.issuer.ticker or '—'}   CIK {filing.issuer.cik or '—'}")
    row("Issuer", issuer)
    # what a reviewer looks for first: the review state and what was traded, then who filed
    row("Review", review_text(state))
    row("Summary", summary_line(summarize(filing)))
    # a joint filing's printout or page prints one relationship box for the filing: it does not say
    # which owner is what
    joint_box = filing.relationship if len(filing.owners) > 1 else None
    for number, owner in enumerate(filing.owners[:MAX_OWNERS_SHOWN], start=1):
        label = f"Owner {number}" if len(filing.owners) > 1 else "Owner"
        name = Text()
        name.append(owner.name or "(no name)", style="bold")
        name.append(f"   CIK {owner.cik or '—'}")
        row(label, name)
        address = _address(owner)
        if address:
            row("", Text(address))
        if owner.relationship or joint_box is None:
            row("", Text(owner.relationship or "(no relationship given)", style="italic"))
    if len(filing.owners) > MAX_OWNERS_SHOWN:  # a 30,000-owner filing must not freeze every key
        row("", Text(f"… and {len(filing.owners) - MAX_OWNERS_SHOWN:,} more owners (`form4 show` lists all)"))
    if joint_box is not None:
        box = Text(joint_box.describe() or "(no box checked)", style="italic")
        box.append("   for the filing as a whole", style=DIM)
        row("Relationship", box)
    if not filing.owners:
        row("Owner", Text("(no reporting owner)", style="italic"))
    boxes = Text()
    boxes.append(f"10b5-1 plan: {_yes_no(filing.aff10b5_one)}")
    boxes.append(f"   No longer subject to Section 16: {_yes_no(filing.not_subject_to_section16)}")
    if filing.no_securities_owned:
        boxes.append("   No securities beneficially owned")
    row("Boxes", boxes)
    for signature in filing.signatures:
        signed = Text(signature.name or "(no name)")
        if signature.date:
            signed.append(f"   {format_date(signature.date)}")
        row("Signed", signed)
    if filing.accession_number:
        row("Accession", Text(filing.accession_number))
    source = Text(f"id {filing_id}", style=DIM)
    if summary is not None and summary.source_format:
        source.append(f"   from {summary.source_format}", style=DIM)
    row("Store", source)
    for number, origin in enumerate(sources):
        # the file and its folder: enough to find it, and the same on every machine
        where = Path(origin.path)
        shown = shown_path(f"…/{where.parent.name}/{where.name}" if where.parent.name else where.name)
        row("Source" if number == 0 else "", Text(f"{shown} ({origin.format})", style=DIM))
    return LabelledRows(rows)


class OwnerPane(VerticalScroll, can_focus=True):
    """The filing's header facts; scrolls when there are many owners (z: the whole screen)."""

    ALLOW_MAXIMIZE = True

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="pane")
        self.border_title = "Owner & issuer"
        self._details = Static(Text("Loading…"), id="owner-details")
        self._filing_id: str | None = None

    def compose(self) -> ComposeResult:
        yield self._details

    def show(
        self,
        filing_id: str,
        filing: Filing,
        summary: FilingSummary | None,
        state: ReviewState,
        sources: Sequence[Source] = (),
    ) -> None:
        if filing_id != self._filing_id:
            self.scroll_home(animate=False, immediate=True)  # each filing opens at its top
            self._filing_id = filing_id
        self._details.update(owner_details(filing_id, filing, summary, state, sources))
        self.border_subtitle = Text(f"{len(filing.owners)} owners") if len(filing.owners) > 1 else ""

    def show_filing(self, shown: ShownFiling) -> None:
        self.show(shown.id, shown.filing, shown.summary, shown.state, shown.sources)

    def show_nothing(self, message: str = "") -> None:
        self.show_message(message)

    def show_message(self, message: str) -> None:
        self._filing_id = None
        self._details.update(Text(message))
        self.border_subtitle = ""
