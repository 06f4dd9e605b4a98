"""The row index: every Table I / Table II row of the store in columnar numpy arrays, with one entry per
filing beside them, so that a filter over a million rows is a few vectorised comparisons, not a loop.

Numbers are kept as float64 for filtering and sorting; the exact figure as filed comes back with
:func:`exact` (a decimal of up to 15 significant digits survives a float64 round trip through ``repr``;
a longer one is kept aside as text). Dates are proleptic ordinals (0: none). Strings are codes into
vocabularies. Built from the interchange dict of each filing (`tui.interchange`) and the store's summary.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Any

import numpy as np

from tui.model import Amount, FiledDate, Relationship
from tui.store.api import FilingSummary

_INF = float("inf")
_NAN = float("nan")
_SIDES = {"A": 1, "D": -1}
#: role bits of a filing (any of its owners)
DIRECTOR, OFFICER, TEN_PERCENT, OTHER = 1, 2, 4, 8
ROLE_BITS = {"director": DIRECTOR, "officer": OFFICER, "ten_percent": TEN_PERCENT, "other": OTHER}

ROW_FLOATS = ("shares", "price", "after", "value", "exercise_value", "delta")
_ROW_ORDER = ("f", "table", "pos", "tx", "code", "ad", "day", "sec", "line")
ROW_INTS = {"f": np.int32, "table": np.int8, "pos": np.int16, "tx": np.int8, "code": np.int16, "ad": np.int8,
            "day": np.int32, "sec": np.int32, "line": np.int32}  # fmt: skip
FILING_INTS = {"fday": np.int32, "pday": np.int32, "ticker": np.int32, "issuer": np.int32, "roles": np.uint8,
               "plan": np.int8, "findings": np.int32, "form": np.int16, "iname": np.int32}  # fmt: skip


def owner_key(cik: str | None, name: str | None) -> str:
    """An insider's identity: ``cik:1234`` (leading zeros dropped), else ``name:<folded name>``."""
    number = (cik or "").strip().lstrip("0")
    if number:
        return f"cik:{number}"
    return "name:" + " ".join((name or "").split()).casefold()


def fingerprint(summary: FilingSummary) -> str:
    """What changes when a stored filing is replaced (a richer source) or re-dated."""
    return f"{summary.form}|{summary.date}|{summary.source_format}|{summary.source_rank}|{summary.rows}"


def doc_fingerprint(doc: Mapping[str, Any]) -> str:
    """:func:`fingerprint` of a summary document (`FilingSummary.from_doc` of it gives the same); called once
    per stored filing at each open, so kept to one f-string."""
    get = doc.get
    form, day, fmt = get("form") or "?", get("date") or "", get("source_format") or ""
    return f"{form}|{day}|{fmt}|{get('source_rank') or 0}|{get('rows') or 0}"


@lru_cache(maxsize=65536)
def day_of(text: str | None) -> int:
    if not text:
        return 0
    value = FiledDate(text).value
    return value.toordinal() if value else 0


@lru_cache(maxsize=262144)
def _number(text: str | None) -> Decimal | None:
    return Amount(text).value if text else None


class Vocab:
    """Strings as small integer codes (0 is the empty string)."""

    def __init__(self, words: Iterable[str] = ("",)) -> None:
        self.words: list[str] = list(words)
        self.codes: dict[str, int] = {w: i for i, w in enumerate(self.words)}

    def code(self, word: str | None) -> int:
        word = word or ""
        found = self.codes.get(word)
        if found is None:
            found = self.codes[word] = len(self.words)
            self.words.append(word)
        return found

    def ranks(self) -> np.ndarray:
        """Sort rank of each code (case-insensitive), for sorting by a string column."""
        order = sorted(range(len(self.words)), key=lambda i: (self.words[i].casefold(), self.words[i]))
        ranks = np.empty(len(self.words), dtype=np.int32)
        ranks[order] = np.arange(len(self.words), dtype=np.int32)
        return ranks


