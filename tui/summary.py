"""The summary of a filing's Table I transactions, per security: what the insider bought and sold in the
open market (codes P and S: shares, value, weighted average price), the other transactions by code
(a grant, an exercise, a reclassification are not trades), and what they hold afterwards.

Share classes are never added together (LinkedIn's Class A and Class B are two securities). Pure model
code (imports only tui.model); numbers are Decimal."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from tui.model import Filing, Row

#: the codes counted as buying and selling (open market or private purchase / sale)
BOUGHT, SOLD = "P", "S"


@dataclass(frozen=True, slots=True)
class SecuritySummary:
    security: str
    bought: Decimal = Decimal(0)  # shares, code P
    sold: Decimal = Decimal(0)  # shares, code S
    bought_value: Decimal = Decimal(0)  # shares x price over the P rows with a numeric price
    sold_value: Decimal = Decimal(0)
    bought_priced: Decimal = Decimal(0)  # shares of the P rows with a numeric price
    sold_priced: Decimal = Decimal(0)
    #: every other code: (code, shares signed by (A)/(D)), summed per code, in the order filed
    other: tuple[tuple[str, Decimal], ...] = ()
    held_after: Decimal | None = None  # shares owned after the last transaction of each holding line

    @property
    def average_bought_price(self) -> Decimal | None:
        return self.bought_value / self.bought_priced if self.bought_priced else None

    @property
    def average_sold_price(self) -> Decimal | None:
        return self.sold_value / self.sold_priced if self.sold_priced else None


@dataclass(frozen=True, slots=True)
class TradeSummary:
    transactions: int
    securities: tuple[SecuritySummary, ...] = ()  # the securities with transactions, in the order filed
    holdings: int = 0  # Table I holding rows (no transaction)
    held_in_holdings: Decimal | None = None  # shares those holding rows report, summed

    def security(self, title: str) -> SecuritySummary:
        return next(s for s in self.securities if s.security == title)


class _Security:
    def __init__(self, title: str) -> None:
        self.title = title
        self.sides = {BOUGHT: [Decimal(0)] * 3, SOLD: [Decimal(0)] * 3}  # shares, value, priced shares
        self.other: dict[str, Decimal] = {}
        self.following: dict[tuple[str, str], Decimal] = {}

    def add(self, row: Row) -> None:
        shares = row.shares.value if row.shares is not None else None
        price = row.price.value if row.price is not None else None
        code = (row.code or "").strip().upper() or "?"
        if shares is not None and code in self.sides:
            side = self.sides[code]
            side[0] += shares
            if price is not None:
                side[1] += shares * price
                side[2] += shares
        elif shares is not None:
            sign = -1 if (row.acquired_disposed or "").strip().upper() == "D" else 1
            self.other[code] = self.other.get(code, Decimal(0)) + sign * shares
        following = row.shares_owned_following.value if row.shares_owned_following is not None else None
        if following is not None:
            key = ((row.direct_indirect or "").upper(), " ".join((row.nature_of_ownership or "").split()).casefold())
            self.following[key] = following

    def summary(self) -> SecuritySummary:
        (bought, bought_value, bought_priced), (sold, sold_value, sold_priced) = self.sides[BOUGHT], self.sides[SOLD]
        return SecuritySummary(
            security=self.title,
            bought=bought,
            sold=sold,
            bought_value=bought_value,
            sold_value=sold_value,
            bought_priced=bought_priced,
            sold_priced=sold_priced,
            other=tuple(self.other.items()),
            held_after=sum(self.following.values(), Decimal(0)) if self.following else None,
        )


def summarize(filing: Filing) -> TradeSummary:
    securities: dict[str, _Security] = {}
    count = holdings = 0
    held_in_holdings: Decimal | None = None
    for row in filing.non_derivative:
        if row.kind != "transaction":
            holdings += 1
            held = row.shares_owned_following.value if row.shares_owned_following is not None else None
            if held is not None:
                held_in_holdings = (held_in_holdings or Decimal(0)) + held
            continue
        count += 1
        title = " ".join((row.security_title or "").split()) or "(no security title)"
        key = title.casefold()
        if key not in securities:
            securities[key] = _Security(title)
        securities[key].add(row)
    return TradeSummary(
        transactions=count,
        securities=tuple(s.summary() for s in securities.values()),
        holdings=holdings,
        held_in_holdings=held_in_holdings,
    )
