"""EDGAR ownership XML (``<ownershipDocument>``, schemas X0203 … X0609) -> Filing.

Every element is optional, flags are written ``0/1/true/false``, a namespace may or may not be
present. The input is untrusted. It is parsed by lxml (libxml2) with a hardened parser: no entity
is resolved, nothing is fetched, no DTD is loaded or validated, no huge tree is built (libxml2's own
limits on depth, text size and entity amplification stay on). Before that, a document type
declaration in the prolog (where entity declarations and external DTDs live; an ownership document
never has one) is refused outright, so an entity bomb or an external entity is never even parsed.

Speed: each element of interest is visited once -- its children are put in a dict by tag and read
from there -- instead of a path search per field (about 2x the ElementTree reader it replaces).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import fields
from operator import attrgetter
from typing import Any

from lxml import etree

from tui.edgar import ELEMENT_TO_FIELD
from tui.model import (
    Amount,
    DerivativeRow,
    FiledDate,
    Filing,
    Issuer,
    ReportingOwner,
    Row,
    RowKind,
    Signature,
)
from tui.readers.errors import ReadError

#: no real ownership document comes near this; larger input is refused before parsing
MAX_XML_BYTES = 16 * 1024 * 1024
#: an ownership document nests about six levels deep; far deeper input is refused (libxml2 itself
#: stops at 256 levels while parsing, so a hostile nesting costs neither time nor memory)
MAX_DEPTH = 64

#: no entities resolved, no network, no DTD, no huge trees; comments and processing instructions dropped
_HARDENED: dict[str, bool] = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "dtd_validation": False,
    "huge_tree": False,
    "remove_comments": True,
    "remove_pis": True,
}
_PARSER = etree.XMLParser(**_HARDENED)
#: the same, without the whitespace-only text between elements (the indentation): parsing, walking and
#: freeing the tree take about 70 us less a filing (of ~330). libxml2 drops such text only where it is
#: not next to other text (CDATA sections are text here: strip_cdata), so it can change only the text of
#: an element with children, whose text is joined: such a document is read again with _PARSER (_text).
_PARSER_NO_BLANKS = etree.XMLParser(**_HARDENED, strip_cdata=True, remove_blank_text=True)
#: true when the tree has an element deeper than MAX_DEPTH (evaluated level by level: a normal
#: document's node-set is empty after its sixth level)
_TOO_DEEP = etree.XPath("boolean(" + "/*" * (MAX_DEPTH + 1) + ")")
#: the prolog: XML declaration, comments, processing instructions, a doctype -- up to the root's "<name"
_ROOT_START = re.compile(rb"<[A-Za-z_:\x80-\xff]")
_DTD_REFUSED = "refused unsafe XML: DTDForbidden (a document type declaration; an ownership document has none)"


def _refuse_doctype(data: bytes, wide: bool) -> None:
    """Refuse a document type declaration before the root element, in any encoding of ASCII (the
    NUL bytes of UTF-16/32, ``wide``, are dropped before looking)."""
    text = data.replace(b"\x00", b"") if wide else data
    match = _ROOT_START.search(text)
    prolog = text[: match.start()] if match else text
    if b"<!DOCTYPE" not in prolog:
        return
    if b"<!ENTITY" in prolog:
        raise ReadError("refused unsafe XML: EntitiesForbidden (the document declares entities)")
    raise ReadError(_DTD_REFUSED)


class _MixedText(Exception):
    """A value's element has children, in a tree parsed without the blanks between elements."""


def parse_root(data: bytes, keep_blanks: bool = False) -> Any:
    """Parse untrusted XML safely, namespaces stripped; ReadError on anything hostile or broken.
    Unless ``keep_blanks``, the whitespace between elements is dropped (see _PARSER_NO_BLANKS)."""
    if len(data) > MAX_XML_BYTES:
        size = len(data) // (1024 * 1024)
        raise ReadError(f"XML document too large ({size} MB; an ownership document is far smaller)")
    wide = b"\x00" in data[:4] or data[:2] in (b"\xff\xfe", b"\xfe\xff")
    _refuse_doctype(data, wide)
    root = _parse(data, _PARSER if keep_blanks else _PARSER_NO_BLANKS)
    docinfo = root.getroottree().docinfo
    if docinfo.internalDTD is not None or docinfo.doctype:  # in an encoding the scan above missed
        raise ReadError(_DTD_REFUSED)
    if _TOO_DEEP(root):
        raise ReadError(f"malformed XML: nested more than {MAX_DEPTH} levels deep")
    tag = root.tag
    if tag[:1] == "{" or b"xmlns" in data or wide:
        _strip_namespaces(root)
    return root


