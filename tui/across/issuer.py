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
from datetime import date
from decimal import Decimal
from typing import Any

import numpy as np

from tui.across.identity import identity
from tui.across.insider import point_days
from tui.across.rows import RowIndex, as_date, owner_key
from tui.across.screener import Transaction, transactions
from tui.across.totals import TradeTotals
from tui.summary import BOUGHT, SOLD

WINDOWS = (30, 90, 365)


@dataclass(frozen=True, slots=True)
class InsiderLine:
    key: str
    name: str
    cik: str | None
    role: str  # as last filed
    filings: int
    last_filed: date | None
    holdings: tuple[tuple[str, Decimal], ...]  # (security, shares owned after its latest rows)
    windows: tuple[TradeTotals, ...]  # one per window (``period``: its days)


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
    held, sums = _per_insider(index, table1, by_owner, end, windows)
    latest_of = _latest_filings(index, by_owner)
    zero = (Decimal(0),) * 4
    insiders = []
    for number, (okey, ns) in enumerate(by_owner.items()):
        latest = latest_of[number]
        who = identity(index, okey)
        insiders.append(
            InsiderLine(
                key=okey,
                name=who.names[0] if who and who.names else okey,
                cik=who.cik if who else None,
                role=next((role for k, _, role in index.info[latest].owners if k == okey), ""),
                filings=len(ns),
                last_filed=as_date(int(f["fday"][latest])),
                holdings=tuple(sorted(held.get(number, {}).items())),
                windows=tuple(TradeTotals(d, *sums.get((number, d), zero)) for d in windows),
            )
        )
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


def _latest_filings(index: RowIndex, by_owner: dict[str, list[int]]) -> list[int]:
    """Per insider (in ``by_owner``'s order) the filing filed last (the highest number on a day): one sort."""
    pair_filing = np.fromiter((n for ns in by_owner.values() for n in ns), dtype=np.int64)
    pair_owner = np.repeat(np.arange(len(by_owner)), [len(ns) for ns in by_owner.values()])
    order = np.lexsort((pair_filing, index.filings["fday"][pair_filing], pair_owner))
    owners = pair_owner[order]
    last = np.ones(len(order), dtype=bool)
    last[:-1] = owners[1:] != owners[:-1]
    return pair_filing[order][last].tolist()


def _trades(index: RowIndex, rows: np.ndarray) -> dict[Any, Any]:
    """row -> (side 0 bought / 1 sold, day, shares, value) of the open-market trades (P, S) among Table I ``rows``:
    worked out once per view, exactly as `tui.across.totals.trade_sums` counts them."""
    r = index.rows
    codes = index.vocab["codes"].codes
    out: dict[Any, Any] = {}
    traded = np.zeros(len(index), dtype=bool)  # "rows": which rows are in here, for a vectorised look-up
    for side, code in ((0, BOUGHT), (1, SOLD)):
        wanted = rows[(r["code"][rows] == codes.get(code, -1)) & (r["tx"][rows] == 1)]
        shares, prices = index.exact_many("shares", wanted), index.exact_many("price", wanted)
        for row, day, number, price in zip(wanted.tolist(), r["day"][wanted].tolist(), shares, prices, strict=True):
            if number is not None:
                out[row] = (side, day, number, number * price if price is not None else None)
                traded[row] = True
    out["rows"] = traded
    return out


def _per_insider(
    index: RowIndex, table1: np.ndarray, by_owner: dict[str, list[int]], end: date | None, windows: tuple[int, ...]
) -> tuple[dict[int, dict[str, Decimal]], dict[tuple[int, int], tuple[Decimal, Decimal, Decimal, Decimal]]]:
    """For every insider (numbered in ``by_owner``'s order) at once: the shares owned after the latest row of
    each security and ownership line, summed per security; and the bought / sold shares and values of each
    window. A joint filing's rows count for each of its owners."""
    f, r = index.filings, index.rows
    filing_of = r["f"][table1]
    order = np.argsort(filing_of, kind="stable")
    by_filing, filing_of = table1[order], filing_of[order]
    pair_filing = np.array([n for ns in by_owner.values() for n in ns], dtype=np.int64)
    pair_owner = np.repeat(np.arange(len(by_owner)), [len(ns) for ns in by_owner.values()])
    starts = np.searchsorted(filing_of, pair_filing, "left")
    counts = np.searchsorted(filing_of, pair_filing, "right") - starts
    offsets = np.repeat(starts - (np.cumsum(counts) - counts), counts) + np.arange(int(counts.sum()))
    rows, owners = by_filing[offsets], np.repeat(pair_owner, counts)
    # holdings: per (owner, security, line) the latest row, by date, then filing date, then row
    has = ~np.isnan(r["after"][rows])
    hr, ho = rows[has], owners[has]
    sec, line = r["sec"][hr], r["line"][hr]
    order = np.lexsort((hr, f["fday"][r["f"][hr]], point_days(index, hr), line, sec, ho))
    hr, ho, sec, line = hr[order], ho[order], sec[order], line[order]
    last = np.ones(len(hr), dtype=bool)
    if len(hr) > 1:
        last[:-1] = (ho[1:] != ho[:-1]) | (sec[1:] != sec[:-1]) | (line[1:] != line[:-1])
    held: dict[int, dict[str, Decimal]] = {}
    afters = index.exact_many("after", hr[last])
    for owner, security, after in zip(ho[last].tolist(), sec[last].tolist(), afters, strict=True):
        mine = held.setdefault(owner, {})
        title = index.word("securities", security)
        mine[title] = mine.get(title, Decimal(0)) + (after or Decimal(0))
    # windows: the open-market trades (few), summed per owner and window
    trades = _trades(index, table1)
    traded = trades.pop("rows")[rows]
    sums: dict[tuple[int, int], list[Decimal]] = {}
    if end is not None:
        high = end.toordinal()
        for row, owner in zip(rows[traded].tolist(), owners[traded].tolist(), strict=True):
            side, day, shares, value = trades[row]
            for days in windows:
                if high - days < day <= high:
                    total = sums.setdefault((owner, days), [Decimal(0)] * 4)
                    total[side] += shares
                    if value is not None:
                        total[side + 2] += value
    return held, {k: (v[0], v[1], v[2], v[3]) for k, v in sums.items()}


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
