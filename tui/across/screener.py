"""The transaction screener: one record per Table I / Table II transaction row across the store,
filtered and sorted on the row index (`tui.across.rows`) with vectorised masks.

Value is price x shares of a Table I row only; a Table II row (an option, an RSU) has no value (its
price is the derivative's, its shares the derivative's): its exercise value (exercise price x
underlying shares) is a column of its own. ΔOwn % is the shares traded over the holdings before the
trade (owned after minus the signed shares), as screeners define it; a position opened from nothing is
"new" (infinite).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

import numpy as np

from tui.across.identity import name_index, owner_filings
from tui.across.rows import ROLE_BITS, RowIndex, as_date
from tui.across.sort_columns import SORT_COLUMNS
from tui.store.api import ReviewState


@dataclass(frozen=True, slots=True)
class ScreenFilter:
    """Every field None (or empty) means "any"."""

    codes: tuple[str, ...] = ()
    acquired_disposed: str | None = None  # "A" or "D"
    since: dt.date | None = None  # transaction date
    until: dt.date | None = None
    filed_since: dt.date | None = None
    filed_until: dt.date | None = None
    min_value: Decimal | None = None
    max_value: Decimal | None = None
    min_price: Decimal | None = None
    max_price: Decimal | None = None
    roles: tuple[str, ...] = ()  # any of "director", "officer", "ten_percent", "other"
    title_contains: str | None = None
    plan: bool | None = None  # the 10b5-1 box
    ticker: str | None = None
    insider: str | None = None  # a CIK or a name (see tui.across.identity)
    has_findings: bool | None = None
    reviewed: bool | None = None
    table: int | None = None  # 0: Table I, 1: Table II


@dataclass(frozen=True, slots=True)
class Transaction:
    """One screener record, with the figures as filed."""

    row: int  # the row number in the index
    filing_id: str
    table: str  # "I" or "II"
    position: int  # the row's place in its table
    date: dt.date | None
    filed: dt.date | None
    ticker: str
    issuer: str
    insider: str
    role: str
    security: str
    code: str
    acquired_disposed: str
    shares: Decimal | None
    price: Decimal | None
    value: Decimal | None
    exercise_value: Decimal | None
    owned_after: Decimal | None
    delta_own: float | None  # percent; inf: a new position
    findings: int  # the review findings of the row's filing
    reviewed: bool  # the row's filing is marked reviewed


def screen(
    index: RowIndex,
    flt: ScreenFilter,
    states: Mapping[str, ReviewState] | None = None,
    sort: str = "date",
    descending: bool = True,
) -> np.ndarray:
    """Row numbers of the transactions matching ``flt``, sorted by ``sort`` (then by date, newest first)."""
    r, f = index.rows, index.filings
    mask = r["tx"] == 1
    if flt.codes:
        codes = [index.vocab["codes"].codes.get(c.strip().upper(), -1) for c in flt.codes]
        mask &= np.isin(r["code"], codes)
    if flt.acquired_disposed:
        mask &= r["ad"] == (1 if flt.acquired_disposed.strip().upper() == "A" else -1)
    if flt.table is not None:
        mask &= r["table"] == flt.table
    for column, low, high in (("value", flt.min_value, flt.max_value), ("price", flt.min_price, flt.max_price)):
        if low is not None:
            mask &= r[column] >= float(low)
        if high is not None:
            mask &= r[column] <= float(high)
    days: tuple[tuple[str, dt.date | None, dt.date | None, dict[str, np.ndarray]], ...] = (
        ("day", flt.since, flt.until, r),
        ("fday", flt.filed_since, flt.filed_until, f),
    )
    for column, first, last, arrays in days:
        if first is None and last is None:
            continue
        keep = np.ones(len(arrays[column]), dtype=bool)
        if first is not None:
            keep &= arrays[column] >= first.toordinal()
        if last is not None:
            keep &= arrays[column] <= last.toordinal()
        mask &= keep if arrays is r else keep[r["f"]]
    per_filing = _filing_mask(index, flt, states)
    if per_filing is not None:
        mask &= per_filing[r["f"]]
    return ordered_rows(index, mask, sort, descending)


def _filing_mask(index: RowIndex, flt: ScreenFilter, states: Mapping[str, ReviewState] | None) -> np.ndarray | None:
    f = index.filings
    mask: np.ndarray | None = None

    def narrow(keep: np.ndarray) -> None:
        nonlocal mask
        mask = keep if mask is None else mask & keep

    if flt.roles:
        bits = 0
        for role in flt.roles:
            bits |= ROLE_BITS[role]
        narrow((f["roles"] & bits) != 0)
    if flt.title_contains:
        needle = flt.title_contains.casefold()
        narrow(np.fromiter((needle in t for t in folded_titles(index)), dtype=bool, count=index.filing_count))
    if flt.plan is not None:
        narrow(f["plan"] == 1 if flt.plan else f["plan"] != 1)
    if flt.ticker:
        narrow(f["ticker"] == index.vocab["tickers"].codes.get(flt.ticker.strip().upper(), -1))
    if flt.insider:
        keep = np.zeros(index.filing_count, dtype=bool)
        keep[owner_filings(index, flt.insider)] = True
        narrow(keep)
    if flt.has_findings is not None:
        narrow((f["findings"] > 0) == flt.has_findings)
    if flt.reviewed is not None:
        reviewed = np.zeros(index.filing_count, dtype=bool)
        for fid, state in (states or {}).items():
            number = index.index_of(fid)
            if number is not None and state.reviewed:
                reviewed[number] = True
        narrow(reviewed == flt.reviewed)
    return mask


def warm(index: RowIndex, columns: Iterable[tuple[str, bool]] = (("delta", True), ("value", True))) -> None:
    """Make now what a first screen would otherwise make (the orders, the folded titles, the name search),
    for a background thread after the index opened."""
    for column, descending in columns:
        column_order(index, column, descending)
    folded_titles(index)
    name_index(index)


def folded_titles(index: RowIndex) -> list[str]:
    """Each filing's officer titles and other relationship text, case-folded once per index."""
    titles = index.memo.get("titles")
    if titles is None:
        titles = index.memo["titles"] = [i.titles.casefold() for i in index.info]
    return titles