def _parse(data: bytes, parser: Any) -> Any:
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        if "Excessive depth" in str(exc):
            raise ReadError(f"malformed XML: nested more than {MAX_DEPTH} levels deep") from None
        raise ReadError(f"malformed XML: {exc}") from None


def _strip_namespaces(root: Any) -> None:
    for el in root.iter():
        tag = el.tag
        if tag[:1] == "{":
            el.tag = tag.split("}", 1)[1]


# --- reading the tree: every element's children by tag, read once ---------------------------------


def _kids(el: Any) -> dict[str, Any]:
    """The children of ``el`` by tag (the first of each tag, as ``find`` gives); {} for None."""
    out: dict[str, Any] = {}
    if el is not None:
        for child in el:
            out.setdefault(child.tag, child)
    return out


def _text(el: Any) -> str | None:
    if el is None:
        return None
    if len(el) == 0:
        return (el.text or "").strip() or None
    if el.getroottree().parser is _PARSER_NO_BLANKS:  # the blanks between its children were dropped
        raise _MixedText
    return "".join(el.itertext()).strip() or None


_FLAGS = {"1": True, "true": True, "0": False, "false": False}


def _flag(text: str | None) -> bool | None:
    return None if text is None else _FLAGS.get(text.lower())


def _date(text: str | None) -> FiledDate | None:
    return FiledDate(text) if text is not None else None


def _footnote_refs(row: Any) -> dict[str, tuple[str, ...]]:
    refs: dict[str, list[str]] = {}
    for note in row.iter("footnoteId"):
        parent_tag = note.getparent().tag
        refs.setdefault(ELEMENT_TO_FIELD.get(parent_tag, parent_tag), []).append(note.get("id") or "")
    return {name: tuple(ids) for name, ids in refs.items()}


def _value_element(el: Any) -> Any:
    """``el/value`` (the first), where EDGAR puts a field's value next to its footnote ids; None if none."""
    if el is not None:
        for child in el:
            if child.tag == "value":
                return child
    return None


#: how a field's text becomes its value (None: kept as text)
_Convert = Callable[[str], Any] | None


def _row_sources(el: Any) -> list[tuple[Any, _Convert]]:
    """The element each field of a row is read from (None where there is none) and how its text is
    converted, in the order of Row's fields after ``kind`` (then DerivativeRow's own)."""
    k = _kids(el)
    coding = _kids(k.get("transactionCoding"))
    amounts = _kids(k.get("transactionAmounts"))
    post = _kids(k.get("postTransactionAmounts"))
    nature = _kids(k.get("ownershipNature"))
    sources: list[tuple[Any, _Convert]] = [
        (_value_element(k.get("securityTitle")), None),
        (_value_element(k.get("transactionDate")), FiledDate),
        (_value_element(k.get("deemedExecutionDate")), FiledDate),
        (coding.get("transactionFormType"), None),
        (coding.get("transactionCode"), None),
        (coding.get("equitySwapInvolved"), _flag),
        (_value_element(k.get("transactionTimeliness")), None),
        (_value_element(amounts.get("transactionShares")), Amount),
        (_value_element(amounts.get("transactionTotalValue")), Amount),
        (_value_element(amounts.get("transactionPricePerShare")), Amount),
        (_value_element(amounts.get("transactionAcquiredDisposedCode")), None),
        (_value_element(post.get("sharesOwnedFollowingTransaction")), Amount),
        (_value_element(post.get("valueOwnedFollowingTransaction")), Amount),
        (_value_element(nature.get("directOrIndirectOwnership")), None),
        (_value_element(nature.get("natureOfOwnership")), None),
    ]
    if el.tag.startswith("derivative"):
        underlying = _kids(k.get("underlyingSecurity"))
        sources += [
            (_value_element(k.get("conversionOrExercisePrice")), Amount),
            (_value_element(k.get("exerciseDate")), FiledDate),
            (_value_element(k.get("expirationDate")), FiledDate),
            (_value_element(underlying.get("underlyingSecurityTitle")), None),
            (_value_element(underlying.get("underlyingSecurityShares")), Amount),
            (_value_element(underlying.get("underlyingSecurityValue")), Amount),
        ]
    return sources


