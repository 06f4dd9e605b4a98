"""What only the PostgreSQL backend has: its schema and migrations, one-line errors for a wrong URL,
a refused password and a server that goes away, the append-only history table, live changes."""

from __future__ import annotations

import threading
import time
import uuid

import psycopg
import pytest

from tests.conftest import CORPUS, needs_corpus
from tests.store.pg_server import PgServer
from tui.importer import import_paths
from tui.store import StoreError, open_store
from tui.store.postgres_schema import LATEST


@pytest.fixture
def url(pg_server: PgServer) -> str:
    return pg_server.create_database(f"t_{uuid.uuid4().hex[:12]}")


def test_schema_is_created_and_versioned_and_a_newer_one_refused(url: str, pg_server: PgServer) -> None:
    open_store(url).close()
    open_store(url).close()  # a second open migrates nothing
    with psycopg.connect(url) as conn:
        assert conn.execute("SELECT version FROM schema_version ORDER BY version").fetchall() == [
            (v,) for v in range(1, LATEST + 1)
        ]
        conn.execute("INSERT INTO schema_version VALUES (%s, 'later')", (LATEST + 1,))
    with pytest.raises(StoreError) as err:
        open_store(url)
    message = str(err.value)
    assert message.startswith(f"postgresql://postgres@127.0.0.1:{pg_server.port}/")
    assert "set up by a newer form4" in message and "form4-test-secret" not in message


def test_a_wrong_url_and_a_refused_password_are_one_line_naming_the_server(pg_server: PgServer) -> None:
    with pytest.raises(StoreError) as err:
        open_store(pg_server.url(password="wrong"))
    assert "\n" not in str(err.value) and "wrong" not in str(err.value)
    assert str(err.value).startswith(f"postgresql://postgres@127.0.0.1:{pg_server.port}/postgres: cannot connect: ")
    assert "password authentication failed" in str(err.value)
    with pytest.raises(StoreError) as err:
        open_store(pg_server.url("no_such_database"))
    assert "\n" not in str(err.value) and 'database "no_such_database" does not exist' in str(err.value)
    with pytest.raises(StoreError) as err:
        open_store("postgresql://postgres:x@127.0.0.1:1/db")  # nothing listens on port 1
    assert "\n" not in str(err.value) and str(err.value).startswith("postgresql://postgres@127.0.0.1:1/db: ")


def test_the_history_table_cannot_be_rewritten(url: str) -> None:
    with psycopg.connect(url) as conn:
        open_store(url).close()
        conn.execute("INSERT INTO review_history (filing_id, at, reviewer, old_reviewed, new_reviewed) "
                     "VALUES ('x', 'now', 'ann', false, true)")  # fmt: skip
        conn.commit()
        for sql in ("UPDATE review_history SET reviewer = 'bob'", "DELETE FROM review_history",
                    "TRUNCATE review_history"):  # fmt: skip
            with pytest.raises(psycopg.errors.RaiseException, match="append-only"):
                conn.execute(sql)
            conn.rollback()
        assert conn.execute("SELECT reviewer FROM review_history").fetchall() == [("ann",)]


@needs_corpus
def test_a_server_gone_mid_session_is_one_line_and_no_mark_is_reported_saved(url: str, pg_server: PgServer) -> None:
    store = open_store(url, reviewer="ann")
    import_paths(store, [CORPUS / "apple-cook-2019-08-24"])
    fid = store.ids()[0]
    store.set_reviewed(fid)
    pg_server.halt()
    try:
        for call in (lambda: store.set_note(fid, "lost"), store.refresh, lambda: store.get(fid)):
            with pytest.raises(StoreError) as err:
                call()
            assert "\n" not in str(err.value), err.value
            assert str(err.value).startswith(f"postgresql://postgres@127.0.0.1:{pg_server.port}/"), err.value
        assert store.state(fid).reviewed and store.state(fid).note is None  # what it showed is kept
    finally:
        pg_server.resume()
    store.set_note(fid, "after the restart")  # the same store works again: its connections are made anew
    history = open_store(url).history(fid)
    assert [h.new_note for h in history] == [None, "after the restart"]  # the failed note was never saved
    store.close()


@needs_corpus
def test_another_reviewers_mark_is_seen_within_two_seconds(url: str) -> None:
    import_paths(open_store(url), [CORPUS / "apple-cook-2019-08-24"])
    mine, theirs = open_store(url, reviewer="ann"), open_store(url, reviewer="bob")
    fid = mine.ids()[0]
    assert not mine.has_changed()
    threading.Timer(0.3, lambda: theirs.set_reviewed(fid)).start()
    started = time.monotonic()
    assert mine.wait_for_change(5.0)
    assert time.monotonic() - started < 2.0
    mine.refresh()
    assert mine.state(fid).reviewed_by == "bob"
    mine.close()
    theirs.close()


@needs_corpus
def test_marks_on_different_filings_do_not_wait_and_one_committed_late_is_still_seen(url: str) -> None:
    """Schema 5: a mark locks its own filing's state row only. A mark that commits after a later one
    (its change number is smaller) is still read by another client (readers go by transaction id)."""
    import_paths(open_store(url), [CORPUS / "apple-cook-2019-08-24", CORPUS / "0000002488-24-000005"])
    watcher, bob = open_store(url, reviewer="watcher"), open_store(url, reviewer="bob")
    first, second = watcher.ids()
    slow = psycopg.connect(url)  # a reviewer whose mark of `first` is slow to commit
    slow.execute("SELECT * FROM form4_update_state(%s, 'ann', '2026-12-01T23:00:00+00:00', true, true, false, null)",
                 (first,))  # fmt: skip
    done = threading.Event()
    threading.Thread(target=lambda: (bob.set_reviewed(second), done.set()), daemon=True).start()
    assert done.wait(10), "a mark on another filing waited for the open transaction"
    watcher.refresh()
    assert watcher.state(second).reviewed_by == "bob" and not watcher.state(first).reviewed
    slow.commit()  # ann's mark commits after bob's, with the smaller change number
    assert watcher.has_changed()
    watcher.refresh()
    assert watcher.state(first).reviewed_by == "ann"
    assert not watcher.has_changed()
    # the same filing: a second mark waits for the first one's transaction, and its history's "old" is it
    slow.execute("SELECT * FROM form4_update_state(%s, 'ann', '2026-12-01T23:01:00+00:00', false, false, true, 'x')",
                 (first,))  # fmt: skip
    done.clear()
    threading.Thread(target=lambda: (bob.set_note(first, "y"), done.set()), daemon=True).start()
    assert not done.wait(1.0)
    slow.commit()
    assert done.wait(10)
    assert [(h.reviewer, h.old_note, h.new_note) for h in bob.history(first)][-2:] == [
        ("ann", None, "x"),
        ("bob", "x", "y"),
    ]
    slow.close()
    watcher.close()
    bob.close()
