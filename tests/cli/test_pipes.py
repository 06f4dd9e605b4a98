"""Issue 11, item 11: into a pipe `list` and `search` print plain tab-separated lines, and
`--format table|tsv|csv|json` works on list, search and show. Expected values are read from the
sample filings themselves (sample_filings/README.md and the XML)."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from tests.cli.helpers import form4

BOX = re.compile("[\u2500-\u257f]")  # box-drawing characters
FIELDS = [
    "id", "date", "form", "ticker", "issuer", "owners", "codes", "reviewed", "reviewed_at", "accession", "note", "plan",
]  # fmt: skip


def test_list_into_a_pipe_is_one_plain_line_per_filing(sample_db: Path) -> None:
    result = form4("--db", str(sample_db), "list")
    assert result.returncode == 0
    assert not BOX.search(result.stdout)
    lines = result.stdout.splitlines()
    assert len(lines) == 8  # the 8 XML / full-submission samples, no header, no count line
    assert all(len(line.split("\t")) == len(FIELDS) for line in lines)
    clrb = [line.split("\t") for line in lines if "\tCLRB\t" in line]
    assert len(clrb) == 1
    assert clrb[0][2:6] == ["4", "CLRB", "Cellectar Biosciences, Inc.", "CARUSO JAMES V"]
    assert clrb[0][6] == "A"


def test_list_as_json_and_csv(sample_db: Path) -> None:
    as_json = json.loads(form4("--db", str(sample_db), "list", "--format", "json").stdout)
    assert len(as_json) == 8 and list(as_json[0]) == FIELDS
    by_ticker = {r["ticker"]: r for r in as_json}
    assert by_ticker["SNOW"]["form"] in {"3", "5"}
    lnkd = [r for r in as_json if r["ticker"] == "LNKD"]
    assert {r["date"] for r in lnkd} == {"2011-05-18", "2011-05-26"}  # no filed date in an XML: the signature date
    assert all(r["reviewed"] is False for r in as_json)

    as_csv = list(csv.DictReader(io.StringIO(form4("--db", str(sample_db), "list", "--format", "csv").stdout)))
    assert [r["id"] for r in as_csv] == [r["id"] for r in as_json]
    assert as_csv[0].keys() == set(FIELDS)


def test_the_table_is_still_there_when_asked_for(sample_db: Path) -> None:
    result = form4("--db", str(sample_db), "list", "--format", "table")
    assert BOX.search(result.stdout) and "8 filing(s)" in result.stdout


def test_a_cut_list_says_so_on_stderr_only(sample_db: Path) -> None:
    result = form4("--db", str(sample_db), "list", "--limit", "3")
    assert len(result.stdout.splitlines()) == 3
    assert "8 filing(s) (showing 3" in result.stderr


def test_search_into_a_pipe_and_as_json(sample_db: Path) -> None:
    result = form4("--db", str(sample_db), "search", "hoffman")
    assert result.returncode == 0 and not BOX.search(result.stdout)
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert len(rows) == 2 and {r[3] for r in rows} == {"LNKD"}
    found = json.loads(form4("--db", str(sample_db), "search", "caruso", "--format", "json").stdout)
    assert [r["owners"] for r in found] == [["CARUSO JAMES V"]]


def test_show_formats(sample_db: Path) -> None:
    fid = json.loads(form4("--db", str(sample_db), "search", "caruso", "--format", "json").stdout)[0]["id"]
    as_json = json.loads(form4("--db", str(sample_db), "show", fid, "--format", "json").stdout)
    assert as_json["id"] == fid and as_json["issuer"]["ticker"] == "CLRB"
    assert as_json["derivative"][0]["conversion_or_exercise_price"] == "1.68"

    rows = list(csv.DictReader(io.StringIO(form4("--db", str(sample_db), "show", fid, "--format", "csv").stdout)))
    assert [r["table"] for r in rows] == ["I", "II"]
    assert rows[0]["shares"] == "40596" and rows[0]["code"] == "A"

    tsv = form4("--db", str(sample_db), "show", fid, "--format", "tsv").stdout.splitlines()
    assert len(tsv) == 2 and all("\n" not in line for line in tsv)
    assert tsv[1].split("\t")[0] == fid

    shown = form4("--db", str(sample_db), "show", fid)  # into a pipe: still the filing for reading
    assert "Cellectar Biosciences, Inc." in shown.stdout and "Table II" in shown.stdout