def _make_row(tag: str, values: list[Any], footnotes: dict[str, tuple[str, ...]]) -> Row:
    kind: RowKind = "transaction" if tag.endswith("Transaction") else "holding"
    if not tag.startswith("derivative"):
        return Row(kind, *values, footnotes)  # type: ignore[call-arg]  # by position: see _ROW_VALUES
    return DerivativeRow(kind, *values[:_ROW_VALUES], footnotes, *values[_ROW_VALUES:])  # type: ignore[call-arg]


#: Row's fields read from the XML (all but kind and footnotes), in order; checked against the model
_ROW_VALUES = 15
if [f.name for f in fields(DerivativeRow)][_ROW_VALUES + 1] != "footnotes":
    raise AssertionError("the XML reader builds rows by position: Row's fields changed")


def _row_read(el: Any) -> Row:
    """A row read by walking it (any shape; see _row)."""
    values = []
    for source, convert in _row_sources(el):
        text = _text(source)
        values.append(text if text is None or convert is None else convert(text))
    return _make_row(el.tag, values, _footnote_refs(el))


#: a row's shape (its elements' tags and child counts, in document order) -> its plan: how many fields it
#: reads; per field that has an element, its position, the index of that element in that order and its
#: conversion; per footnote reference, the field and the index of its footnoteId
_Plan = tuple[int, tuple[tuple[int, int, _Convert], ...], tuple[tuple[str, int], ...]]
_TAG = attrgetter("tag")
_PLANS: dict[tuple[Any, ...], _Plan | None] = {}
#: shapes remembered (a few hundred occur in 10,000 filings), and the largest row worth one
MAX_PLANS = 2048
MAX_PLANNED_ELEMENTS = 256


def _row(el: Any) -> Row:
    """A row, read by its shape's plan: the shape (each element's tag and child count, in document order)
    fixes where every field is, so the walk of _row_read is done once per shape and a row of a known
    shape reads only its values' texts (about 2/3 of the time). A shape whose value elements have
    children (their text is joined) has no plan."""
    els = list(el.iter())
    if len(els) > MAX_PLANNED_ELEMENTS:
        return _row_read(el)
    counts = [*map(len, els)]
    key = (*map(_TAG, els), *counts)
    try:
        plan = _PLANS[key]
    except KeyError:
        plan = _plan(el, els, counts)
        if len(_PLANS) >= MAX_PLANS:
            _PLANS.clear()
        _PLANS[key] = plan
    if plan is None:
        return _row_read(el)
    size, field_plan, note_plan = plan
    values: list[Any] = [None] * size
    for field, i, convert in field_plan:
        text = els[i].text
        if text and (text := text.strip()):
            values[field] = text if convert is None else convert(text)
    refs: dict[str, list[str]] = {}
    for name, i in note_plan:
        refs.setdefault(name, []).append(els[i].get("id") or "")
    return _make_row(el.tag, values, {name: tuple(ids) for name, ids in refs.items()})


def _plan(el: Any, els: list[Any], counts: list[int]) -> _Plan | None:
    index = {id(e): i for i, e in enumerate(els)}  # els holds every proxy: ids are stable
    sources = _row_sources(el)
    field_plan = tuple((f, index[id(s)], convert) for f, (s, convert) in enumerate(sources) if s is not None)
    if any(counts[i] for _, i, _ in field_plan):
        return None
    note_plan = []
    for note in el.iter("footnoteId"):
        parent_tag = note.getparent().tag
        note_plan.append((ELEMENT_TO_FIELD.get(parent_tag, parent_tag), index[id(note)]))
    return len(sources), field_plan, tuple(note_plan)


