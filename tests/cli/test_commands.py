"""The `form4` command as a user runs it."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.cli.helpers import form4
from tests.conftest import CORPUS, SEED, needs_corpus, needs_seed
from tui.cli import main


def test_help_lists_every_command() -> None:
    result = form4("--help")
    assert result.returncode == 0
    for command in ("parse", "import", "list", "search", "show", "review", "export"):
        assert command in result.stdout
    assert "FORM4_DB" in result.stdout


@pytest.mark.parametrize("command", ["parse", "import", "search", "show", "review", "export", "list"])
def test_each_command_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main([command, "--help"])
    assert exited.value.code == 0
    assert "usage: form4" in capsys.readouterr().out


@needs_corpus
@needs_seed
def test_import_search_show_review_export(tmp_path: Path) -> None:
    db = tmp_path / "db"
    bad = tmp_path / "broken.xml"
    bad.write_text("<ownershipDocument><issuer>")
    sources = [str(p) for p in sorted(CORPUS.glob("*/source.xml"))]
    result = form4("--db", str(db), "import", *sources, str(SEED / "source.xml"), str(bad))
    assert result.returncode == 1  # one file failed; the rest was imported
    assert f"failed: {bad}: malformed XML" in result.stderr
    assert "121 imported" in result.stdout and "1 failed" in result.stdout

    again = form4("import", *sources, env_db=db)  # FORM4_DB names the same store
    assert again.returncode == 0 and again.stdout.startswith("0 imported")

    found = form4("--db", str(db), "search", "caruso", "james")
    assert found.returncode == 0 and "CARUSO JAMES V" in found.stdout and "CLRB" in found.stdout
    fid = found.stdout.split("\t")[0]  # into a pipe: one tab-separated line per filing, the id first
    assert len(fid) >= 8

    shown = form4("--db", str(db), "show", fid)
    assert shown.returncode == 0
    for text in ("Cellectar Biosciences, Inc.", "CARUSO JAMES V", "$1.68", "261,000", "(1)", "Attorney infact"):
        assert text in shown.stdout, text

    reviewed = form4("--db", str(db), "review", fid, "--note", "looked fine")
    assert reviewed.returncode == 0 and "reviewed at" in reviewed.stdout
    listed = form4("--db", str(db), "list", "--reviewed")
    assert len(listed.stdout.splitlines()) == 1 and "\tCLRB\t" in listed.stdout

    out = tmp_path / "rows.csv"
    exported = form4("--db", str(db), "export", "--format", "csv", "--ticker", "CLRB", "--out", str(out))
    assert exported.returncode == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert [r["table"] for r in rows] == ["I", "II"]
    assert rows[1]["conversion_or_exercise_price"] == "1.68"
    assert rows[1]["footnotes"] == "transactionDate: F1; exerciseDate: F2"
    assert rows[0]["owners"] == "CARUSO JAMES V"

    as_json = form4("--db", str(db), "export", "--format", "json", "--ticker", "CLRB")
    [exported_filing] = json.loads(as_json.stdout)
    store_fields = {k: exported_filing.pop(k) for k in ("id", "accession", "filed", "reviewed", "reviewed_at", "note")}
    assert exported_filing == json.loads((SEED / "expected.json").read_text())
    assert store_fields["id"] == fid and store_fields["reviewed"] is True and store_fields["note"] == "looked fine"


def test_show_unknown_id_says_so(tmp_path: Path) -> None:
    result = form4("--db", str(tmp_path / "db"), "show", "nope")
    assert result.returncode == 1
    assert "no filing 'nope'" in result.stderr


def test_db_that_is_a_file_is_a_clear_error(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    result = form4("--db", str(not_a_folder), "list")
    assert result.returncode == 2
    assert "not a store folder" in result.stderr
