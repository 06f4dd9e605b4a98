"""The SQL of the PostgreSQL store, as small functions on a connection inside the caller's
transaction: rows of filings, the reviewers' state and its history, and the messages of errors."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import orjson
import psycopg
from psycopg.conninfo import conninfo_to_dict
from psycopg.types.json import Jsonb, set_json_loads

from tui.store.api import FilingSummary, FirstPage, HistoryEntry, ReviewState, Source
from tui.store.postgres_findings import findings_value
from tui.store.postgres_schema import CHANNEL, LOCK_FILINGS, LOCK_STATE

SUMMARY_COLUMNS = (
    "id", "content_key", "accession", "form", "date", "period", "filed", "ticker", "issuer", "issuer_cik",
    "owners", "codes", "plan", "rows", "source_format", "source_rank", "owner_ciks", "findings",
)  # fmt: skip
#: in the order of ReviewState's fields
STATE_COLUMNS = ("reviewed", "reviewed_at", "note", "reviewed_by", "note_by", "note_at")
#: in the order of HistoryEntry's fields
HISTORY_COLUMNS = ("filing_id", "at", "reviewer", "old_reviewed", "new_reviewed", "old_note", "new_note")

Conn = psycopg.Connection[Any]


def redact(url: str) -> str:
    """The URL without its password: what messages name."""
    try:
        parts = conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        return url.split("@")[-1]
    user = f"{parts['user']}@" if parts.get("user") else ""
    port = f":{parts['port']}" if parts.get("port") else ""
    return f"postgresql://{user}{parts.get('host', '')}{port}/{parts.get('dbname', '')}"


def reason(exc: BaseException) -> str:
    """The first line of a psycopg error, without the connection prefix."""
    text = str(exc).strip().splitlines()
    first = text[0] if text else type(exc).__name__
    return first.removeprefix("connection failed: ").strip()


def configure(conn: Conn) -> None:
    """A pool's new connection: JSON read by orjson, and the mark function compiled in its session (a
    call on no filing, rolled back), so that a reviewer's first mark does not wait for that."""
    set_json_loads(orjson.loads, conn)
    with conn.transaction(force_rollback=True):
        conn.execute(_MARK, ("\x01", "", "", False, False, False, None))


def dumps(value: Any) -> str:
    return orjson.dumps(value).decode()


def next_seq(conn: Conn) -> int:
    row = conn.execute("SELECT nextval('form4_changes')").fetchone()
    assert row is not None
    return int(row[0])


def summary_values(doc: Mapping[str, Any]) -> list[Any]:
    """A summary document as the values of SUMMARY_COLUMNS."""
    return [findings_value(doc.get(c)) if c == "findings" else doc.get(c) for c in SUMMARY_COLUMNS]


def write_filings(conn: Conn, rows: list[tuple[Any, ...]]) -> None:
    """Insert or replace filings: rows of SUMMARY_COLUMNS, then the document (Jsonb) and the seq."""
    columns = (*SUMMARY_COLUMNS, "document", "seq")
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns[1:])
    with conn.cursor() as cur:
        cur.executemany(
            f"INSERT INTO filings ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))}) "
            f"ON CONFLICT (id) DO UPDATE SET {updates}",
            rows,
        )


def upsert_sources(conn: Conn, seen: Iterable[tuple[Source, str]]) -> None:
    """Remember the files read (by content hash) and the filing each gave."""
    with conn.cursor() as cur:
        cur.executemany(
            "INSERT INTO sources VALUES (%s, %s, %s, %s, %s) ON CONFLICT (sha256) DO UPDATE SET "
            "filing_id = excluded.filing_id, path = excluded.path, size = excluded.size, "
            "mtime_ns = excluded.mtime_ns",
            [(s.sha256, fid, s.path, s.size, s.mtime_ns) for s, fid in seen],
        )


_STATE_UPSERT = (  # for copy-store
    f"INSERT INTO review_state (filing_id, {', '.join(STATE_COLUMNS)}, seq, xid) "
    f"VALUES (%s{', %s' * 7}, pg_current_xact_id()) "
    f"ON CONFLICT (filing_id) DO UPDATE SET {', '.join(f'{c} = excluded.{c}' for c in STATE_COLUMNS)}, "
    "seq = excluded.seq, xid = excluded.xid"
)
_HISTORY_INSERT = f"INSERT INTO review_history ({', '.join(HISTORY_COLUMNS)}) VALUES (%s, %s, %s, %s, %s, %s, %s)"


_MARK = "SELECT * FROM form4_update_state(%s, %s, %s, %s, %s, %s, %s)"


