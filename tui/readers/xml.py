"""EDGAR ownership XML (``<ownershipDocument>``, schemas X0203 … X0609) -> Filing.

Every element is optional, flags are written ``0/1/true/false``, a namespace may or may not be
present. The input is untrusted: defusedxml refuses DTDs, entity declarations and external
references before anything is expanded or fetched.
"""

from __future__ import annotations

from typing import Any
from xml.etree.ElementTree import Element, ParseError, TreeBuilder

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from tui.edgar import ELEMENT_TO_FIELD
from tui.model import (
    Amount,
    DerivativeRow,
    FiledDate,
    Filing,
    Issuer,
    ReportingOwner,
    Row,
    Signature,
)
from tui.readers.errors import ReadError

#: no real ownership document comes near this; larger input is refused before parsing
MAX_XML_BYTES = 16 * 1024 * 1024
#: an ownership document nests about six levels deep; far deeper input is refused while parsing
MAX_DEPTH = 64


class _TooDeep(Exception):
    pass


class _DepthLimitedBuilder(TreeBuilder):
    """Builds the tree but stops at MAX_DEPTH, so a hostile nesting costs neither time nor memory."""

    def __init__(self) -> None:
        super().__init__()
        self._depth = 0

    def start(self, tag: str, attrs: dict[str, str]) -> Element:
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise _TooDeep
        return super().start(tag, attrs)

    def end(self, tag: str) -> Element:
        self._depth -= 1
        return super().end(tag)


def _strip_namespaces(root: Element) -> None:
    for el in root.iter():
        tag = el.tag
        if isinstance(tag, str) and tag[:1] == "{":
            el.tag = tag.split("}", 1)[1]


def _text(el: Element | None) -> str | None:
    if el is None:
        return None
    text = "".join(el.itertext()).strip()
    return text or None


def _child(el: Element | None, path: str) -> str | None:
    return _text(el.find(path)) if el is not None else None


def _value(el: Element | None, path: str) -> str | None:
    """Text of ``path/value``: where EDGAR puts a field's value next to its footnote ids."""
    if el is None:
        return None
    node = el.find(path)
    return _text(node.find("value")) if node is not None else None


def _flag(text: str | None) -> bool | None:
    if text is None:
        return None
    return {"1": True, "true": True, "0": False, "false": False}.get(text.strip().lower())


def _amount(el: Element, path: str) -> Amount | None:
    text = _value(el, path)
    return Amount(text) if text is not None else None


def _date(text: str | None) -> FiledDate | None:
    return FiledDate(text) if text is not None else None


def _footnote_refs(row: Element) -> dict[str, tuple[str, ...]]:
    refs: dict[str, list[str]] = {}
    for el in row.iter():
        ids = [f.get("id") or "" for f in el.findall("footnoteId")]
        if ids:
            refs.setdefault(ELEMENT_TO_FIELD.get(el.tag, el.tag), []).extend(ids)
    return {name: tuple(ids) for name, ids in refs.items()}


def _row(el: Element) -> Row:
    coding = el.find("transactionCoding")
    common: dict[str, Any] = {
        "kind": "transaction" if el.tag.endswith("Transaction") else "holding",
        "security_title": _value(el, "securityTitle"),
        "transaction_date": _date(_value(el, "transactionDate")),
        "deemed_execution_date": _date(_value(el, "deemedExecutionDate")),
        "form_type": _child(coding, "transactionFormType"),
        "code": _child(coding, "transactionCode"),
        "equity_swap": _flag(_child(coding, "equitySwapInvolved")),
        "timeliness": _value(el, "transactionTimeliness"),
        "shares": _amount(el, "transactionAmounts/transactionShares"),
        "total_value": _amount(el, "transactionAmounts/transactionTotalValue"),
        "price": _amount(el, "transactionAmounts/transactionPricePerShare"),
        "acquired_disposed": _value(el, "transactionAmounts/transactionAcquiredDisposedCode"),
        "shares_owned_following": _amount(el, "postTransactionAmounts/sharesOwnedFollowingTransaction"),
        "value_owned_following": _amount(el, "postTransactionAmounts/valueOwnedFollowingTransaction"),
        "direct_indirect": _value(el, "ownershipNature/directOrIndirectOwnership"),
        "nature_of_ownership": _value(el, "ownershipNature/natureOfOwnership"),
        "footnotes": _footnote_refs(el),
    }
    if not el.tag.startswith("derivative"):
        return Row(**common)
    return DerivativeRow(
        **common,
        conversion_or_exercise_price=_amount(el, "conversionOrExercisePrice"),
        exercise_date=_date(_value(el, "exerciseDate")),
        expiration_date=_date(_value(el, "expirationDate")),
        underlying_title=_value(el, "underlyingSecurity/underlyingSecurityTitle"),
        underlying_shares=_amount(el, "underlyingSecurity/underlyingSecurityShares"),
        underlying_value=_amount(el, "underlyingSecurity/underlyingSecurityValue"),
    )


