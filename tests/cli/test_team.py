"""`form4 copy-store` (TinyDB ⇄ PostgreSQL, verified), `form4 history`, and who marks: --reviewer,
FORM4_REVIEWER, else the OS user — run as a user runs them."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import uuid
from pathlib import Path

from tests.conftest import CORPUS, REPO, needs_corpus
from tests.store.pg_server import PgServer
from tui.store import open_store


def form4(*args: str, reviewer: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(REPO), "COLUMNS": "200", "USER": "osuser", "LOGNAME": "osuser"}
    # the team store's local copy of its summaries goes where the test server's fixture says, never into
    # the checkout (HOME is the checkout here)
    env["FORM4_PG_CACHE"] = os.environ.get("FORM4_PG_CACHE", "off")
    if reviewer:
        env["FORM4_REVIEWER"] = reviewer
    return subprocess.run(
        [sys.executable, "-m", "tui", *args], cwd=REPO, capture_output=True, text=True, env=env, timeout=300
    )


@needs_corpus
def test_copy_store_both_ways_with_history_and_reviewers(tmp_path: Path, pg_server: PgServer) -> None:
    folder = str(tmp_path / "db")
    filings = [str(CORPUS / "apple-cook-2019-08-24"), str(CORPUS / "0000002488-24-000005")]
    assert form4("--db", folder, "import", *filings).returncode == 0
    fid = open_store(folder).ids()[0]
    assert form4("--db", folder, "--reviewer", "ann", "review", fid, "--note", "grant ok").returncode == 0
    assert form4("--db", folder, "review", fid, "--undo", reviewer="bob").returncode == 0
    assert form4("--db", folder, "review", fid).returncode == 0  # the OS user
    url = pg_server.create_database(f"t_{uuid.uuid4().hex[:12]}")
    copied = form4("copy-store", folder, url)
    assert copied.returncode == 0, copied.stderr
    assert re.search(r"copied 2 filings, 1 review states, 4 history entries from .* verified", copied.stdout)
    assert "form4-test-secret" not in copied.stdout  # the password is never shown
    # the filters by reviewer: the OS user marked it last
    mine = form4("--db", url, "list", "--reviewed-by", "me", "--format", "tsv")
    assert [line.split("\t")[0] for line in mine.stdout.splitlines()] == [fid], mine.stderr
    assert form4(
        "--db", url, "--reviewer", "ann", "list", "--reviewed-by", "others", "--format", "tsv"
    ).stdout.startswith(fid)
    nobody = form4("--db", url, "list", "--reviewed-by", "nobody", "--format", "tsv").stdout.splitlines()
    assert len(nobody) == 1 and not nobody[0].startswith(fid)
    history = form4("--db", url, "history", fid)
    assert history.returncode == 0, history.stderr
    lines = [line for line in history.stdout.splitlines() if re.match(r"\s*\d{4}-\d\d-\d\dT", line)]
    assert [line.split()[1] for line in lines] == ["ann", "ann", "bob", "osuser"]
    assert "— → grant ok" in history.stdout and "reviewed → not reviewed" in history.stdout
    back = str(tmp_path / "back")
    copied_back = form4("copy-store", url, back)
    assert copied_back.returncode == 0, copied_back.stderr
    assert [h.reviewer for h in open_store(back).history(fid)] == ["ann", "ann", "bob", "osuser"]
    assert open_store(back).state(fid).reviewed_by == "osuser"
    refused = form4("copy-store", folder, back)  # into a store that is not empty
    assert refused.returncode == 2 and "not empty" in refused.stderr and len(refused.stderr.splitlines()) == 1


def test_a_refused_password_is_one_line_and_exit_2(pg_server: PgServer) -> None:
    result = form4("--db", pg_server.url(password="nope"), "list")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert "password authentication failed" in result.stderr and "nope" not in result.stderr


@needs_corpus
def test_a_mark_from_the_shell_is_announced_to_open_explorers(pg_server: PgServer) -> None:
    """`form4 review` ends right after its commit: the notice that open explorers listen for is sent
    before the process exits (the store is closed), not left to a thread the exit kills."""
    import psycopg

    from tui.store.postgres_schema import CHANNEL

    url = pg_server.create_database(f"t_{uuid.uuid4().hex[:12]}")
    assert form4("--db", url, "import", str(CORPUS / "apple-cook-2019-08-24")).returncode == 0
    fid = open_store(url).ids()[0]
    with psycopg.connect(url, autocommit=True) as listener:
        listener.execute(f"LISTEN {CHANNEL}")
        for _ in range(3):
            marked = form4("--db", url, "--reviewer", "ann", "review", fid)
            assert marked.returncode == 0, marked.stderr
            notices = [n.payload for n in listener.notifies(timeout=2, stop_after=1)]
            assert notices == ["state"], notices
            assert form4("--db", url, "review", fid, "--undo").returncode == 0
            assert [n.payload for n in listener.notifies(timeout=2, stop_after=1)] == ["state"]