def _owner(el: Any) -> ReportingOwner:
    k = _kids(el)
    ident = _kids(k.get("reportingOwnerId"))
    addr = _kids(k.get("reportingOwnerAddress"))
    rel = _kids(k.get("reportingOwnerRelationship"))
    return ReportingOwner(
        cik=_text(ident.get("rptOwnerCik")),
        ccc=_text(ident.get("rptOwnerCcc")),
        name=_text(ident.get("rptOwnerName")),
        street1=_text(addr.get("rptOwnerStreet1")),
        street2=_text(addr.get("rptOwnerStreet2")),
        city=_text(addr.get("rptOwnerCity")),
        state=_text(addr.get("rptOwnerState")),
        zip=_text(addr.get("rptOwnerZipCode")),
        state_description=_text(addr.get("rptOwnerStateDescription")),
        good_address=_text(addr.get("rptOwnerGoodAddress")),
        non_us_address=_flag(_text(addr.get("rptOwnerNonUSAddressFlag"))),
        country=_text(addr.get("rptOwnerCountry")),
        is_director=_flag(_text(rel.get("isDirector"))),
        is_officer=_flag(_text(rel.get("isOfficer"))),
        is_ten_percent_owner=_flag(_text(rel.get("isTenPercentOwner"))),
        is_other=_flag(_text(rel.get("isOther"))),
        officer_title=_text(rel.get("officerTitle")),
        other_text=_text(rel.get("otherText")),
    )


def read_ownership_xml(data: bytes, accession_number: str | None = None, filed_date: FiledDate | None = None) -> Filing:
    """The filing of an ownership document (with the accession number and filing date of the
    submission that holds it, if any)."""
    root = parse_root(data)
    if root.tag != "ownershipDocument":
        raise ReadError(f"not an ownership filing: the XML's root element is <{root.tag}>, not <ownershipDocument>")
    try:
        return _filing(root, accession_number, filed_date)
    except _MixedText:
        return _filing(parse_root(data, keep_blanks=True), accession_number, filed_date)


def _filing(root: Any, accession_number: str | None = None, filed_date: FiledDate | None = None) -> Filing:
    k: dict[str, Any] = {}
    owners: list[ReportingOwner] = []
    signatures: list[Signature] = []
    for child in root:
        tag = child.tag
        k.setdefault(tag, child)
        if tag == "reportingOwner":
            owners.append(_owner(child))
        elif tag == "ownerSignature":
            s = _kids(child)
            signatures.append(Signature(name=_text(s.get("signatureName")), date=_date(_text(s.get("signatureDate")))))
    if "issuer" not in k and not owners:
        raise ReadError("not an ownership filing: the document has no issuer and no reporting owner")
    issuer = _kids(k.get("issuer"))
    non_derivative = k.get("nonDerivativeTable")
    derivative = k.get("derivativeTable")
    notes = k.get("footnotes")
    footnotes = {f.get("id") or "": _text(f) or "" for f in notes if f.tag == "footnote"} if notes is not None else {}
    return Filing(
        schema_version=_text(k.get("schemaVersion")),
        document_type=_text(k.get("documentType")),
        period_of_report=_date(_text(k.get("periodOfReport"))),
        date_of_original_submission=_date(_text(k.get("dateOfOriginalSubmission"))),
        no_securities_owned=_flag(_text(k.get("noSecuritiesOwned"))),
        not_subject_to_section16=_flag(_text(k.get("notSubjectToSection16"))),
        form3_holdings_reported=_flag(_text(k.get("form3HoldingsReported"))),
        form4_transactions_reported=_flag(_text(k.get("form4TransactionsReported"))),
        aff10b5_one=_flag(_text(k.get("aff10b5One"))),
        issuer=Issuer(
            cik=_text(issuer.get("issuerCik")),
            name=_text(issuer.get("issuerName")),
            ticker=_text(issuer.get("issuerTradingSymbol")),
        ),
        owners=tuple(owners),
        non_derivative=tuple(_row(r) for r in non_derivative) if non_derivative is not None else (),
        derivative=tuple(_row(r) for r in derivative) if derivative is not None else (),  # type: ignore[misc]
        footnotes=footnotes,
        remarks=_text(k.get("remarks")),
        signatures=tuple(signatures),
        accession_number=accession_number,
        filed_date=filed_date,
    )
