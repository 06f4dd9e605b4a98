"""EDGAR's listings, read: the company tickers file, a submissions JSON (``filings.recent`` and the
older pages named in ``filings.files``) and the daily master index. Pure functions, bytes in, filing
references out; what they cannot read is a ListingError with the reason."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

OWNERSHIP_FORMS = ("3", "4", "5")
_ACCESSION = re.compile(r"^\d{10}-\d{2}-\d{6}$")


class ListingError(ValueError):
    """A listing that does not read as EDGAR's format."""


@dataclass(frozen=True, slots=True)
class FilingRef:
    """One filing to fetch: its accession number, a CIK it is filed under, its form and filing date."""

    accession: str
    cik: str
    form: str
    filed: date
    #: the path under /Archives when the listing gave one (the daily index does)
    path: str | None = None

    def archive_path(self) -> str:
        if self.path:
            return self.path
        return f"edgar/data/{int(self.cik)}/{self.accession.replace('-', '')}/{self.accession}.txt"


@dataclass(frozen=True, slots=True)
class OlderPage:
    """An older page of a submissions JSON (``filings.files``): its name and the filing dates it spans."""

    name: str
    first: date | None
    last: date | None

    def overlaps(self, since: date | None, until: date | None) -> bool:
        if since is not None and self.last is not None and self.last < since:
            return False
        return not (until is not None and self.first is not None and self.first > until)


def form_wanted(form: str, forms: Sequence[str] = OWNERSHIP_FORMS, amendments: bool = True) -> bool:
    form = form.strip().upper()
    base, amended = (form[:-2], True) if form.endswith("/A") else (form, False)
    return base in forms and (amendments or not amended)


def in_range(day: date, since: date | None, until: date | None) -> bool:
    return (since is None or day >= since) and (until is None or day <= until)


def normalise_cik(value: str | int) -> str:
    """A CIK as EDGAR's ten digits; ValueError when it is not a number."""
    text = str(value).strip()
    if not text.isdigit() or len(text) > 10:
        raise ValueError(f"not a CIK: {value!r}")
    return f"{int(text):010d}"


def parse_tickers(doc: Any) -> dict[str, str]:
    """company_tickers.json (``{"0": {"cik_str": 320193, "ticker": "AAPL", ...}, ...}``) -> TICKER: CIK."""
    if not isinstance(doc, Mapping):
        raise ListingError("the company tickers file is not an object of entries")
    tickers: dict[str, str] = {}
    for entry in doc.values():
        try:
            ticker = str(entry["ticker"]).strip().upper()
            cik = normalise_cik(entry["cik_str"])
        except (KeyError, TypeError, ValueError):
            continue
        tickers.setdefault(ticker, cik)
    if not tickers:
        raise ListingError("the company tickers file has no entries")
    return tickers


def _date(text: Any) -> date | None:
    try:
        return date.fromisoformat(str(text)[:10])
    except ValueError:
        return None


def parse_columns(columns: Any, cik: str) -> list[FilingRef]:
    """The column arrays of ``filings.recent`` or of an older page -> one FilingRef per row."""
    if not isinstance(columns, Mapping):
        raise ListingError("the filings are not an object of columns")
    try:
        accessions, forms, dates = columns["accessionNumber"], columns["form"], columns["filingDate"]
    except KeyError as exc:
        raise ListingError(f"the filings have no {exc.args[0]!r} column") from None
    if not (isinstance(accessions, list) and isinstance(forms, list) and isinstance(dates, list)):
        raise ListingError("the filings' columns are not arrays")
    refs = []
    for accession, form, filed in zip(accessions, forms, dates, strict=False):
        day = _date(filed)
        if isinstance(accession, str) and _ACCESSION.match(accession) and isinstance(form, str) and day:
            refs.append(FilingRef(accession, cik, form, day))
    return refs


def parse_submissions(doc: Any, cik: str) -> tuple[list[FilingRef], list[OlderPage]]:
    """A CIK##########.json: the recent filings and the older pages it names."""
    if not isinstance(doc, Mapping) or not isinstance(doc.get("filings"), Mapping):
        raise ListingError("not a submissions file (no 'filings')")
    filings = doc["filings"]
    refs = parse_columns(filings.get("recent", {}), cik)
    pages = []
    for entry in filings.get("files") or []:
        if isinstance(entry, Mapping) and isinstance(entry.get("name"), str):
            pages.append(OlderPage(entry["name"], _date(entry.get("filingFrom")), _date(entry.get("filingTo"))))
    return refs, pages


def parse_master_index(text: str) -> list[FilingRef]:
    """A daily master index (``CIK|Company Name|Form Type|Date Filed|File Name`` after a short header).

    A filing is listed once per CIK it concerns (issuer and each reporting owner); it comes back once.
    """
    if "CIK|Company Name|Form Type|Date Filed|File" not in text:
        raise ListingError("not an EDGAR master index (its column header is missing)")
    refs: dict[str, FilingRef] = {}
    for line in text.splitlines():
        parts = line.split("|")
        if len(parts) != 5 or not parts[0].strip().isdigit():
            continue
        cik, _name, form, filed, path = (p.strip() for p in parts)
        accession = path.rsplit("/", 1)[-1].removesuffix(".txt")
        day = _date(filed) if "-" in filed else _date(f"{filed[:4]}-{filed[4:6]}-{filed[6:8]}")
        if _ACCESSION.match(accession) and day and accession not in refs:
            refs[accession] = FilingRef(accession, normalise_cik(cik), form, day, path)
    return list(refs.values())


def select(
    refs: Iterable[FilingRef],
    forms: Sequence[str],
    amendments: bool,
    since: date | None,
    until: date | None,
) -> list[FilingRef]:
    """The wanted ones, each accession once, newest first."""
    chosen: dict[str, FilingRef] = {}
    for ref in refs:
        if form_wanted(ref.form, forms, amendments) and in_range(ref.filed, since, until):
            chosen.setdefault(ref.accession, ref)
    return sorted(chosen.values(), key=lambda r: (r.filed, r.accession), reverse=True)