@dataclass(slots=True)
class FilingInfo:
    """Per filing: what the views show that the arrays do not hold."""

    fid: str
    owners: tuple[tuple[str, str, str], ...]  # (key, name, relationship) per reporting owner
    titles: str  # officer titles and other text, for "title contains"
    fingerprint: str


VOCABS = ("codes", "securities", "lines", "tickers", "issuers", "forms", "inames")


@dataclass
class RowIndex:
    """Columns of rows (``rows``), columns of filings (``filings``) and per-filing details (``info``)."""

    rows: dict[str, np.ndarray]
    filings: dict[str, np.ndarray]
    info: list[FilingInfo]
    vocab: dict[str, Vocab]
    issuer_names: dict[int, str] = field(default_factory=dict)  # issuer code -> its newest filing's name
    exact_text: dict[tuple[str, int], str] = field(default_factory=dict)  # (column, row) -> digits beyond float64
    memo: dict[str, Any] = field(default_factory=dict)  # derived lookups (tui.across.identity)
    _by_fid: dict[str, int] | None = None
    _by_owner: dict[str, np.ndarray] | None = None

    def __len__(self) -> int:
        return len(self.rows["f"])

    @property
    def filing_count(self) -> int:
        return len(self.info)

    def index_of(self, fid: str) -> int | None:
        if self._by_fid is None:
            self._by_fid = {info.fid: i for i, info in enumerate(self.info)}
        return self._by_fid.get(fid)

    def filings_of_owner(self, key: str) -> np.ndarray:
        """Filing numbers of one insider (by identity key), in index order."""
        if self._by_owner is None:
            lists: dict[str, list[int]] = {}
            for i, info in enumerate(self.info):
                for okey in dict.fromkeys(k for k, _, _ in info.owners):
                    lists.setdefault(okey, []).append(i)
            self._by_owner = {k: np.array(v, dtype=np.int64) for k, v in lists.items()}
        return self._by_owner.get(key, np.empty(0, dtype=np.int64))

    def rows_of_filings(self, filings: np.ndarray) -> np.ndarray:
        """Row numbers of these filings, in row order. A filing's rows are contiguous (the builder adds them
        filing by filing and `combine` keeps that order): a range per filing, without a pass over every row."""
        if not len(filings):
            return np.empty(0, dtype=np.int64)
        starts = self.memo.get("row_starts")
        if starts is None:
            column = self.rows["f"]
            if len(column) > 1 and not bool(np.all(column[1:] >= column[:-1])):
                wanted = np.zeros(self.filing_count, dtype=bool)
                wanted[filings] = True
                return np.flatnonzero(wanted[column])
            starts = np.searchsorted(column, np.arange(self.filing_count + 1))
            self.memo["row_starts"] = starts
        chosen = np.unique(filings)
        first, counts = starts[chosen], starts[chosen + 1] - starts[chosen]
        total = int(counts.sum())
        if not total:
            return np.empty(0, dtype=np.int64)
        return np.repeat(first - np.cumsum(counts) + counts, counts) + np.arange(total)

    def exact(self, column: str, row: int) -> Decimal | None:
        """The figure as filed (None where the filing gave no number)."""
        text = self.exact_text.get((column, row))
        if text is not None:
            return Decimal(text)
        value = float(self.rows[column][row])
        return None if np.isnan(value) or np.isinf(value) else _decimal(value)

    def exact_many(self, column: str, rows: np.ndarray) -> list[Decimal | None]:
        """:meth:`exact` of many rows at once."""
        values = self.rows[column][rows].tolist()
        out: list[Decimal | None] = [None if v != v or v in (_INF, -_INF) else _decimal(v) for v in values]
        if self.exact_text:
            for i, row in enumerate(rows.tolist()):
                text = self.exact_text.get((column, row))
                if text is not None:
                    out[i] = Decimal(text)
        return out

    def word(self, vocab: str, code: int) -> str:
        return self.vocab[vocab].words[int(code)]