def default_order(index: RowIndex) -> np.ndarray:
    """Every row, newest transaction first (then newest filed, then row number): built once per index."""
    order = index.memo.get("order")
    if order is None:
        r, f = index.rows, index.filings
        order = np.lexsort((np.arange(len(index)), -f["fday"][r["f"]].astype(np.int64), -r["day"].astype(np.int64)))
        index.memo["order"] = order
    return order


def column_order(index: RowIndex, sort: str, descending: bool = True) -> np.ndarray:
    """Every row ordered by one column (missing values last either way), ties newest first: one stable sort
    of the rows taken in the default order (`default_order`), made once per index, column and direction, so
    that a screen sorts by a mask and a gather, never by sorting its result again."""
    if sort not in SORT_COLUMNS:
        raise ValueError(f"cannot sort by {sort!r}: one of {', '.join(SORT_COLUMNS)}")
    name = f"order:{sort}:{'desc' if descending else 'asc'}"
    order = index.memo.get(name)
    if order is None:
        order = default_order(index)
        if not (sort == "date" and descending):  # the default order itself (rows without a date come last: day 0)
            key = _sort_key(index, sort, order).astype(np.float64)
            if descending:
                key = -key
            key = np.where(np.isnan(key), np.inf, key)  # missing last either way
            order = order[np.argsort(key, kind="stable")]
        order = order.astype(np.int32 if len(index) < 2**31 else np.int64)
        index.memo[name] = order
    return order


def ordered_rows(index: RowIndex, mask: np.ndarray, sort: str, descending: bool = True) -> np.ndarray:
    """The rows where ``mask`` is true, in the order of `column_order`."""
    order = column_order(index, sort, descending)
    return order[mask[order]].astype(np.int64)


def sort_rows(index: RowIndex, found: np.ndarray, sort: str, descending: bool = True) -> np.ndarray:
    """``found`` (row numbers) in the order of `column_order`."""
    wanted = np.zeros(len(index), dtype=bool)
    wanted[found] = True
    return ordered_rows(index, wanted, sort, descending)


def _sort_key(index: RowIndex, sort: str, found: np.ndarray) -> np.ndarray:
    r, f = index.rows, index.filings
    if sort == "date":
        days = r["day"][found].astype(np.float64)
        return np.where(days > 0, days, np.nan)
    if sort == "filed":
        return f["fday"][r["f"][found]]
    if sort == "ticker":
        return index.vocab["tickers"].ranks()[f["ticker"][r["f"][found]]]
    if sort == "insider":
        ranks = index.memo.get("insider_ranks")
        if ranks is None:  # each filing's first owner's name, ranked once per index
            names = [i.owners[0][1].casefold() if i.owners else "" for i in index.info]
            ranks = np.empty(len(names), dtype=np.int64)
            ranks[sorted(range(len(names)), key=names.__getitem__)] = np.arange(len(names))
            index.memo["insider_ranks"] = ranks
        return ranks[r["f"][found]]
    if sort == "security":
        return index.vocab["securities"].ranks()[r["sec"][found]]
    if sort == "code":
        return index.vocab["codes"].ranks()[r["code"][found]]
    column = {"ad": "ad", "after": "after", "table": "table"}.get(sort, sort)
    values = r[column][found].astype(np.float64)
    return np.where(np.isinf(values), np.sign(values) * 1e300, values)


def transaction(index: RowIndex, row: int, states: Mapping[str, ReviewState] | None = None) -> Transaction:
    """The record of one row, figures exact; ``states`` (the store's review states) says whether its filing
    is reviewed."""
    r, f = index.rows, index.filings
    number = int(r["f"][row])
    info = index.info[number]
    delta = float(r["delta"][row])
    return Transaction(
        row=int(row),
        filing_id=info.fid,
        table="II" if r["table"][row] else "I",
        position=int(r["pos"][row]),
        date=as_date(int(r["day"][row])),
        filed=as_date(int(f["fday"][number])),
        ticker=index.word("tickers", f["ticker"][number]),
        issuer=index.issuer_names.get(int(f["issuer"][number]), ""),
        insider="; ".join(name for _, name, _ in info.owners),
        role="; ".join(role for _, _, role in info.owners if role),
        security=index.word("securities", r["sec"][row]),
        code=index.word("codes", r["code"][row]),
        acquired_disposed={1: "A", -1: "D"}.get(int(r["ad"][row]), ""),
        shares=index.exact("shares", row),
        price=index.exact("price", row),
        value=_product(index, row, "price") if not r["table"][row] else None,
        exercise_value=index.exact("exercise_value", row),
        owned_after=index.exact("after", row),
        delta_own=None if np.isnan(delta) else delta,
        findings=int(f["findings"][number]),
        reviewed=bool((state := (states or {}).get(info.fid)) is not None and state.reviewed),
    )


def _product(index: RowIndex, row: int, column: str) -> Decimal | None:
    shares, price = index.exact("shares", row), index.exact(column, row)
    return shares * price if shares is not None and price is not None else None


def transactions(
    index: RowIndex, rows: Iterable[int], states: Mapping[str, ReviewState] | None = None
) -> list[Transaction]:
    return [transaction(index, int(r), states) for r in rows]
