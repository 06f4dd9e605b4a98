"""Issue 10, items 3, 9 and 10: store damage is said (one line, naming the file), never a
traceback, never a silent loss; a re-import rebuilds what is missing; a reviewed filing never
changes under its mark. Run through `form4` as a user would."""

from __future__ import annotations

import re
from pathlib import Path

from tests import hostile
from tests.cli.helpers import form4

SUBMISSION = Path(__file__).resolve().parents[2] / "sample_filings" / "amzn-ng-2024-04-12.txt"


def _store_with_three(tmp_path: Path) -> tuple[Path, list[Path], list[str]]:
    db = tmp_path / "db"
    files = [hostile.variant_xml(tmp_path, f"f{n}.xml", owner=f"Owner Number {n}") for n in range(3)]
    assert form4("--db", str(db), "import", "--workers", "1", *map(str, files)).returncode == 0
    ids = [line.split("\t")[0] for line in form4("--db", str(db), "list", "--format", "tsv").stdout.splitlines()]
    return db, files, ids


def _one_line_naming(result_stderr: str, name: str) -> None:
    assert "Traceback" not in result_stderr, result_stderr
    assert any(name in line for line in result_stderr.splitlines()), result_stderr


def test_damaged_shard_is_named_and_repaired_by_reimport(tmp_path: Path) -> None:  # item 9
    db, files, ids = _store_with_three(tmp_path)
    shard = next((db / "documents").glob("*.json"))
    shard.write_bytes(shard.read_bytes()[:100])  # truncated
    shown = form4("--db", str(db), "show", ids[0])
    assert shown.returncode == 2
    _one_line_naming(shown.stderr, shard.name)
    exported = form4("--db", str(db), "export", "--format", "csv", "--out", str(tmp_path / "x.csv"))
    assert exported.returncode != 0
    _one_line_naming(exported.stderr, shard.name)
    again = form4("--db", str(db), "import", "--workers", "1", *map(str, files))
    assert again.returncode == 0, again.stderr
    assert "3 unchanged" not in again.stdout  # the lost filings were rebuilt, not taken as already there
    for fid in ids:
        assert form4("--db", str(db), "show", fid).returncode == 0


def test_deleted_shard_is_said_and_repaired_by_reimport(tmp_path: Path) -> None:  # item 9
    db, files, ids = _store_with_three(tmp_path)
    shard = next((db / "documents").glob("*.json"))
    shard.unlink()
    shown = form4("--db", str(db), "show", ids[0])
    assert shown.returncode == 2
    _one_line_naming(shown.stderr, shard.name)
    out = tmp_path / "x.csv"
    exported = form4("--db", str(db), "export", "--format", "csv", "--out", str(out))
    assert "wrote 3 filing(s)" not in exported.stderr and exported.returncode != 0
    _one_line_naming(exported.stderr, shard.name)
    again = form4("--db", str(db), "import", "--workers", "1", *map(str, files))
    assert again.returncode == 0 and "3 unchanged" not in again.stdout, again.stdout
    for fid in ids:
        assert form4("--db", str(db), "show", fid).returncode == 0


def test_emptied_state_file_that_held_marks_is_not_replaced(tmp_path: Path) -> None:  # item 10
    for emptied in (b"", b"{}"):
        (tmp_path / f"run{len(emptied)}").mkdir()
        db, _files, ids = _store_with_three(tmp_path / f"run{len(emptied)}")
        assert form4("--db", str(db), "review", ids[0], "--note", "checked against the proxy").returncode == 0
        state = db / "user_state.json"
        state.write_bytes(emptied)
        marked = form4("--db", str(db), "review", ids[1])
        assert marked.returncode == 2, marked.stdout
        _one_line_naming(marked.stderr, "user_state.json")
        assert state.read_bytes() == emptied  # left for the user to restore, not overwritten


def test_same_accession_different_content_never_changes_a_reviewed_filing(tmp_path: Path) -> None:  # item 3
    db = tmp_path / "db"
    assert form4("--db", str(db), "import", str(SUBMISSION)).returncode == 0
    fid = form4("--db", str(db), "list", "--format", "tsv").stdout.split("\t")[0]
    assert form4("--db", str(db), "review", fid, "--note", "matches the proxy").returncode == 0
    forged = tmp_path / "forged.txt"
    text = SUBMISSION.read_text(encoding="utf-8")
    forged.write_text(re.sub(r"<rptOwnerName>[^<]*", "<rptOwnerName>Someone Else Entirely", text), encoding="utf-8")
    form4("--db", str(db), "import", str(forged))
    shown = form4("--db", str(db), "show", fid).stdout
    reviewed = "reviewed" in shown.splitlines()[1] if len(shown.splitlines()) > 1 else False
    if "Someone Else Entirely" in shown:  # a visible correction: the mark is gone, the history kept
        assert not reviewed, shown
    else:  # a different filing: the reviewed one is as it was
        assert "Ng Andrew" in shown and reviewed and "matches the proxy" in shown, shown
