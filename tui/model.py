"""The domain model of an SEC ownership filing (Forms 3, 4, 5 and their /A amendments).

This module knows nothing of XML, PDFs, TinyDB or Textual. Every value keeps the text exactly as
filed (``Amount.text``, ``FiledDate.text``) because a reviewer must see what the filer wrote, and
offers the parsed number or date beside it for arithmetic and sorting.

Footnote references belong to the field that cites them: every row carries a mapping from field
name (``"price"``, ``"code"``, ``"exercise_date"`` …) to the footnote ids that field cites.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Literal

RowKind = Literal["transaction", "holding"]

_NUMBER_CLEAN = re.compile(r"[,$\s]")
#: a number this far from 1 (10**60 shares, or 60 digits after the point) is no amount any filing
#: holds: it is kept as text, so that no sum, key or rendering meets a 5,000-digit or 1e999999999 value
MAX_ABS_EXPONENT = 60


@dataclass(frozen=True, slots=True)
class Amount:
    """A number as filed (share count, price, value). ``text`` is never changed."""

    text: str

    @property
    def value(self) -> Decimal | None:
        """The number, or None when the text is not a plain number (e.g. "See footnote")."""
        return _amount_value(self.text)


@lru_cache(maxsize=1 << 16)
def _amount_value(text: str) -> Decimal | None:
    """`Amount.value`, worked out once per text (a Decimal is immutable): the checks, the summaries and
    the content key ask each amount several times, and share counts and prices repeat across filings."""
    cleaned = _NUMBER_CLEAN.sub("", text)
    if not cleaned:
        return None
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        return None
    exponent = number.as_tuple().exponent
    if not isinstance(exponent, int) or max(abs(exponent), abs(number.adjusted())) > MAX_ABS_EXPONENT:
        return None
    return number


@dataclass(frozen=True, slots=True)
class FiledDate:
    """A date as filed. Filings write ISO dates, a few old ones with a zone suffix ("2009-03-31-04:00")."""

    text: str

    @property
    def value(self) -> date | None:
        return _date_value(self.text)


@lru_cache(maxsize=1 << 14)
def _date_value(text: str) -> date | None:
    """`FiledDate.value`, worked out once per text: the checks ask a row's dates several times, and
    dates repeat across filings."""
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class Issuer:
    cik: str | None
    name: str | None
    ticker: str | None


@dataclass(frozen=True, slots=True)
class ReportingOwner:
    name: str | None
    cik: str | None = None
    ccc: str | None = None
    street1: str | None = None
    street2: str | None = None
    city: str | None = None
    state: str | None = None
    zip: str | None = None
    state_description: str | None = None
    good_address: str | None = None
    non_us_address: bool | None = None
    country: str | None = None
    is_director: bool | None = None
    is_officer: bool | None = None
    is_ten_percent_owner: bool | None = None
    is_other: bool | None = None
    officer_title: str | None = None
    other_text: str | None = None

    @property
    def relationship(self) -> str:
        """A short human description: "Director, Officer (President and CEO)"."""
        return self.relationship_box.describe()

    @property
    def relationship_box(self) -> Relationship:
        return Relationship(
            is_director=self.is_director,
            is_officer=self.is_officer,
            is_ten_percent_owner=self.is_ten_percent_owner,
            is_other=self.is_other,
            officer_title=self.officer_title,
            other_text=self.other_text,
        )


@dataclass(frozen=True, slots=True)
class Relationship:
    """The box "Relationship of Reporting Person(s) to Issuer": one owner's, or -- as printed on the
    page of a joint filing -- the filing's as a whole (the page does not say which owner is what)."""

    is_director: bool | None = None
    is_officer: bool | None = None
    is_ten_percent_owner: bool | None = None
    is_other: bool | None = None
    officer_title: str | None = None
    other_text: str | None = None

    def describe(self) -> str:
        """A short human description: "Director, Officer (President and CEO)"."""
        parts: list[str] = []
        if self.is_director:
            parts.append("Director")
        if self.is_officer:
            parts.append(f"Officer ({self.officer_title})" if self.officer_title else "Officer")
        if self.is_ten_percent_owner:
            parts.append("10% Owner")
        if self.is_other:
            parts.append(f"Other ({self.other_text})" if self.other_text else "Other")
        return ", ".join(parts)

    @classmethod
    def union(cls, owners: Iterable[ReportingOwner]) -> Relationship:
        """The box as the page of a joint filing prints it: a box is checked when any owner has the
        flag; the officer title and other text are the first ones given."""
        owners = list(owners)

        def any_of(name: str) -> bool:
            return any(getattr(o, name) for o in owners)

        return cls(
            is_director=any_of("is_director"),
            is_officer=any_of("is_officer"),
            is_ten_percent_owner=any_of("is_ten_percent_owner"),
            is_other=any_of("is_other"),
            officer_title=next((o.officer_title for o in owners if o.officer_title), None),
            other_text=next((o.other_text for o in owners if o.other_text), None),
        )


@dataclass(frozen=True, slots=True)
class Row:
    """A Table I (non-derivative) row: a transaction or a holding."""

    kind: RowKind
    security_title: str | None = None
    transaction_date: FiledDate | None = None
    deemed_execution_date: FiledDate | None = None
    form_type: str | None = None
    code: str | None = None
    equity_swap: bool | None = None
    timeliness: str | None = None
    shares: Amount | None = None
    total_value: Amount | None = None
    price: Amount | None = None
    acquired_disposed: str | None = None
    shares_owned_following: Amount | None = None
    value_owned_following: Amount | None = None
    direct_indirect: str | None = None
    nature_of_ownership: str | None = None
    #: field name -> footnote ids that field cites, in the order filed
    footnotes: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def footnotes_of(self, field_name: str) -> tuple[str, ...]:
        return tuple(self.footnotes.get(field_name, ()))


