"""The one place that turns a filing into the store's documents and back, for every backend:
a small summary document (what the list, the filters and the name search need) and the full
document (the filing in the interchange format, with its sources)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import orjson

from tui.interchange import filing_from_dict, filing_to_dict
from tui.model import Filing
from tui.store.api import Source
from tui.store.findings import owner_ciks
from tui.store.policy import stored_rank


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def summary_doc(fid: str, filing: Filing, source: Source, content_key: str) -> dict[str, Any]:
    signature_dates = sorted(s.date.text for s in filing.signatures if s.date and s.date.value)
    period = filing.period_of_report.text if filing.period_of_report else None
    filed = filing.filed_date.text if filing.filed_date else None
    return {
        "id": fid,
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
        "source_format": source.format,
        "source_rank": source.rank,
        "content_key": content_key,
    }


def filing_doc(fid: str, filing: Filing, source: Source) -> dict[str, Any]:
    return {
        "id": fid,
        "accession": filing.accession_number,
        "filed": filing.filed_date.text if filing.filed_date else None,
        "sources": [source.as_doc()],
        "imported_at": now_iso(),
        "filing": filing_to_dict(filing),
    }


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


def pack_shards(docs: list[dict[str, Any]], table: str, max_docs: int, max_bytes: int) -> list[tuple[list[str], bytes]]:
    """The documents as shard files' bytes (a TinyDB table ``table``), each document serialised once;
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
        piece = orjson.dumps(doc)
        if pieces and (len(pieces) >= max_docs or size + len(piece) > max_bytes):
            close()
            size = 0
        ids.append(doc["id"])
        pieces.append(piece)
        size += len(piece)
    if pieces:
        close()
    return shards