def _owner(el: Element) -> ReportingOwner:
    ident = el.find("reportingOwnerId")
    addr = el.find("reportingOwnerAddress")
    rel = el.find("reportingOwnerRelationship")
    return ReportingOwner(
        cik=_child(ident, "rptOwnerCik"),
        ccc=_child(ident, "rptOwnerCcc"),
        name=_child(ident, "rptOwnerName"),
        street1=_child(addr, "rptOwnerStreet1"),
        street2=_child(addr, "rptOwnerStreet2"),
        city=_child(addr, "rptOwnerCity"),
        state=_child(addr, "rptOwnerState"),
        zip=_child(addr, "rptOwnerZipCode"),
        state_description=_child(addr, "rptOwnerStateDescription"),
        good_address=_child(addr, "rptOwnerGoodAddress"),
        non_us_address=_flag(_child(addr, "rptOwnerNonUSAddressFlag")),
        country=_child(addr, "rptOwnerCountry"),
        is_director=_flag(_child(rel, "isDirector")),
        is_officer=_flag(_child(rel, "isOfficer")),
        is_ten_percent_owner=_flag(_child(rel, "isTenPercentOwner")),
        is_other=_flag(_child(rel, "isOther")),
        officer_title=_child(rel, "officerTitle"),
        other_text=_child(rel, "otherText"),
    )


def parse_root(data: bytes) -> Element:
    """Parse untrusted XML safely, namespaces stripped; ReadError on anything hostile or broken."""
    if len(data) > MAX_XML_BYTES:
        size = len(data) // (1024 * 1024)
        raise ReadError(f"XML document too large ({size} MB; an ownership document is far smaller)")
    parser = DefusedXMLParser(
        target=_DepthLimitedBuilder(), forbid_dtd=True, forbid_entities=True, forbid_external=True
    )
    try:
        parser.feed(data)
        root = parser.close()
    except DefusedXmlException as exc:
        raise ReadError(f"refused unsafe XML: {type(exc).__name__} ({exc})") from None
    except ParseError as exc:
        raise ReadError(f"malformed XML: {exc}") from None
    except (_TooDeep, RecursionError):
        raise ReadError(f"malformed XML: nested more than {MAX_DEPTH} levels deep") from None
    _strip_namespaces(root)
    return root


def read_ownership_xml(data: bytes) -> Filing:
    root = parse_root(data)
    if root.tag != "ownershipDocument":
        raise ReadError(f"not an ownership filing: the XML's root element is <{root.tag}>, not <ownershipDocument>")
    if root.find("issuer") is None and root.find("reportingOwner") is None:
        raise ReadError("not an ownership filing: the document has no issuer and no reporting owner")
    return _filing(root)


def _filing(root: Element) -> Filing:
    issuer = root.find("issuer")
    non_derivative = root.find("nonDerivativeTable")
    derivative = root.find("derivativeTable")
    footnotes = {f.get("id") or "": _text(f) or "" for f in root.findall("footnotes/footnote")}
    return Filing(
        schema_version=_child(root, "schemaVersion"),
        document_type=_child(root, "documentType"),
        period_of_report=_date(_child(root, "periodOfReport")),
        date_of_original_submission=_date(_child(root, "dateOfOriginalSubmission")),
        no_securities_owned=_flag(_child(root, "noSecuritiesOwned")),
        not_subject_to_section16=_flag(_child(root, "notSubjectToSection16")),
        form3_holdings_reported=_flag(_child(root, "form3HoldingsReported")),
        form4_transactions_reported=_flag(_child(root, "form4TransactionsReported")),
        aff10b5_one=_flag(_child(root, "aff10b5One")),
        issuer=Issuer(
            cik=_child(issuer, "issuerCik"),
            name=_child(issuer, "issuerName"),
            ticker=_child(issuer, "issuerTradingSymbol"),
        ),
        owners=tuple(_owner(o) for o in root.findall("reportingOwner")),
        non_derivative=tuple(_row(r) for r in non_derivative) if non_derivative is not None else (),
        derivative=tuple(_row(r) for r in derivative) if derivative is not None else (),  # type: ignore[misc]
        footnotes=footnotes,
        remarks=_child(root, "remarks"),
        signatures=tuple(
            Signature(name=_child(s, "signatureName"), date=_date(_child(s, "signatureDate")))
            for s in root.findall("ownerSignature")
        ),
    )
