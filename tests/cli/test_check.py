"""`form4 check` as a user runs it, on a store of the corpus's filings (each from its richest source)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.cli.helpers import form4
from tests.conftest import CORPUS, needs_corpus

pytestmark = needs_corpus

AMD = "0000002488-24-000005"  # AMD, Darla Smith, filed 2024-01-17 (full submission)


def _sources() -> list[str]:
    found = []
    for folder in sorted(p for p in CORPUS.iterdir() if p.is_dir()):
        for name in ("source.txt", "source.nc", "source.xml"):
            if (folder / name).is_file():
                found.append(str(folder / name))
                break
    return found


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("check") / "db"
    result = form4("--db", str(db), "import", *_sources())
    assert result.returncode == 0, result.stderr
    return db


def test_check_the_whole_store_as_json(store: Path):
    result = form4("--db", str(store), "check", "--format", "json")
    assert result.returncode == 0, result.stderr
    objects = json.loads(result.stdout)
    kinds = sorted(f["kind"] for o in objects for f in o["findings"])
    # the same findings as over the corpus files (tests/checks/test_corpus.py)
    assert kinds == ["code_direction"] + ["holdings_continuity"] * 10 + ["late_filing"] * 7
    late = next(o for o in objects if o["accession"] == "0001493152-25-009612")
    assert set(late) == {"id", "accession", "form", "findings"}
    assert late["form"] == "4"
    assert late["findings"] == [
        {
            "kind": "late_filing",
            "message": "Filed 2025-03-07, 58 business days after the 2024-12-09 transaction (due 2024-12-11); "
            "2 rows late: Table I row 1; Table II row 1",
            "rows": [["table1", 0], ["table2", 0]],
            "fields": ["transaction_date"],
            "related": [],
        }
    ]


def test_kind_filter_and_text(store: Path):
    result = form4("--db", str(store), "check", "--kind", "late_filing")
    assert result.returncode == 0, result.stderr
    assert "holdings_continuity" not in result.stdout
    assert "late_filing: Filed 2020-09-10, 633 days after the deadline" in " ".join(result.stdout.split())
    assert result.stdout.splitlines()[-1] == "7 filing(s) shown, 7 with findings: late_filing 7"


def test_a_stored_filing_without_findings(store: Path):
    result = form4("--db", str(store), "check", AMD, "--format", "json")
    assert result.returncode == 0, result.stderr
    one = json.loads(result.stdout)
    assert one["accession"] == AMD and one["findings"] == []


def test_a_file_is_checked_against_the_store(store: Path, tmp_path: Path):
    # DERIVED from the real AMD filing: a 4/A of the 2024-01-17 submission correcting Table II row 1 (473 -> 472)
    xml = (CORPUS / AMD / "source.xml").read_bytes()
    xml = xml.replace(b"<documentType>4</documentType>", b"<documentType>4/A</documentType>")
    xml = xml.replace(
        b"<periodOfReport>2024-01-15</periodOfReport>",
        b"<periodOfReport>2024-01-15</periodOfReport><dateOfOriginalSubmission>2024-01-17</dateOfOriginalSubmission>",
    )
    xml = xml.replace(b"<value>473</value>", b"<value>472</value>")
    amendment = tmp_path / "amd-4a.xml"
    amendment.write_bytes(xml)
    shown = json.loads(form4("--db", str(store), "show", AMD, "--format", "json").stdout)
    result = form4("--db", str(store), "check", str(amendment), "--format", "json")
    assert result.returncode == 0, result.stderr
    [finding] = json.loads(result.stdout)["findings"]
    assert finding["kind"] == "amendment"
    assert finding["related"] == [shown["id"]]
    assert finding["message"].endswith("Table II row 1 shares owned following 473 → 472")


def test_unknown_id_and_unreadable_file(store: Path, tmp_path: Path):
    junk = tmp_path / "junk.txt"
    junk.write_text("hello")
    result = form4("--db", str(store), "check", "nosuchid", str(junk))
    assert result.returncode == 1
    assert "no filing 'nosuchid' in" in result.stderr
    assert f"{junk}: not a filing" in result.stderr


def test_findings_filter_every_listing_command(store: Path):
    listed = json.loads(form4("--db", str(store), "list", "--has-findings", "--format", "json").stdout)
    assert len(listed) == 18
    clean = json.loads(form4("--db", str(store), "list", "--no-findings", "--limit", "0", "--format", "json").stdout)
    assert len(clean) == 102
    late = json.loads(form4("--db", str(store), "list", "--finding", "late_filing", "--format", "json").stdout)
    assert len(late) == 7
    found = form4("--db", str(store), "search", "hoffman", "--finding", "holdings_continuity", "--format", "json")
    assert len(json.loads(found.stdout)) == 8  # Reid Hoffman: LinkedIn, Zynga and Joby


def test_findings_in_the_export(store: Path):
    exported = json.loads(form4("--db", str(store), "export", "--finding", "late_filing").stdout)
    assert len(exported) == 7
    assert all(o["findings"] and o["findings"][0]["kind"] == "late_filing" for o in exported)
    assert list(exported[0])[:7] == ["id", "accession", "filed", "reviewed", "reviewed_at", "note", "findings"]
    rows = list(csv.DictReader(io.StringIO(form4("--db", str(store), "export", "--format", "csv").stdout)))
    late = [r for r in rows if r["accession"] == "0001493152-25-009612"]
    assert late and all(r["findings"].startswith("late_filing: Filed 2025-03-07, 58 business days after") for r in late)
    assert all(r["findings"] == "" for r in rows if r["accession"] == AMD)