@dataclass(frozen=True, slots=True)
class DerivativeRow(Row):
    """A Table II (derivative) row: options, warrants, convertibles, RSUs …"""

    conversion_or_exercise_price: Amount | None = None
    exercise_date: FiledDate | None = None
    expiration_date: FiledDate | None = None
    underlying_title: str | None = None
    underlying_shares: Amount | None = None
    underlying_value: Amount | None = None


@dataclass(frozen=True, slots=True)
class Signature:
    name: str | None
    date: FiledDate | None


@dataclass(frozen=True, slots=True)
class Filing:
    """One ownership filing, as filed."""

    document_type: str | None
    issuer: Issuer
    owners: tuple[ReportingOwner, ...] = ()
    schema_version: str | None = None
    period_of_report: FiledDate | None = None
    date_of_original_submission: FiledDate | None = None
    no_securities_owned: bool | None = None
    not_subject_to_section16: bool | None = None
    form3_holdings_reported: bool | None = None
    form4_transactions_reported: bool | None = None
    aff10b5_one: bool | None = None
    non_derivative: tuple[Row, ...] = ()
    derivative: tuple[DerivativeRow, ...] = ()
    #: footnote id -> text, in the order filed
    footnotes: Mapping[str, str] = field(default_factory=dict)
    remarks: str | None = None
    signatures: tuple[Signature, ...] = ()
    #: from an EDGAR submission's header when the source had one
    accession_number: str | None = None
    filed_date: FiledDate | None = None
    #: the relationship box as printed for the filing as a whole (a PDF printout or EDGAR's page);
    #: None where the source gives each owner's own (XML). On a joint filing's page the owners'
    #: own flags stay None: the page does not say who is what.
    relationship: Relationship | None = None

    @property
    def relationship_box(self) -> Relationship:
        """The filing's relationship box: as printed, or the union of the owners' (see Relationship.union)."""
        if self.relationship is not None:
            return self.relationship
        if len(self.owners) == 1:
            return self.owners[0].relationship_box
        return Relationship.union(self.owners)

    @property
    def form(self) -> str:
        """The form as people say it: "4", "4/A", "3" …"""
        return self.document_type or "?"

    @property
    def is_amendment(self) -> bool:
        return self.form.endswith("/A") or self.date_of_original_submission is not None

    @property
    def rows(self) -> tuple[Row, ...]:
        return (*self.non_derivative, *self.derivative)

    @property
    def owner_names(self) -> tuple[str, ...]:
        return tuple(o.name for o in self.owners if o.name)

    @property
    def transaction_codes(self) -> tuple[str, ...]:
        """Distinct transaction codes in row order."""
        seen: dict[str, None] = {}
        for row in self.rows:
            if row.code:
                seen.setdefault(row.code, None)
        return tuple(seen)

    def content_key(self) -> str:
        """A digest of what any rendering of this filing shows, so that the same filing read from
        its XML, its full submission or a PDF printout is recognised as one filing."""
        parts: list[str] = [
            _fold(self.document_type),
            _fold(self.issuer.name),
            _fold(self.issuer.ticker),
            _date_key(self.period_of_report),
            "|".join(sorted(_fold(n) for n in self.owner_names)),
        ]
        for row in (*self.non_derivative, *self.derivative):
            shares, price, following = row.shares, row.price, row.shares_owned_following
            when = row.transaction_date
            parts.append(
                ";".join(
                    (
                        row.kind,
                        _fold(row.security_title),
                        _date_text_key(when.text) if when is not None else "",
                        _fold(row.code),
                        _amount_text_key(shares.text) if shares is not None else "",
                        _amount_text_key(price.text) if price is not None else "",
                        _amount_text_key(following.text) if following is not None else "",
                        _fold(row.direct_indirect),
                    )
                )
            )
        for note_id, text in self.footnotes.items():
            parts.append(f"{note_id}:{_fold(text)}")
        return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


# The parts of a content key are worked out once per text (pure functions of it, bounded caches):
# titles, codes, dates and amounts repeat across filings, and a key is made for every filing imported.
#: only texts up to this long are kept in those caches (a hostile 10 MB footnote is folded, not kept)
_CACHED_TEXT = 200


def _fold(text: str | None) -> str:
    if not text:
        return ""
    return _fold_text(text) if len(text) <= _CACHED_TEXT else " ".join(text.split()).casefold()


@lru_cache(maxsize=1 << 14)
def _fold_text(text: str) -> str:
    return " ".join(text.split()).casefold()


def _date_key(value: FiledDate | None) -> str:
    return "" if value is None else _date_text_key(value.text)


def _amount_text_key(text: str) -> str:
    return _short_amount_key(text) if len(text) <= _CACHED_TEXT else _amount_key_of(text)


def _date_text_key(text: str) -> str:
    return _short_date_key(text) if len(text) <= _CACHED_TEXT else _date_key_of(text)


def _date_key_of(text: str) -> str:
    parsed = FiledDate(text).value
    return parsed.isoformat() if parsed else text


_short_date_key = lru_cache(maxsize=1 << 14)(_date_key_of)


def _amount_key_of(text: str) -> str:
    number = _amount_value(text)
    if number is None:
        return _fold(text)
    try:
        return format(number.normalize(), "f")
    except ArithmeticError:  # decimal.Overflow: cannot happen within MAX_ABS_EXPONENT, kept as a guard
        return _fold(text)


_short_amount_key = lru_cache(maxsize=1 << 16)(_amount_key_of)