class RowIndexBuilder:
    """Accumulates filings into Python lists, then :meth:`build` makes the arrays."""

    def __init__(self) -> None:
        self.rows: dict[str, list[Any]] = {k: [] for k in (*ROW_INTS, *ROW_FLOATS)}
        #: the row columns in `_add_row`'s order (the same lists as ``rows``)
        self.columns = [self.rows[k] for k in (*_ROW_ORDER, *ROW_FLOATS)]
        self._codes: dict[tuple[Any, ...], int] = {}  # (column, text as filed ...) -> its vocabulary code
        self.filings: dict[str, list[int]] = {k: [] for k in FILING_INTS}
        self.info: list[FilingInfo] = []
        self.vocab = {name: Vocab() for name in VOCABS}
        self.exact_text: dict[tuple[str, int], str] = {}

    def _float(self, column: str, number: Decimal | None) -> float:
        if number is None:
            return _NAN
        value, exact = _float_of(number)
        if not exact:
            self.exact_text[(column, len(self.rows["f"]) - 1)] = str(number)  # the row just begun
        return value

    def add(self, summary: FilingSummary, filing: Mapping[str, Any], findings: int | None = None) -> None:
        """One filing: its summary (dates, issuer, as the list shows them) and its interchange dict."""
        number = len(self.info)
        owners = []
        roles = 0
        titles = []
        for owner in filing.get("owners") or ():
            bits = (
                (DIRECTOR if owner.get("is_director") else 0)
                | (OFFICER if owner.get("is_officer") else 0)
                | (TEN_PERCENT if owner.get("is_ten_percent_owner") else 0)
                | (OTHER if owner.get("is_other") else 0)
            )
            roles |= bits
            titles += [t for t in (owner.get("officer_title"), owner.get("other_text")) if t]
            owners.append((owner_key(owner.get("cik"), owner.get("name")), owner.get("name") or "", _role(owner)))
        relationship = filing.get("relationship")  # a printout's box for the filing as a whole
        if relationship and not roles:
            roles = sum(bit for name, bit in _ROLE_FIELDS if relationship.get(name))
            titles += [t for t in (relationship.get("officer_title"), relationship.get("other_text")) if t]
        self.info.append(FilingInfo(summary.id, tuple(owners), " | ".join(titles), fingerprint(summary)))
        issuer = self.vocab["issuers"].code((summary.issuer_cik or "").strip().lstrip("0"))
        plan = filing.get("aff10b5_one")
        values = {
            "fday": day_of(summary.date),
            "pday": day_of(summary.period) or day_of(summary.date),
            "ticker": self.vocab["tickers"].code((summary.ticker or "").strip().upper()),
            "issuer": issuer,
            "roles": roles,
            "plan": -1 if plan is None else int(bool(plan)),
            "findings": len(summary.finding_kinds) if findings is None else findings,
            "form": self.vocab["forms"].code(summary.form),
            "iname": self.vocab["inames"].code(" ".join((summary.issuer or "").split())),
        }
        for key, value in values.items():
            self.filings[key].append(value)
        for table, name in ((0, "non_derivative"), (1, "derivative")):
            for pos, row in enumerate(filing.get(name) or ()):
                self._add_row(number, table, pos, row)

    def _add_row(self, number: int, table: int, pos: int, row: Mapping[str, Any]) -> None:
        """One row (a million of them at 100k filings): each text made into its code or number once per
        distinct text (`_codes`, the lru caches), the columns appended in place."""
        get = row.get
        shares, price = _number(get("shares")), _number(get("price"))
        after = _number(get("shares_owned_following"))
        side = get("acquired_disposed")
        ad = _SIDES.get(side or "")
        if ad is None:
            ad = _SIDES.get((side or "").strip().upper(), 0)
        is_tx = get("kind") == "transaction"
        value = shares * price if table == 0 and is_tx and shares is not None and price is not None else None
        exercise = None
        if table == 1:
            strike, underlying = _number(get("conversion_or_exercise_price")), _number(get("underlying_shares"))
            exercise = strike * underlying if strike is not None and underlying is not None else None
        delta = _NAN
        if is_tx and shares is not None and after is not None and ad:
            before = after - ad * shares
            delta = float(ad * shares / before * 100) if before > 0 else _INF
        codes = self._codes
        key: tuple[Any, ...] = ("code", get("code"))
        code = codes.get(key)
        if code is None:
            code = codes[key] = self.vocab["codes"].code((key[1] or "").strip().upper())
        key = ("sec", get("security_title"))
        sec = codes.get(key)
        if sec is None:
            sec = codes[key] = self.vocab["securities"].code(" ".join((key[1] or "").split()))
        key = ("line", get("direct_indirect"), get("nature_of_ownership"))
        line = codes.get(key)
        if line is None:  # "By Trust" and "by trust" are one line
            text = " ".join(f"{(key[1] or '').upper()} {(key[2] or '').casefold()}".split())
            line = codes[key] = self.vocab["lines"].code(text)
        r = self.columns
        r[0].append(number)
        r[1].append(table)
        r[2].append(pos)
        r[3].append(int(is_tx))
        r[4].append(code)
        r[5].append(ad)
        r[6].append(day_of(get("transaction_date")))
        r[7].append(sec)
        r[8].append(line)
        r[9].append(self._float("shares", shares))
        r[10].append(self._float("price", price))
        r[11].append(self._float("after", after))
        r[12].append(self._float("value", value))
        r[13].append(self._float("exercise_value", exercise))
        r[14].append(delta)

    def build(self) -> RowIndex:
        rows = {k: np.array(self.rows[k], dtype=t) for k, t in ROW_INTS.items()}
        rows.update({k: np.array(self.rows[k], dtype=np.float64) for k in ROW_FLOATS})
        filings = {k: np.array(self.filings[k], dtype=t) for k, t in FILING_INTS.items()}
        return RowIndex(rows, filings, self.info, self.vocab, newest_names(filings, self.vocab), self.exact_text)


