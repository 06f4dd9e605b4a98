"""The one place that turns a filing into the store's documents and back, for every backend:
a small summary document (what the list, the filters and the name search need) and the full
document (the filing in the interchange format, with its sources)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import orjson

from tui.checks import Prechecked
from tui.interchange import filing_from_dict, filing_to_dict
from tui.model import Filing
from tui.store.api import Source
from tui.store.findings import owner_ciks
from tui.store.policy import stored_rank


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def summary_doc(fid: str, filing: Filing, source: Source, content_key: str) -> dict[str, Any]:
    return {"id": fid, **summary_fields(filing), **source_fields(source, content_key)}


def source_fields(source: Source, content_key: str) -> dict[str, Any]:
    return {"source_format": source.format, "source_rank": source.rank, "content_key": content_key}


def summary_fields(filing: Filing) -> dict[str, Any]:
    """What a summary document says of the filing itself (not its id, source or content key)."""
    signature_dates = sorted(s.date.text for s in filing.signatures if s.date and s.date.value)
    period = filing.period_of_report.text if filing.period_of_report else None
    filed = filing.filed_date.text if filing.filed_date else None
    return {
        "form": filing.form,
        "date": filed or (signature_dates[-1][:10] if signature_dates else None) or (period or "")[:10],
        "period": period,
        "filed": filed,
        "accession": filing.accession_number,
        "ticker": filing.issuer.ticker,
        "issuer": filing.issuer.name,
        "issuer_cik": filing.issuer.cik,
        "owners": list(filing.owner_names),
        "owner_ciks": owner_ciks(filing),
        "codes": list(filing.transaction_codes),
        "plan": filing.aff10b5_one,  # the Rule 10b5-1 box: True, False, or None (not on the form)
        "rows": len(filing.rows),
    }


def filing_doc(fid: str, filing: Filing, source: Source) -> dict[str, Any]:
    return {"id": fid, **_document_fields(filing, source)}


def _document_fields(filing: Filing, source: Source) -> dict[str, Any]:
    return {
        "accession": filing.accession_number,
        "filed": filing.filed_date.text if filing.filed_date else None,
        "sources": [source.as_doc()],
        "imported_at": now_iso(),
        "filing": filing_to_dict(filing),
    }


@dataclass(frozen=True, slots=True)
class Prepared:
    """A filing turned into what the store writes, where it was read (an import worker), so that the
    process that writes the store only places it: its content key and accession number (for the id and
    the richer-source policy), its summary's fields, its full document serialised (without its id, which
    the store gives it), and what the review checks could work out from the filing alone. Plain data:
    it pickles as bytes and a few small dicts, not as the object graph of a parsed filing."""

    key: str
    accession_number: str | None
    summary: dict[str, Any]
    document: bytes
    checked: Prechecked | None = None

    def content_key(self) -> str:
        return self.key

    def filing(self) -> Filing:
        """The filing itself, read back from its document (only a check of an amendment needs it)."""
        return filing_from_doc(orjson.loads(self.document))[0]

    def document_with_id(self, fid: str) -> bytes:
        return b'{"id":' + orjson.dumps(fid) + b"," + self.document[1:]


def prepare(filing: Filing, source: Source, checked: Prechecked | None = None) -> Prepared:
    """A parsed filing as :class:`Prepared` (``checked``: see `tui.checks.precheck`)."""
    return Prepared(
        filing.content_key(),
        filing.accession_number,
        summary_fields(filing),
        orjson.dumps(_document_fields(filing, source)),
        checked,
    )


def staged_summary(fid: str, item: Filing | Prepared, source: Source, key: str) -> dict[str, Any]:
    """The summary document of a filing a batch stores (parsed here, or prepared by an import worker)."""
    if isinstance(item, Filing):
        return summary_doc(fid, item, source, key)
    return {"id": fid, **item.summary, **source_fields(source, key)}


def staged_document(fid: str, item: Filing | Prepared, source: Source) -> tuple[str, bytes]:
    """The full document of a filing a batch stores, serialised (a worker's bytes, given their id)."""
    if isinstance(item, Filing):
        return fid, orjson.dumps(filing_doc(fid, item, source))
    return fid, item.document_with_id(fid)


def filing_from_doc(doc: Mapping[str, Any]) -> tuple[Filing, tuple[Source, ...]]:
    filing = filing_from_dict(doc["filing"], accession_number=doc.get("accession"), filed_date=doc.get("filed"))
    sources = tuple(source_from_doc(s) for s in doc.get("sources", []))
    return filing, sources


def source_from_doc(doc: Mapping[str, Any]) -> Source:
    rank = doc.get("rank")
    return Source(
        path=doc["path"],
        sha256=doc["sha256"],
        format=doc.get("format") or "",
        rank=stored_rank(None if rank is None else int(rank), doc.get("format")),
    )


def pack_shards(
    docs: list[dict[str, Any]] | list[tuple[str, bytes]], table: str, max_docs: int, max_bytes: int
) -> list[tuple[list[str], bytes]]:
    """The documents (or (id, serialised document) pairs) as shard files' bytes (a TinyDB table
    ``table``), each document serialised once;
    a shard holds at most ``max_docs`` documents and, unless one document alone is larger, at most
    ``max_bytes`` bytes. Returns (ids, file bytes) per shard."""
    shards: list[tuple[list[str], bytes]] = []
    ids: list[str] = []
    pieces: list[bytes] = []
    size = 0

    def close() -> None:
        body = b",".join(b'"%d":%s' % (n, piece) for n, piece in enumerate(pieces, start=1))
        shards.append((list(ids), b'{"' + table.encode() + b'":{' + body + b"}}"))
        ids.clear()
        pieces.clear()

    for doc in docs:
        fid, piece = doc if isinstance(doc, tuple) else (doc["id"], orjson.dumps(doc))
        if pieces and (len(pieces) >= max_docs or size + len(piece) > max_bytes):
            close()
            size = 0
        ids.append(fid)
        pieces.append(piece)
        size += len(piece)
    if pieces:
        close()
    return shards
