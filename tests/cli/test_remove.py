"""Issue 11, item 14: `form4 remove ID...` takes filings out of the store, parsed data only: a mark
and a note stay (and find the filing again when it is imported again) unless --forget-review."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.cli.helpers import form4
from tests.conftest import SAMPLES

CLRB = SAMPLES / "clrb-caruso-2023-12-12.xml"


def _listed(db: Path, *args: str) -> list[dict[str, Any]]:
    result = form4("--db", str(db), "list", "--limit", "0", "--format", "json", *args)
    return list(json.loads(result.stdout)) if result.stdout.strip() else []


def test_remove_keeps_the_review_for_a_later_import(sample_db: Path, copy_of: Any) -> None:
    db = copy_of(sample_db)
    [clrb] = _listed(db, "--ticker", "CLRB")
    assert form4("--db", str(db), "review", clrb["id"], "--note", "grant checked").returncode == 0

    removed = form4("--db", str(db), "remove", clrb["id"])
    assert removed.returncode == 0 and removed.stdout.strip() == f"removed {clrb['id']}"
    assert len(_listed(db)) == 7 and not _listed(db, "--ticker", "CLRB")
    assert form4("--db", str(db), "show", clrb["id"]).returncode == 1
    assert form4("--db", str(db), "search", "caruso").returncode == 1

    again = form4("--db", str(db), "import", str(CLRB))
    assert again.returncode == 0 and again.stdout.startswith("1 imported")
    [back] = _listed(db, "--ticker", "CLRB")
    assert back["id"] == clrb["id"] and back["reviewed"] is True and back["note"] == "grant checked"


def test_forget_review_clears_the_mark_and_the_note(sample_db: Path, copy_of: Any) -> None:
    db = copy_of(sample_db)
    [clrb] = _listed(db, "--ticker", "CLRB")
    form4("--db", str(db), "review", clrb["id"], "--note", "grant checked")
    assert form4("--db", str(db), "remove", "--forget-review", clrb["id"]).returncode == 0
    form4("--db", str(db), "import", str(CLRB))
    [back] = _listed(db, "--ticker", "CLRB")
    assert back["reviewed"] is False and back["note"] is None


def test_several_by_accession_and_a_missing_one(sample_db: Path, copy_of: Any) -> None:
    db = copy_of(sample_db)
    [amzn] = _listed(db, "--ticker", "AMZN")
    [clrb] = _listed(db, "--ticker", "CLRB")
    result = form4("--db", str(db), "remove", "000101872424000077", "no-such-filing", clrb["id"][:8])
    assert result.returncode == 1  # one was not found: said, the others removed
    assert "no filing 'no-such-filing'" in result.stderr
    assert result.stdout.splitlines() == [f"removed {amzn['id']}", f"removed {clrb['id']}"]
    assert len(_listed(db)) == 6
