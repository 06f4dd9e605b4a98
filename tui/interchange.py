"""The product's public interchange format: a filing as a plain JSON-ready dict.

It is exactly the corpus schema (``shared/corpus/README.md``, "expected.json schema"): values as
filed, absent -> None, row footnotes keyed by the EDGAR XML element name that carries them. `form4
parse --format json`, `form4 export` and the store's documents all use this one mapping, in both
directions, so there is a single place that turns a model into a document and back.
"""

from __future__ import annotations

from operator import attrgetter
from typing import Any

from tui.edgar import ELEMENT_TO_FIELD, FIELD_TO_ELEMENT
from tui.model import (
    Amount,
    DerivativeRow,
    FiledDate,
    Filing,
    Issuer,
    Relationship,
    ReportingOwner,
    Row,
    Signature,
)

_OWNER_FIELDS = (
    "cik", "ccc", "name", "street1", "street2", "city", "state", "zip", "state_description",
    "good_address", "non_us_address", "country", "is_director", "is_officer",
    "is_ten_percent_owner", "is_other", "officer_title", "other_text",
)  # fmt: skip
#: the filing-level relationship box (printouts and EDGAR pages): the owners' relationship keys
_RELATIONSHIP_FIELDS = (
    "is_director", "is_officer", "is_ten_percent_owner", "is_other", "officer_title", "other_text",
)  # fmt: skip
_ROW_FIELDS = (
    "kind", "security_title", "transaction_date", "deemed_execution_date", "form_type", "code",
    "equity_swap", "timeliness", "shares", "total_value", "price", "acquired_disposed",
    "shares_owned_following", "value_owned_following", "direct_indirect", "nature_of_ownership",
)  # fmt: skip
_DERIVATIVE_FIELDS = (
    "conversion_or_exercise_price", "exercise_date", "expiration_date", "underlying_title",
    "underlying_shares", "underlying_value",
)  # fmt: skip
_AMOUNT_FIELDS = frozenset(
    {"shares", "total_value", "price", "shares_owned_following", "value_owned_following",
     "conversion_or_exercise_price", "underlying_shares", "underlying_value"}
)  # fmt: skip
_DATE_FIELDS = frozenset({"transaction_date", "deemed_execution_date", "exercise_date", "expiration_date"})
_FLAG_FIELDS = (
    "no_securities_owned", "not_subject_to_section16", "form3_holdings_reported",
    "form4_transactions_reported", "aff10b5_one",
)  # fmt: skip


def _plain(value: Any) -> Any:
    if isinstance(value, Amount | FiledDate):
        return value.text
    return value


#: per row type: its fields' names and a getter of all their values at once, and which of them hold an
#: Amount or FiledDate (written as their text). One getter call, one dict built in C and no type test per
#: field: the store turns every imported filing into this dict.
_ROW_NAMES = _ROW_FIELDS
_DERIVATIVE_NAMES = _ROW_FIELDS + _DERIVATIVE_FIELDS
_ROW_VALUES = attrgetter(*_ROW_NAMES)
_DERIVATIVE_VALUES = attrgetter(*_DERIVATIVE_NAMES)
#: the fields of each row type written as their text (Amount, FiledDate)
_ROW_TYPED = tuple(n for n in _ROW_NAMES if n in _AMOUNT_FIELDS or n in _DATE_FIELDS)
_DERIVATIVE_TYPED = tuple(n for n in _DERIVATIVE_NAMES if n in _AMOUNT_FIELDS or n in _DATE_FIELDS)


def _row_to_dict(row: Row) -> dict[str, Any]:
    if isinstance(row, DerivativeRow):
        out = dict(zip(_DERIVATIVE_NAMES, _DERIVATIVE_VALUES(row), strict=True))
        typed = _DERIVATIVE_TYPED
    else:
        out = dict(zip(_ROW_NAMES, _ROW_VALUES(row), strict=True))
        typed = _ROW_TYPED
    for name in typed:
        value = out[name]
        if value is not None:
            out[name] = value.text
    out["footnotes"] = {FIELD_TO_ELEMENT.get(k, k): list(ids) for k, ids in row.footnotes.items()}
    return out


