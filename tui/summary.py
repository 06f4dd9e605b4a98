"""The one-line summary of a filing's Table I transactions: what the insider bought or sold, for how
much, and what they hold afterwards. Pure model code (imports only tui.model); numbers are Decimal."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from tui.model import Filing, Row


@dataclass(frozen=True, slots=True)
class TradeSummary:
    transactions: int
    acquired: Decimal  # shares with (A)
    disposed: Decimal  # shares with (D)
    acquired_value: Decimal  # shares x price, over acquisitions with a numeric price
    disposed_value: Decimal
    acquired_priced: Decimal  # shares of acquisitions that have a numeric price
    disposed_priced: Decimal
    held_after: Decimal | None  # shares owned after the last transaction of each holding line, summed
    holdings: int = 0  # Table I holding rows (no transaction)
    held_in_holdings: Decimal | None = None  # shares those holding rows report, summed

    @property
    def net(self) -> Decimal:
        return self.acquired - self.disposed

    @property
    def total_value(self) -> Decimal:
        return self.acquired_value + self.disposed_value

    @property
    def average_price(self) -> Decimal | None:
        """The weighted average price over every priced transaction (shares-weighted)."""
        priced = self.acquired_priced + self.disposed_priced
        return self.total_value / priced if priced else None

    @property
    def average_acquired_price(self) -> Decimal | None:
        return self.acquired_value / self.acquired_priced if self.acquired_priced else None

    @property
    def average_disposed_price(self) -> Decimal | None:
        return self.disposed_value / self.disposed_priced if self.disposed_priced else None


def summarize(filing: Filing) -> TradeSummary:
    acquired = disposed = Decimal(0)
    acquired_value = disposed_value = Decimal(0)
    acquired_priced = disposed_priced = Decimal(0)
    count = 0
    last_following: dict[tuple[str, str, str], Decimal] = {}
    holdings = 0
    held_in_holdings: Decimal | None = None
    for row in filing.non_derivative:
        if row.kind != "transaction":
            holdings += 1
            held = row.shares_owned_following.value if row.shares_owned_following is not None else None
            if held is not None:
                held_in_holdings = (held_in_holdings or Decimal(0)) + held
            continue
        count += 1
        shares = _number(row)
        price = row.price.value if row.price is not None else None
        direction = (row.acquired_disposed or "").strip().upper()
        if shares is not None and direction == "A":
            acquired += shares
            if price is not None:
                acquired_priced += shares
                acquired_value += shares * price
        elif shares is not None and direction == "D":
            disposed += shares
            if price is not None:
                disposed_priced += shares
                disposed_value += shares * price
        following = row.shares_owned_following.value if row.shares_owned_following is not None else None
        if following is not None:
            key = (
                " ".join((row.security_title or "").split()).casefold(),
                (row.direct_indirect or "").upper(),
                " ".join((row.nature_of_ownership or "").split()).casefold(),
            )
            last_following[key] = following
    return TradeSummary(
        transactions=count,
        acquired=acquired,
        disposed=disposed,
        acquired_value=acquired_value,
        disposed_value=disposed_value,
        acquired_priced=acquired_priced,
        disposed_priced=disposed_priced,
        held_after=sum(last_following.values(), Decimal(0)) if last_following else None,
        holdings=holdings,
        held_in_holdings=held_in_holdings,
    )


def _number(row: Row) -> Decimal | None:
    return row.shares.value if row.shares is not None else None