def newest_names(filings: Mapping[str, np.ndarray], vocab: Mapping[str, Vocab]) -> dict[int, str]:
    """Issuer code -> the name its newest filing gives (by filed date; a filing without a name is skipped):
    an issuer renamed over the years is shown by its current name whatever order its filings came in."""
    named = np.flatnonzero(filings["iname"] != 0)
    order = named[np.lexsort((named, filings["fday"][named], filings["issuer"][named]))]
    issuers = filings["issuer"][order]
    last = np.ones(len(order), dtype=bool)
    last[:-1] = issuers[1:] != issuers[:-1]
    words, names = vocab["inames"].words, filings["iname"][order][last]
    return {int(code): words[int(name)] for code, name in zip(issuers[last], names, strict=True)}


_ROLE_FIELDS = (("is_director", DIRECTOR), ("is_officer", OFFICER), ("is_ten_percent_owner", TEN_PERCENT),
                ("is_other", OTHER))  # fmt: skip
_RELATIONSHIP_FIELDS = ("is_director", "is_officer", "is_ten_percent_owner", "is_other", "officer_title", "other_text")


def _role(owner: Mapping[str, Any]) -> str:
    return Relationship(**{name: owner.get(name) for name in _RELATIONSHIP_FIELDS}).describe()


@lru_cache(maxsize=262144)
def _float_of(number: Decimal) -> tuple[float, bool]:
    """The float64 of a number, and whether it reads back as the same number."""
    value = float(number)
    return value, _decimal(value) == number


@lru_cache(maxsize=262144)
def _decimal(value: float) -> Decimal:
    """The shortest decimal that reads back as ``value`` (the figure as filed, up to 15 digits), "12.0" as "12"."""
    text = repr(value)
    return Decimal(text[:-2] if text.endswith(".0") else text)


def as_date(ordinal: int) -> date | None:
    return date.fromordinal(int(ordinal)) if ordinal > 0 else None
