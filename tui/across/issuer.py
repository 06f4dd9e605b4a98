"""An issuer's insiders: each with their role, their last known holdings per security, and what they
bought and sold over the last 30/90/365 days; and the issuer's cluster buys.

The windows end at ``as_of``: by default the issuer's latest transaction date in the store (a store of
old filings would otherwise show nothing), else the date given.

A cluster buy is ``min_insiders`` or more distinct insiders with open-market purchases (code P, Table
I) within ``window`` days: from the earliest purchase not yet in a cluster, every purchase up to
``window`` days later; if they come from enough insiders they are a cluster and the search goes on
after them, else it starts again from the next purchase. An insider is a filing's first reporting
owner: the entities of one joint filing (a fund and its general partner) are one insider, not three.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import numpy as np

from tui.across.identity import identity
from tui.across.insider import point_day, trade_sums
from tui.across.rows import RowIndex, as_date, owner_key
from tui.across.screener import Transaction, transactions
from tui.summary import BOUGHT

WINDOWS = (30, 90, 365)


@dataclass(frozen=True, slots=True)
class WindowTotals:
    days: int
    bought: Decimal
    sold: Decimal
    bought_value: Decimal
    sold_value: Decimal

    @property
    def net(self) -> Decimal:
        return self.bought - self.sold


@dataclass(frozen=True, slots=True)
class InsiderLine:
    key: str
    name: str
    cik: str | None
    role: str  # as last filed
    filings: int
    last_filed: date | None
    holdings: tuple[tuple[str, Decimal], ...]  # (security, shares owned after its latest rows)
    windows: tuple[WindowTotals, ...]


@dataclass(frozen=True, slots=True)
class Cluster:
    start: date
    end: date
    insiders: tuple[str, ...]  # names
    transactions: tuple[Transaction, ...]


@dataclass(frozen=True, slots=True)
class IssuerView:
    cik: str
    name: str
    ticker: str
    as_of: date | None
    filings: int
    insiders: tuple[InsiderLine, ...]
    clusters: tuple[Cluster, ...]


def issuer_codes(index: RowIndex, key: str) -> list[int]:
    """Issuer codes a ticker or an issuer CIK names."""
    key = key.strip()
    f = index.filings
    digits = key.upper().removeprefix("CIK").strip()
    if digits.isdigit():
        code = index.vocab["issuers"].codes.get(digits.lstrip("0"))
        return [code] if code is not None else []
    ticker = index.vocab["tickers"].codes.get(key.upper())
    if ticker is None:
        return []
    return sorted({int(c) for c in np.unique(f["issuer"][f["ticker"] == ticker])})


def issuer_view(
    index: RowIndex,
    key: str,
    *,
    as_of: date | None = None,
    windows: tuple[int, ...] = WINDOWS,
    cluster_window: int = 30,
    cluster_min: int = 3,
) -> IssuerView | None:
    codes = issuer_codes(index, key)
    if not codes:
        return None
    f, r = index.filings, index.rows
    numbers = np.flatnonzero(np.isin(f["issuer"], codes))
    rows = index.rows_of_filings(numbers)
    table1 = rows[r["table"][rows] == 0]
    tx_days = r["day"][table1][r["tx"][table1] == 1]
    end = as_of or (as_date(int(tx_days.max())) if len(tx_days) else None)
    newest = numbers[np.argmax(f["fday"][numbers])]
    by_owner: dict[str, list[int]] = {}
    for n in numbers.tolist():
        for okey in dict.fromkeys(k for k, _, _ in index.info[n].owners):
            by_owner.setdefault(okey, []).append(n)
    insiders = [_insider_line(index, okey, np.array(ns), end, windows) for okey, ns in by_owner.items()]
    insiders.sort(key=lambda i: (-(i.last_filed or date.min).toordinal(), i.name.casefold()))
    return IssuerView(
        cik=index.word("issuers", f["issuer"][newest]),
        name=index.issuer_names.get(int(f["issuer"][newest]), ""),
        ticker=index.word("tickers", f["ticker"][newest]),
        as_of=end,
        filings=len(numbers),
        insiders=tuple(insiders),
        clusters=cluster_buys(index, table1, cluster_window, cluster_min),
    )


def _insider_line(
    index: RowIndex, key: str, numbers: np.ndarray, end: date | None, windows: tuple[int, ...]
) -> InsiderLine:
    f, r = index.filings, index.rows
    who = identity(index, key)
    latest = numbers[np.lexsort((numbers, f["fday"][numbers]))][-1]
    role = next((role for k, _, role in index.info[latest].owners if k == key), "")
    rows = index.rows_of_filings(numbers)
    rows = rows[r["table"][rows] == 0]
    last: dict[tuple[int, int], tuple[tuple[int, int, int], int]] = {}  # (security, line) -> (order, row)
    for row in rows.tolist():
        if np.isnan(r["after"][row]):
            continue
        order = (point_day(index, row), int(f["fday"][r["f"][row]]), row)
        slot = (int(r["sec"][row]), int(r["line"][row]))
        if slot not in last or last[slot][0] < order:
            last[slot] = (order, row)
    held: dict[str, Decimal] = {}
    for (security, _), (_, row) in last.items():
        title = index.word("securities", security)
        held[title] = held.get(title, Decimal(0)) + (index.exact("after", row) or Decimal(0))
    totals = []
    for days in windows:
        if end is None:
            totals.append(WindowTotals(days, *(Decimal(0),) * 4))
            continue
        low = (end - timedelta(days=days)).toordinal()
        inside = rows[(r["day"][rows] > low) & (r["day"][rows] <= end.toordinal())]
        totals.append(WindowTotals(days, *trade_sums(index, inside)))
    return InsiderLine(
        key=key,
        name=who.names[0] if who and who.names else key,
        cik=who.cik if who else None,
        role=role,
        filings=len(numbers),
        last_filed=as_date(int(f["fday"][latest])),
        holdings=tuple(sorted(held.items())),
        windows=tuple(totals),
    )


def cluster_buys(index: RowIndex, rows: np.ndarray, window: int = 30, min_insiders: int = 3) -> tuple[Cluster, ...]:
    """The cluster buys among ``rows`` (see the module docstring)."""
    r = index.rows
    code = index.vocab["codes"].codes.get(BOUGHT, -1)
    buys = rows[(r["code"][rows] == code) & (r["tx"][rows] == 1) & (r["table"][rows] == 0) & (r["day"][rows] > 0)]
    buys = buys[np.lexsort((buys, r["day"][buys]))].tolist()

    def insider(row: int) -> str:
        owners = index.info[int(r["f"][row])].owners
        return owners[0][0] if owners else owner_key(None, "")

    clusters = []
    start = 0
    while start < len(buys):
        first_day = int(r["day"][buys[start]])
        stop = start
        while stop < len(buys) and int(r["day"][buys[stop]]) - first_day <= window:
            stop += 1
        members = buys[start:stop]
        who = list(dict.fromkeys(insider(row) for row in members))
        if len(who) >= min_insiders:
            names = tuple(i.names[0] if (i := identity(index, k)) and i.names else k for k in who)
            days = [int(r["day"][row]) for row in members]
            clusters.append(
                Cluster(
                    date.fromordinal(min(days)), date.fromordinal(max(days)), names, tuple(transactions(index, members))
                )
            )
            start = stop
        else:
            start += 1
    return tuple(clusters)
