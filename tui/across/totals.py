"""Shares and value bought and sold over a span: a year of an insider's history, or a window (30, 90, 365
days) of an issuer's insider. One type for both, so the views and the commands format them one way.

Bought and sold count open-market codes P and S only, and the value is shares x price over the rows
with a numeric price, exactly as the explorer's summary line counts them (`tui.summary`): a grant, an
exercise or a tax withholding is not a trade. Table I only (derivatives are not shares of the stock).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import numpy as np

from tui.across.rows import RowIndex
from tui.summary import BOUGHT, SOLD


@dataclass(frozen=True, slots=True)
class TradeTotals:
    period: int  # the year (an insider's history) or the window's length in days (an issuer's insider)
    bought: Decimal
    sold: Decimal
    bought_value: Decimal
    sold_value: Decimal

    @property
    def net(self) -> Decimal:
        return self.bought - self.sold

    @property
    def net_value(self) -> Decimal:
        return self.bought_value - self.sold_value


def trade_sums(index: RowIndex, rows: np.ndarray) -> tuple[Decimal, Decimal, Decimal, Decimal]:
    """(bought shares, sold shares, bought value, sold value) of the Table I P and S rows among ``rows``."""
    r = index.rows
    codes = index.vocab["codes"].codes
    sums = [Decimal(0)] * 4
    trades = rows[(r["tx"][rows] == 1) & (r["table"][rows] == 0)]
    for side, code in ((0, BOUGHT), (1, SOLD)):
        wanted = trades[r["code"][trades] == codes.get(code, -1)]
        for shares, price in zip(index.exact_many("shares", wanted), index.exact_many("price", wanted), strict=True):
            if shares is None:
                continue
            sums[side] += shares
            if price is not None:
                sums[side + 2] += shares * price
    return sums[0], sums[1], sums[2], sums[3]