def filing_to_dict(filing: Filing) -> dict[str, Any]:
    """The filing in the corpus schema (the same keys as ``expected.json``)."""
    out: dict[str, Any] = {
        "schema_version": filing.schema_version,
        "document_type": filing.document_type,
        "period_of_report": _plain(filing.period_of_report),
        "date_of_original_submission": _plain(filing.date_of_original_submission),
    }
    for name in _FLAG_FIELDS:
        out[name] = getattr(filing, name)
    out["issuer"] = {"cik": filing.issuer.cik, "name": filing.issuer.name, "ticker": filing.issuer.ticker}
    out["owners"] = [{name: getattr(o, name) for name in _OWNER_FIELDS} for o in filing.owners]
    out["non_derivative"] = [_row_to_dict(r) for r in filing.non_derivative]
    out["derivative"] = [_row_to_dict(r) for r in filing.derivative]
    out["footnotes"] = dict(filing.footnotes)
    out["remarks"] = filing.remarks
    out["signatures"] = [{"name": s.name, "date": _plain(s.date)} for s in filing.signatures]
    if filing.relationship is not None:  # only where the source prints the box for the filing
        out["relationship"] = {name: getattr(filing.relationship, name) for name in _RELATIONSHIP_FIELDS}
    return out


def _typed(name: str, value: Any) -> Any:
    if value is None:
        return None
    if name in _AMOUNT_FIELDS:
        return Amount(value)
    if name in _DATE_FIELDS:
        return FiledDate(value)
    return value


def _row_from_dict(data: dict[str, Any], derivative: bool) -> Row:
    names = _ROW_FIELDS + (_DERIVATIVE_FIELDS if derivative else ())
    kwargs = {name: _typed(name, data.get(name)) for name in names}
    kwargs["footnotes"] = {ELEMENT_TO_FIELD.get(k, k): tuple(ids) for k, ids in (data.get("footnotes") or {}).items()}
    return DerivativeRow(**kwargs) if derivative else Row(**kwargs)


def _date_or_none(value: str | None) -> FiledDate | None:
    return FiledDate(value) if value else None


def filing_from_dict(
    data: dict[str, Any], *, accession_number: str | None = None, filed_date: str | None = None
) -> Filing:
    """The inverse of :func:`filing_to_dict`."""
    issuer = data.get("issuer") or {}
    rel = data.get("relationship")
    return Filing(
        document_type=data.get("document_type"),
        schema_version=data.get("schema_version"),
        period_of_report=_date_or_none(data.get("period_of_report")),
        date_of_original_submission=_date_or_none(data.get("date_of_original_submission")),
        **{name: data.get(name) for name in _FLAG_FIELDS},
        issuer=Issuer(cik=issuer.get("cik"), name=issuer.get("name"), ticker=issuer.get("ticker")),
        owners=tuple(ReportingOwner(**{n: o.get(n) for n in _OWNER_FIELDS}) for o in data.get("owners", [])),
        non_derivative=tuple(_row_from_dict(r, False) for r in data.get("non_derivative", [])),
        derivative=tuple(_row_from_dict(r, True) for r in data.get("derivative", [])),  # type: ignore[misc]
        footnotes=dict(data.get("footnotes") or {}),
        remarks=data.get("remarks"),
        signatures=tuple(
            Signature(name=s.get("name"), date=_date_or_none(s.get("date"))) for s in data.get("signatures", [])
        ),
        accession_number=accession_number,
        filed_date=_date_or_none(filed_date),
        relationship=Relationship(**{n: rel.get(n) for n in _RELATIONSHIP_FIELDS}) if rel is not None else None,
    )
