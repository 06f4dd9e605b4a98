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
from tui.across.insider import point_days, trade_sums
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
    # the issuer's Table I rows grouped by filing once: each insider's rows are slices of it
    filing_of = r["f"][table1]
    order = np.argsort(filing_of, kind="stable")
    by_filing, filing_of = table1[order], filing_of[order]
    insiders = []
    for okey, ns in by_owner.items():
        mine = np.array(ns, dtype=np.int64)
        starts, stops = np.searchsorted(filing_of, mine, "left"), np.searchsorted(filing_of, mine, "right")
        parts = [by_filing[a:b] for a, b in zip(starts.tolist(), stops.tolist(), strict=True) if b > a]
        own_rows = np.sort(np.concatenate(parts)) if parts else np.empty(0, dtype=np.int64)
        insiders.append(_insider_line(index, okey, mine, own_rows, end, windows))
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
    index: RowIndex, key: str, numbers: np.ndarray, rows: np.ndarray, end: date | None, windows: tuple[int, ...]
) -> InsiderLine:
    """One insider of the issuer: ``numbers`` their filings, ``rows`` the Table I rows of those filings."""
    f, r = index.filings, index.rows
    who = identity(index, key)
    latest = numbers[np.lexsort((numbers, f["fday"][numbers]))][-1]
    role = next((role for k, _, role in index.info[latest].owners if k == key), "")
    held_rows = rows[~np.isnan(r["after"][rows])]
    # the latest row of each (security, ownership line): sorted oldest first, the last one per key wins
    order = np.lexsort((held_rows, f["fday"][r["f"][held_rows]], point_days(index, held_rows)))
    held_rows = held_rows[order]
    last: dict[tuple[int, int], int] = {}
    for i, (security, line) in enumerate(zip(r["sec"][held_rows].tolist(), r["line"][held_rows].tolist(), strict=True)):
        last[(security, line)] = i
    after = index.exact_many("after", held_rows)
    held: dict[str, Decimal] = {}
    for (security, _), i in last.items():
        title = index.word("securities", security)
        held[title] = held.get(title, Decimal(0)) + (after[i] or Decimal(0))
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
