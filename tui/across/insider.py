"""An insider's history across issuers: every filing of one identity newest first, the holdings of each
issuer and security over time (the shares owned after each row, by date), and the shares and value
bought and sold by year.

Bought and sold are counted as `tui.across.totals` says (open-market P and S, Table I).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import numpy as np

from tui.across.identity import Identity
from tui.across.rows import RowIndex, as_date
from tui.across.totals import TradeTotals, trade_sums
from tui.store.api import ReviewState


@dataclass(frozen=True, slots=True)
class FilingLine:
    filing_id: str
    date: date | None
    form: str
    ticker: str
    issuer: str
    owners: str
    role: str  # this insider's relationship as filed
    transactions: int
    findings: int
    reviewed: bool


@dataclass(frozen=True, slots=True)
class HoldingPoint:
    """One row's shares owned after it (a transaction, or a holding line: then the filing's date)."""

    date: date | None
    filing_id: str
    row: int  # in the index
    position: int  # in Table I
    line: str  # direct/indirect and nature of ownership ("D", "I By Trust")
    code: str  # "" for a holding line
    acquired_disposed: str
    shares: Decimal | None
    owned_after: Decimal | None


@dataclass(frozen=True, slots=True)
class HoldingSeries:
    ticker: str
    issuer: str
    security: str
    points: tuple[HoldingPoint, ...]  # oldest first

    @property
    def lines(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(p.line for p in self.points))


@dataclass(frozen=True, slots=True)
class InsiderHistory:
    identity: Identity
    filings: tuple[FilingLine, ...]  # newest first
    holdings: tuple[HoldingSeries, ...]
    years: tuple[TradeTotals, ...]  # by year (``period``), oldest first


def insider_history(index: RowIndex, who: Identity, states: Mapping[str, ReviewState] | None = None) -> InsiderHistory:
    numbers = index.filings_of_owner(who.key)
    f, r = index.filings, index.rows
    order = numbers[np.lexsort((-numbers, -f["fday"][numbers]))]
    rows = index.rows_of_filings(order)
    tx_count = np.bincount(r["f"][rows], weights=r["tx"][rows], minlength=index.filing_count)
    states = states or {}
    words = {name: index.vocab[name].words for name in ("forms", "tickers")}
    dates = _dates(f["fday"][order])
    lines = []
    columns = (f["form"][order].tolist(), f["ticker"][order].tolist(), f["issuer"][order].tolist(),
               tx_count[order].tolist(), f["findings"][order].tolist())  # fmt: skip
    for i, (n, form, ticker, issuer, txs, found) in enumerate(zip(order.tolist(), *columns, strict=True)):
        info = index.info[n]
        state = states.get(info.fid)
        lines.append(
            FilingLine(
                filing_id=info.fid,
                date=dates[i],
                form=words["forms"][form],
                ticker=words["tickers"][ticker],
                issuer=index.issuer_names.get(issuer, ""),
                owners="; ".join(name for _, name, _ in info.owners),
                role="; ".join(dict.fromkeys(role for key, _, role in info.owners if key == who.key and role)),
                transactions=int(txs),
                findings=int(found),
                reviewed=bool(state and state.reviewed),
            )
        )
    table1 = rows[r["table"][rows] == 0]
    return InsiderHistory(who, tuple(lines), holdings_series(index, table1), year_totals(index, table1))


def _dates(ordinals: np.ndarray) -> list[date | None]:
    """`as_date` of many day numbers, each distinct day made once."""
    made = {d: as_date(d) for d in np.unique(ordinals).tolist()}
    return [made[d] for d in ordinals.tolist()]


def point_day(index: RowIndex, row: int) -> int:
    """A row's date: its transaction date, else (a holding line) its filing's period of report."""
    day = int(index.rows["day"][row])
    return day if day > 0 else int(index.filings["pday"][index.rows["f"][row]])


def point_days(index: RowIndex, rows: np.ndarray) -> np.ndarray:
    """:func:`point_day` of many rows."""
    days = index.rows["day"][rows]
    return np.where(days > 0, days, index.filings["pday"][index.rows["f"][rows]])


def holdings_series(index: RowIndex, rows: np.ndarray) -> tuple[HoldingSeries, ...]:
    """Per issuer and security, the points of ``rows`` (Table I rows) oldest first, in filing order on a day."""
    r, f = index.rows, index.filings
    numbers = r["f"][rows]
    order = np.lexsort((rows, numbers, f["fday"][numbers], point_days(index, rows)))
    rows = rows[order]
    numbers = numbers[order]
    days = point_days(index, rows)
    dates = _dates(days)
    issuers, securities = f["issuer"][numbers].tolist(), r["sec"][rows].tolist()
    tickers, lines, codes = f["ticker"][numbers].tolist(), r["line"][rows].tolist(), r["code"][rows].tolist()
    tx, ads, positions = r["tx"][rows].tolist(), r["ad"][rows].tolist(), r["pos"][rows].tolist()
    shares, after = index.exact_many("shares", rows), index.exact_many("after", rows)
    words = {name: index.vocab[name].words for name in ("lines", "codes", "tickers", "securities")}
    groups: dict[tuple[int, int], list[HoldingPoint]] = {}
    last_ticker: dict[tuple[int, int], int] = {}
    fids = [index.info[n].fid for n in numbers.tolist()]
    sides = {1: "A", -1: "D", 0: ""}
    for i, row in enumerate(rows.tolist()):
        key = (issuers[i], securities[i])
        groups.setdefault(key, []).append(
            HoldingPoint(
                date=dates[i],
                filing_id=fids[i],
                row=row,
                position=positions[i],
                line=words["lines"][lines[i]],
                code=words["codes"][codes[i]] if tx[i] else "",
                acquired_disposed=sides[ads[i]],
                shares=shares[i],
                owned_after=after[i],
            )
        )
        last_ticker[key] = tickers[i]
    out = [
        HoldingSeries(
            words["tickers"][last_ticker[key]],
            index.issuer_names.get(key[0], ""),
            words["securities"][key[1]],
            tuple(points),
        )
        for key, points in groups.items()
    ]
    return tuple(sorted(out, key=lambda s: (s.ticker or s.issuer, s.security)))


def year_totals(index: RowIndex, rows: np.ndarray) -> tuple[TradeTotals, ...]:
    rows = rows[index.rows["tx"][rows] == 1]
    days = point_days(index, rows)
    rows, days = rows[days > 0], days[days > 0]
    years = np.array([date.fromordinal(d).year for d in days.tolist()], dtype=np.int32)
    out = []
    for year in sorted(set(years.tolist())):
        bought, sold, bought_value, sold_value = trade_sums(index, rows[years == year])
        out.append(TradeTotals(year, bought, sold, bought_value, sold_value))
    return tuple(out)
