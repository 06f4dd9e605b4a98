"""The PostgreSQL store's schema: numbered migrations, applied in order at open and recorded in
``schema_version``, each in the transaction that opens the store (under an advisory lock, so two
clients opening a new database at once do not both create it). A database whose schema is newer
than this form4 knows is refused.

Filters and the insider-name search run on the summaries held in memory (`tui.store.query`, the
same rules as the TinyDB store, so both backends give the same answers): the indexes here serve
what the backend asks the server for — the newest-first load, the changes since a sequence number,
lookups by accession, a filing's history. pg_trgm is therefore not needed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import psycopg

from tui.store.api import StoreError
from tui.store.documents import now_iso
from tui.store.postgres_findings import add_findings_columns

#: advisory lock keys (one namespace: the bytes of "f4" and a number)
LOCK_SCHEMA = 0x6634_0001
LOCK_FILINGS = 0x6634_0002
LOCK_STATE = 0x6634_0003
#: the LISTEN/NOTIFY channel on which every write announces itself ("filings:<seq>" / "state:<seq>")
CHANNEL = "form4_changes"

#: a migration is SQL, or a function on the migrating connection (for what SQL alone cannot work out)
Migration = str | Callable[[psycopg.Connection[Any]], None]
MIGRATIONS: list[tuple[int, Migration]] = [
    (
        1,
        """
        CREATE SEQUENCE form4_changes;
        CREATE TABLE filings (
            id text PRIMARY KEY,
            content_key text NOT NULL UNIQUE,
            accession text,
            form text NOT NULL DEFAULT '?',
            date text NOT NULL DEFAULT '',
            period text,
            filed text,
            ticker text,
            issuer text,
            issuer_cik text,
            owners text[] NOT NULL DEFAULT '{}',
            codes text[] NOT NULL DEFAULT '{}',
            rows integer NOT NULL DEFAULT 0,
            source_format text NOT NULL DEFAULT '',
            source_rank integer NOT NULL DEFAULT 0,
            document jsonb NOT NULL,
            seq bigint NOT NULL
        );
        CREATE INDEX filings_newest_first ON filings (date COLLATE "C" DESC, id COLLATE "C" DESC);
        CREATE INDEX filings_accession ON filings (accession) WHERE accession IS NOT NULL;
        CREATE INDEX filings_seq ON filings (seq);
        CREATE TABLE sources (
            sha256 text PRIMARY KEY,
            filing_id text NOT NULL,
            path text,
            size bigint,
            mtime_ns bigint
        );
        CREATE TABLE review_state (
            filing_id text PRIMARY KEY,
            reviewed boolean NOT NULL DEFAULT false,
            reviewed_at text,
            reviewed_by text,
            note text,
            note_by text,
            note_at text,
            seq bigint NOT NULL
        );
        CREATE INDEX review_state_seq ON review_state (seq);
        CREATE TABLE review_history (
            n bigserial PRIMARY KEY,
            filing_id text NOT NULL,
            at text NOT NULL,
            reviewer text NOT NULL,
            old_reviewed boolean NOT NULL,
            new_reviewed boolean NOT NULL,
            old_note text,
            new_note text
        );
        CREATE INDEX review_history_filing ON review_history (filing_id, n);
        CREATE FUNCTION form4_history_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'the review history is append-only: it is never rewritten'; END $$;
        CREATE TRIGGER review_history_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON review_history
            FOR EACH STATEMENT EXECUTE FUNCTION form4_history_is_append_only();
        """,
    ),
]

# 2: a mark or a note in one round trip: the state lock, the old state, the new one, its history
# entry and the notice in one function, called in its own (autocommit) transaction.
MIGRATIONS.append(
    (
        2,
        f"""
        CREATE FUNCTION form4_update_state(p_id text, p_reviewer text, p_at text, p_set_mark boolean,
                                           p_reviewed boolean, p_set_note boolean, p_note text)
        RETURNS TABLE (o_reviewed boolean, o_reviewed_at text, o_note text, o_reviewed_by text,
                       o_note_by text, o_note_at text)
        LANGUAGE plpgsql AS $$
        DECLARE
            old review_state%ROWTYPE;
            n review_state%ROWTYPE;
        BEGIN
            PERFORM pg_advisory_xact_lock({LOCK_STATE});
            SELECT * INTO old FROM review_state r WHERE r.filing_id = p_id;
            IF NOT FOUND THEN
                old.reviewed := false;
            END IF;
            n := old;
            IF p_set_mark THEN
                n.reviewed := p_reviewed;
                n.reviewed_at := CASE WHEN p_reviewed THEN p_at END;
                n.reviewed_by := CASE WHEN p_reviewed THEN p_reviewer END;
            END IF;
            IF p_set_note THEN
                n.note := p_note;
                n.note_by := CASE WHEN p_note IS NOT NULL THEN p_reviewer END;
                n.note_at := p_at;
            END IF;
            n.seq := nextval('form4_changes');
            INSERT INTO review_state AS r (filing_id, reviewed, reviewed_at, reviewed_by, note, note_by, note_at, seq)
                VALUES (p_id, n.reviewed, n.reviewed_at, n.reviewed_by, n.note, n.note_by, n.note_at, n.seq)
                ON CONFLICT (filing_id) DO UPDATE SET reviewed = excluded.reviewed,
                    reviewed_at = excluded.reviewed_at, reviewed_by = excluded.reviewed_by, note = excluded.note,
                    note_by = excluded.note_by, note_at = excluded.note_at, seq = excluded.seq;
            INSERT INTO review_history (filing_id, at, reviewer, old_reviewed, new_reviewed, old_note, new_note)
                VALUES (p_id, p_at, p_reviewer, old.reviewed, n.reviewed, old.note, n.note);
            PERFORM pg_notify('{CHANNEL}', 'state:' || n.seq);
            RETURN QUERY SELECT n.reviewed, n.reviewed_at, n.note, n.reviewed_by, n.note_by, n.note_at;
        END $$;
        """,
    )
)

# 3: the Rule 10b5-1 box in the summaries (ListFilter.plan), read from each stored filing
MIGRATIONS.append(
    (
        3,
        """
        ALTER TABLE filings ADD COLUMN plan boolean;
        UPDATE filings SET plan = CASE jsonb_typeof(document->'filing'->'aff10b5_one')
            WHEN 'boolean' THEN (document->'filing'->>'aff10b5_one')::boolean END;
        """,
    )
)

# 4: the owner CIKs and the review checks' findings in the summaries, as the TinyDB store keeps them
MIGRATIONS.append((4, add_findings_columns))

# 5: concurrent marks on different filings no longer wait for one another. A mark locks its filing's
# state row only (SELECT ... FOR UPDATE after making sure the row exists); the history is appended
# without a lock (bigserial); the notice is sent by the client after the commit (a NOTIFY inside the
# transaction would serialize every commit on the server's notify queue lock). Since states may now
# commit out of their seq order, readers catch up by the writing transaction's id (``xid``): every row
# a reader has not seen was written by a transaction at or after the oldest one still running when it
# last read (tui.store.postgres_sql.read_states).
MIGRATIONS.append(
    (
        5,
        """
        ALTER TABLE review_state ADD COLUMN IF NOT EXISTS xid xid8 NOT NULL DEFAULT '0';
        CREATE INDEX IF NOT EXISTS review_state_xid ON review_state (xid);
        CREATE OR REPLACE FUNCTION form4_update_state(p_id text, p_reviewer text, p_at text, p_set_mark boolean,
                                           p_reviewed boolean, p_set_note boolean, p_note text)
        RETURNS TABLE (o_reviewed boolean, o_reviewed_at text, o_note text, o_reviewed_by text,
                       o_note_by text, o_note_at text)
        LANGUAGE plpgsql AS $$
        DECLARE
            old review_state%ROWTYPE;
            n review_state%ROWTYPE;
        BEGIN
            -- the filing's row exists (a new one commits with this mark), then is locked: two marks of one
            -- filing take turns, so each history entry's "old" is what the one before it left
            INSERT INTO review_state AS r (filing_id, seq) VALUES (p_id, 0) ON CONFLICT (filing_id) DO NOTHING;
            SELECT * INTO old FROM review_state r WHERE r.filing_id = p_id FOR UPDATE;
            n := old;
            IF p_set_mark THEN
                n.reviewed := p_reviewed;
                n.reviewed_at := CASE WHEN p_reviewed THEN p_at END;
                n.reviewed_by := CASE WHEN p_reviewed THEN p_reviewer END;
            END IF;
            IF p_set_note THEN
                n.note := p_note;
                n.note_by := CASE WHEN p_note IS NOT NULL THEN p_reviewer END;
                n.note_at := p_at;
            END IF;
            UPDATE review_state r SET reviewed = n.reviewed, reviewed_at = n.reviewed_at,
                reviewed_by = n.reviewed_by, note = n.note, note_by = n.note_by, note_at = n.note_at,
                seq = nextval('form4_changes'), xid = pg_current_xact_id()
                WHERE r.filing_id = p_id;
            INSERT INTO review_history (filing_id, at, reviewer, old_reviewed, new_reviewed, old_note, new_note)
                VALUES (p_id, p_at, p_reviewer, old.reviewed, n.reviewed, old.note, n.note);
            RETURN QUERY SELECT n.reviewed, n.reviewed_at, n.note, n.reviewed_by, n.note_by, n.note_at;
        END $$;
        """,
    )
)

# 6: the database's identity, a random token: a local copy of the summaries (`tui.store.postgres_cache`)
# is named by it, so a database made again under an old name never matches the copy of the one before.
# `migrate` makes a new one whenever it applied a migration (a migration may change rows without
# giving them a new change number: every copy made before is then ignored).
_NEW_TOKEN = "md5(random()::text || clock_timestamp()::text || pg_backend_pid()::text)"
MIGRATIONS.append(
    (
        6,
        f"""
        CREATE TABLE IF NOT EXISTS store_identity (token text NOT NULL);
        INSERT INTO store_identity SELECT {_NEW_TOKEN} WHERE NOT EXISTS (SELECT 1 FROM store_identity);
        """,
    )
)

LATEST = MIGRATIONS[-1][0]


def migrate(conn: psycopg.Connection[Any], location: str) -> str:
    """Bring the database's schema up to LATEST (in one transaction); refuse a newer one. Returns the
    database's identity token (schema 6)."""
    try:  # the usual case, without a lock: the schema is this form4's
        sql = "SELECT (SELECT max(version) FROM schema_version), (SELECT token FROM store_identity)"
        found = conn.execute(sql).fetchone()
        if found is not None and found[0] == LATEST and found[1]:
            return str(found[1])
    except psycopg.errors.UndefinedTable:  # a new database, or one from before schema 6
        pass
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK_SCHEMA,))
        conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, applied_at text)")
        row = conn.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()
        current = int(row[0]) if row else 0
        if current > LATEST:
            raise StoreError(
                f"{location}: this database was set up by a newer form4 (schema {current}, this form4 "
                f"knows up to {LATEST}); upgrade form4 to use it"
            )
        applied = False
        for version, step in MIGRATIONS:
            if version > current:
                applied = True
                if isinstance(step, str):
                    conn.execute(step.encode())
                else:
                    step(conn)
                conn.execute("INSERT INTO schema_version VALUES (%s, %s)", (version, now_iso()))
        if applied:
            conn.execute(f"UPDATE store_identity SET token = {_NEW_TOKEN}")
        token = conn.execute("SELECT token FROM store_identity").fetchone()
    assert token is not None
    return str(token[0])
