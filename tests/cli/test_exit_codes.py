"""Issue 11, item 13: exit codes as the README states them (0 done, 1 nothing found or a file not
read, 2 the store, 3 a wrong command line, 4 the output cannot be written), a closed pipe is not an
error, --db anywhere on the line, ids by accession without dashes, an ambiguous prefix said as
such, a note without a mark, and a missing path said instead of opening the explorer."""

from __future__ import annotations

import collections
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.cli.helpers import form4
from tests.conftest import REPO, SAMPLES, needs_corpus, write_variants


def _id_of(db: Path, ticker: str) -> str:
    listed = json.loads(form4("--db", str(db), "list", "--ticker", ticker, "--format", "json").stdout)
    assert len(listed) == 1
    return str(listed[0]["id"])


def test_nothing_found_is_1(sample_db: Path) -> None:
    for command in (["list", "--ticker", "NOPE"], ["export", "--ticker", "NOPE"], ["search", "zzyzx qwv"]):
        result = form4("--db", str(sample_db), *command)
        assert result.returncode == 1, command
        assert result.stderr.strip(), command
    assert form4("--db", str(sample_db), "show", "ffffffffffff").returncode == 1


def test_a_wrong_command_line_is_3_not_the_stores_2(sample_db: Path) -> None:
    bad_date = form4("--db", str(sample_db), "list", "--since", "2023-13-01")
    assert bad_date.returncode == 3 and "not a date" in bad_date.stderr
    assert form4("--db", str(sample_db), "list", "--no-such-option").returncode == 3


def test_an_unwritable_out_is_4(sample_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "rows.csv"
    result = form4("--db", str(sample_db), "export", "--format", "csv", "--out", str(target))
    assert result.returncode == 4
    assert str(target) in result.stderr and "No such file or directory" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_the_store_is_2(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    assert form4("--db", str(not_a_folder), "list").returncode == 2


def _closed_pipe(*args: str) -> subprocess.CompletedProcess[bytes]:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(REPO), "COLUMNS": "200", "FORM4_PG_CACHE": "off"}
    child = subprocess.Popen(
        [sys.executable, "-m", "tui", *args], cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert child.stdout is not None and child.stderr is not None
    child.stdout.close()  # the reader has gone before the first line: `form4 … | true`
    stderr = child.stderr.read()
    return subprocess.CompletedProcess(child.args, child.wait(timeout=120), b"", stderr)


def test_a_closed_pipe_is_not_an_error(sample_db: Path) -> None:
    for args in (
        ["parse", *map(str, sorted(SAMPLES.glob("*.xml")))],
        ["parse", "--format", "json", *map(str, sorted(SAMPLES.glob("*.xml")))],
        ["--db", str(sample_db), "list"],
        ["--db", str(sample_db), "list", "--format", "table"],
        ["--db", str(sample_db), "export"],
    ):
        result = _closed_pipe(*args)
        assert result.returncode == 0, (args, result.stderr)
        assert result.stderr == b"", args


def test_db_anywhere_on_the_line(sample_db: Path) -> None:
    after = form4("list", "--db", str(sample_db))
    assert after.returncode == 0 and len(after.stdout.splitlines()) == 8
    fid = _id_of(sample_db, "CLRB")
    shown = form4("show", fid, "--db", str(sample_db))
    assert shown.returncode == 0 and "Cellectar Biosciences, Inc." in shown.stdout


def test_an_accession_without_dashes(sample_db: Path) -> None:
    shown = form4("--db", str(sample_db), "show", "000101872424000077", "--format", "json")
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["accession"] == "0001018724-24-000077"


def test_a_note_without_a_mark(sample_db: Path, copy_of: Any) -> None:
    db = copy_of(sample_db)
    fid = _id_of(db, "AMZN")
    noted = form4("--db", str(db), "note", fid, "ask", "about", "the", "RSUs")
    assert noted.returncode == 0 and "ask about the RSUs" in noted.stdout
    [state] = json.loads(form4("--db", str(db), "list", "--ticker", "AMZN", "--format", "json").stdout)
    assert state["note"] == "ask about the RSUs" and state["reviewed"] is False
    assert "ask about the RSUs" in form4("--db", str(db), "note", fid).stdout
    assert form4("--db", str(db), "note", fid, "--remove").returncode == 0
    [state] = json.loads(form4("--db", str(db), "list", "--ticker", "AMZN", "--format", "json").stdout)
    assert state["note"] is None and state["reviewed"] is False


def test_a_missing_path_is_said_not_opened(tmp_path: Path) -> None:
    result = form4("--db", str(tmp_path / "db"), "/nonexistent/filings")
    assert result.returncode == 3
    assert result.stderr.strip() == "form4: /nonexistent/filings: no such file or folder"
    typo = form4("--db", str(tmp_path / "db"), "lsit")
    assert typo.returncode == 3 and "nor a command" in typo.stderr


@needs_corpus
def test_an_ambiguous_prefix_is_said(tmp_path: Path) -> None:
    db = tmp_path / "db"
    write_variants(tmp_path / "v", 300)  # distinct filings; their content ids share some 4-character starts
    assert form4("--db", str(db), "import", str(tmp_path / "v")).returncode == 0
    ids = [line.split("\t")[0] for line in form4("--db", str(db), "list", "--limit", "0").stdout.splitlines()]
    shared = [p for p, n in collections.Counter(i[:4] for i in ids).items() if n > 1]
    assert shared, "no two of the 300 ids share 4 characters"
    result = form4("--db", str(db), "show", shared[0])
    assert result.returncode == 1
    assert f"'{shared[0]}' is the start of 2 filing ids" in result.stderr
