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


def _amd_variant(folder: Path, name: str, *, owner: bytes, title: bytes, owned_after_row2: bytes) -> Path:
    """DERIVED from the real AMD filing (rows: M +472 -> 6,076, then F -189 -> 5,887), with its owner's name,
    its security title and row 2's owned-after replaced."""
    xml = (CORPUS / AMD / "source.xml").read_bytes()
    xml = xml.replace(b"<rptOwnerName>SMITH DARLA M</rptOwnerName>", b"<rptOwnerName>" + owner + b"</rptOwnerName>")
    xml = xml.replace(b"<value>Common Stock</value>", b"<value>" + title + b"</value>")
    xml = xml.replace(b"<value>5887</value>", b"<value>" + owned_after_row2 + b"</value>")
    path = folder / name
    path.write_bytes(xml)
    return path


def test_a_folder_is_checked_file_by_file(store: Path, tmp_path: Path):
    folder = tmp_path / "downloads"
    (folder / "more").mkdir(parents=True)
    as_filed = _amd_variant(folder, "amd.xml", owner=b"SMITH DARLA M", title=b"Common Stock", owned_after_row2=b"5887")
    # 6,076 - 189 = 5,887, not the 5,900 this variant reports
    wrong = _amd_variant(
        folder / "more", "amd-wrong.xml", owner=b"SMITH DARLA M", title=b"Common Stock", owned_after_row2=b"5900"
    )
    (folder / "notes.md").write_text("not a filing")
    result = form4("--db", str(store), "check", str(folder))
    assert result.returncode == 0, result.stderr
    assert f"{folder}: 1 file(s) skipped (not named" in result.stderr
    lines = result.stdout.splitlines()
    # each file named on its filing's line, in the order `form4 import` walks the folder; a finding on one line
    assert lines[0].endswith(f"SMITH DARLA M  ({as_filed}, not stored)")
    assert lines[1] == "  no findings"
    assert lines[2].endswith(f"({wrong}, not stored)")
    assert lines[3] == (
        "  ⚠ holdings_arithmetic: Table I row 2 (Common Stock, direct): 6,076 owned after row 1 minus 189 "
        "disposed is 5,887, but the row reports 5,900 owned after (difference +13); footnote F1 on the row does "
        "not give the difference"
    )
    assert lines[-1] == "2 filing(s) shown, 1 with findings: holdings_arithmetic 1"
    # a folder gives an array, even of one filing
    alone = form4("--db", str(store), "check", str(folder / "more"), "--format", "json")
    assert alone.returncode == 0, alone.stderr
    [one] = json.loads(alone.stdout)
    assert [f["kind"] for f in one["findings"]] == ["holdings_arithmetic"]
    empty = tmp_path / "empty"
    empty.mkdir()
    nothing = form4("--db", str(store), "check", str(empty))
    assert nothing.returncode == 1
    assert str(empty) in nothing.stderr


def test_what_the_filer_wrote_is_shown_inert(store: Path, tmp_path: Path):
    # C1 CSI (legal in XML 1.0 as &#155;) would start a terminal sequence; U+202E reverses the text after it
    hostile = _amd_variant(
        tmp_path, "hostile.xml", owner=b"SMITH&#155;2J DARLA&#x202E; M", title=b"Common&#155;31m Stock",
        owned_after_row2=b"5900",
    )  # fmt: skip
    text = form4("--db", str(store), "check", str(hostile))
    assert text.returncode == 0, text.stderr
    assert "\x9b" not in text.stdout and "\u202e" not in text.stdout
    assert "SMITH\\x9b2J DARLA\\u202e M" in text.stdout
    assert "Table I row 2 (Common\\x9b31m Stock, direct)" in text.stdout
    as_json = form4("--db", str(store), "check", str(hostile), "--format", "json")
    assert "\x9b" not in as_json.stdout
    [finding] = json.loads(as_json.stdout)["findings"]
    assert finding["message"].startswith("Table I row 2 (Common\x9b31m Stock, direct)")  # the same value, escaped
