"""Issue 11, item 12: the CSV export carries what a reviewer's spreadsheet needs, counts and keeps
every filing (one line for a filing without rows), `--code` keeps only the rows with that code, and
the JSON export says which stored filing each object is. Expected values come from the filings
(the corpus's expected.json, the sample XML and full-submission headers)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from tests.cli.helpers import form4
from tests.conftest import CORPUS


def _csv(db: Path, *args: str) -> list[dict[str, str]]:
    result = form4("--db", str(db), "export", "--format", "csv", *args)
    assert result.returncode == 0, result.stderr
    return list(csv.DictReader(io.StringIO(result.stdout)))


def _expected() -> list[dict[str, Any]]:
    return [
        json.loads(p.read_text()) for p in sorted(CORPUS.glob("*/expected.json")) if (p.parent / "source.xml").is_file()
    ]


def test_csv_has_the_reviewers_columns(sample_db: Path) -> None:
    header = form4("--db", str(sample_db), "export", "--format", "csv").stdout.splitlines()[0].split(",")
    for column in ("filing_id", "accession", "filed", "period", "owner_ciks", "relationships", "aff10b5_one",
                   "reviewed", "reviewed_at", "note", "footnotes", "footnote_text"):  # fmt: skip
        assert column in header, column


def test_csv_values_come_from_the_filing(sample_db: Path, copy_of: Any) -> None:
    db = copy_of(sample_db)
    amzn = [r for r in _csv(db) if r["ticker"] == "AMZN"]
    assert len(amzn) == 1  # one Table II row
    assert amzn[0]["accession"] == "0001018724-24-000077" and amzn[0]["filed"] == "2024-04-12"
    assert amzn[0]["owner_ciks"] == "0001851101" and amzn[0]["aff10b5_one"] == "0"
    assert amzn[0]["period"] == "2024-04-12"

    found = json.loads(form4("--db", str(db), "search", "caruso", "--format", "json").stdout)
    fid = found[0]["id"]
    assert form4("--db", str(db), "review", fid, "--note", "checked the grant").returncode == 0
    clrb = _csv(db, "--ticker", "CLRB")
    assert [r["table"] for r in clrb] == ["I", "II"]
    assert all(r["reviewed"] == "1" and r["note"] == "checked the grant" and r["reviewed_at"] for r in clrb)
    assert clrb[0]["relationships"] == "Director, Officer (President and CEO)"
    assert clrb[0]["period"] == "2023-06-23"
    # the option row cites F1 (transaction date) and F2 (exercise date): their text, each once
    text = clrb[1]["footnote_text"]
    assert text.startswith("F1: This option was contingently granted on January 16, 2023")
    assert "\nF2: This option shall vest over a period of three years" in text
    assert clrb[0]["footnote_text"] == ""


def test_json_export_says_which_stored_filing(sample_db: Path, copy_of: Any) -> None:
    db = copy_of(sample_db)
    exported = json.loads(form4("--db", str(db), "export", "--ticker", "AMZN").stdout)
    assert len(exported) == 1
    amzn = exported[0]
    assert amzn["accession"] == "0001018724-24-000077" and amzn["filed"] == "2024-04-12"
    assert amzn["reviewed"] is False and amzn["reviewed_at"] is None and amzn["note"] is None
    listed = json.loads(form4("--db", str(db), "list", "--ticker", "AMZN", "--format", "json").stdout)
    assert amzn["id"] == listed[0]["id"]
    form4("--db", str(db), "review", amzn["id"], "--note", "ok")
    again = json.loads(form4("--db", str(db), "export", "--ticker", "AMZN").stdout)[0]
    assert again["reviewed"] is True and again["note"] == "ok" and again["reviewed_at"]


def test_every_filing_is_exported_and_counted(corpus_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "rows.csv"
    result = form4("--db", str(corpus_db), "export", "--format", "csv", "--out", str(out))
    assert result.returncode == 0
    expected = _expected()
    assert f"wrote {len(expected)} filing(s)" in result.stderr
    lines = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    rows = [len(e["non_derivative"]) + len(e["derivative"]) for e in expected]
    assert len(lines) == sum(max(1, n) for n in rows)  # a filing without rows is one line
    assert len({line["filing_id"] for line in lines}) == len(expected)
    # a Form 3 that reports no securities (MediaAlpha, Moyer): one line, row columns empty
    [moyer] = [line for line in lines if line["owners"] == "Moyer Jennifer L"]
    assert moyer["form"] == "3" and moyer["table"] == "" and moyer["security_title"] == ""
    assert moyer["period"] == "2020-10-28" and moyer["owner_ciks"] == "0001830121"
    assert moyer["relationships"].startswith("Director")


def test_code_keeps_only_the_rows_with_that_code(corpus_db: Path) -> None:
    lines = _csv(corpus_db, "--code", "S")
    expected = sum(1 for e in _expected() for row in e["non_derivative"] + e["derivative"] if row.get("code") == "S")
    assert expected > 0 and len(lines) == expected
    assert {line["code"] for line in lines} == {"S"}
