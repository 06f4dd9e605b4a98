"""The review checks' findings and the owner CIKs in the PostgreSQL store, as the TinyDB store keeps
them: two columns of ``filings`` (schema 4), worked out at import by the shared
`tui.store.findings.FindingsKeeper` inside the import's transaction, and for a database from before
them by the migration that adds the columns (every filing read once).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import orjson
import psycopg
from psycopg.types.json import Jsonb

from tui.model import Filing
from tui.store.documents import filing_from_doc
from tui.store.findings import owner_ciks

Conn = psycopg.Connection[Any]


def findings_value(findings: Any) -> Jsonb | None:
    """A summary's findings as the column holds them: NULL for none (most filings: nothing to parse at
    load), else a JSON array of `tui.checks.Finding.to_dict` objects."""
    return Jsonb(list(findings), dumps=lambda v: orjson.dumps(v).decode()) if findings else None


def load_filing(conn: Conn, fid: str) -> Filing | None:
    """One stored filing, read on the importer's own connection (inside its transaction)."""
    row = conn.execute("SELECT document FROM filings WHERE id = %s", (fid,)).fetchone()
    return filing_from_doc(row[0])[0] if row is not None else None


def write_changed_findings(conn: Conn, changed: Mapping[str, Mapping[str, Any]], seq: int) -> None:
    """Stored filings whose group findings changed with this import: their new findings, and the
    import's sequence number, so that other clients read them again."""
    if changed:
        with conn.cursor() as cur:
            cur.executemany(
                "UPDATE filings SET findings = %s, seq = %s WHERE id = %s",
                [(findings_value(doc.get("findings")), seq, fid) for fid, doc in changed.items()],
            )


def add_findings_columns(conn: Conn) -> None:
    """Schema 4: the owner CIKs and the findings of every stored filing (as an import today would
    have worked them out), in the migration's transaction."""
    from tui.checks import Known, check_all

    conn.execute(
        "ALTER TABLE filings ADD COLUMN IF NOT EXISTS owner_ciks text[] NOT NULL DEFAULT '{}', "
        "ADD COLUMN IF NOT EXISTS findings jsonb"
    )
    known: list[Known] = []
    ciks: list[tuple[list[str], str]] = []
    with conn.cursor(name="form4_upgrade_4") as cur:
        cur.itersize = 500
        cur.execute("SELECT id, document FROM filings")
        for fid, doc in cur:
            filing = filing_from_doc(doc)[0]
            ciks.append((owner_ciks(filing), fid))
            known.append(Known(fid, filing))
    found = check_all(known)
    with conn.cursor() as cur:
        cur.executemany("UPDATE filings SET owner_ciks = %s WHERE id = %s", ciks)
        cur.executemany(
            "UPDATE filings SET findings = %s WHERE id = %s",
            [(findings_value([f.to_dict() for f in fs]), fid) for fid, fs in found.items()],
        )