def update_state(conn: Conn, fid: str, changes: Mapping[str, Any], reviewer: str, at: str) -> ReviewState:
    """Change one filing's state in one round trip (`form4_update_state`, schema 5): lock the filing's
    state row, write the new state, append the history entry. On an autocommit connection the call is
    its own transaction: it returns only once committed. The change is announced after it (see schema
    5 and `tui.store.postgres_listen.Announcer`); other clients find it by its signature anyway."""

    row = conn.execute(
        _MARK,
        (fid, reviewer, at, "reviewed" in changes, bool(changes.get("reviewed")), "note" in changes,
         changes.get("note")),
    ).fetchone()  # fmt: skip
    assert row is not None
    return ReviewState(*row)


#: the states written since a reader last looked (see schema 5): ``%(since)s`` is the oldest transaction
#: still running when it last read; returns that value anew for this read, and the signature of the
#: rows written since then (see `state_signature`), with the rows (none: one row of NULLs)
_STATES_SINCE = f"""
    WITH snap AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin)
    SELECT snap.xmin::text,
           (SELECT coalesce(sum(seq), 0) FROM review_state WHERE xid >= snap.xmin),
           r.filing_id, {", ".join(f"r.{c}" for c in STATE_COLUMNS)}
    FROM snap LEFT JOIN review_state r ON r.xid >= %(since)s::xid8
"""
#: a number that grows with every state committed since transaction ``%(since)s``: the sum of the change
#: numbers of the rows written since (a new row adds its number, a changed row's number only grows)
STATE_SIGNATURE = "(SELECT coalesce(sum(seq), 0) FROM review_state WHERE xid >= %(since)s::xid8)"


def read_states(conn: Conn, since: int) -> tuple[dict[str, ReviewState], int, int]:
    """(the states written by transactions from ``since`` on, the ``since`` for the next read, the
    signature of what this read saw). ``since`` 0: every state."""
    rows = conn.execute(_STATES_SINCE, {"since": str(since)}).fetchall()
    states = {row[2]: ReviewState(*row[3:]) for row in rows if row[2] is not None}
    return states, int(rows[0][0]), int(rows[0][1])


def insert_state_and_history(
    conn: Conn, states: Mapping[str, ReviewState], history: Iterable[HistoryEntry], seq: int
) -> None:
    """Copy states and history in as they are (copy-store into an empty store)."""
    with conn.cursor() as cur:
        cur.executemany(
            _STATE_UPSERT, [(fid, *(getattr(st, c) for c in STATE_COLUMNS), seq) for fid, st in states.items()]
        )
        cur.executemany(_HISTORY_INSERT, [tuple(getattr(h, c) for c in HISTORY_COLUMNS) for h in history])


def copy_in(
    conn: Conn,
    records: Iterable[tuple[Mapping[str, Any], Mapping[str, Any]]],
    states: Mapping[str, ReviewState],
    history: Iterable[HistoryEntry],
) -> None:
    """copy-store into an empty database: the filings as they are (summaries with their findings and
    documents), the states and the history, under both locks, announced once."""
    conn.execute("SELECT pg_advisory_xact_lock(%s), pg_advisory_xact_lock(%s)", (LOCK_FILINGS, LOCK_STATE))
    seq = next_seq(conn)
    batch: list[tuple[Any, ...]] = []
    for summary, doc in records:
        batch.append((*summary_values(summary), Jsonb(doc, dumps=dumps), seq))
        if len(batch) >= 500:
            write_filings(conn, batch)
            batch.clear()
    write_filings(conn, batch)
    insert_state_and_history(conn, states, history, seq)
    conn.execute("SELECT pg_notify(%s, %s)", (CHANNEL, f"filings:{seq}"))


#: the newest filings, in the list's order (the index filings_newest_first)
_NEWEST = (
    f'SELECT {", ".join(SUMMARY_COLUMNS)} FROM filings ORDER BY date COLLATE "C" DESC, id COLLATE "C" DESC LIMIT %s'
)


def first_page(conn: Conn, limit: int) -> FirstPage:
    """The newest ``limit`` filings with their marks and the count of filings: what the explorer shows
    while the whole index is read."""
    rows = conn.cursor(binary=True).execute(_NEWEST, (limit,)).fetchall()
    count = conn.execute("SELECT count(*) FROM filings").fetchone()
    ids = [row[0] for row in rows]
    marks = conn.execute(
        "SELECT filing_id, reviewed, note IS NOT NULL FROM review_state WHERE filing_id = ANY(%s)", (ids,)
    ).fetchall()
    summaries = {row[0]: FilingSummary.from_doc(dict(zip(SUMMARY_COLUMNS, row, strict=True))) for row in rows}
    reviewed, noted = {fid for fid, done, _ in marks if done}, {fid for fid, _, note in marks if note}
    return FirstPage(ids, summaries, int(count[0]) if count else len(ids), reviewed, noted)
