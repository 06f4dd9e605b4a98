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

#: advisory lock keys (one namespace: the bytes of "f4" and a number)
LOCK_SCHEMA = 0x6634_0001
LOCK_FILINGS = 0x6634_0002
LOCK_STATE = 0x6634_0003
#: the LISTEN/NOTIFY channel on which every write announces itself ("filings:<seq>" / "state:<seq>")
CHANNEL = "form4_changes"

MIGRATIONS: list[tuple[int, str]] = [
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

LATEST = MIGRATIONS[-1][0]
