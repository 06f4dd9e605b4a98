"""The shipped sample filings: README and folder agree, XML/.txt samples parse to what the README
says, PDFs open with text on page 1. Expected tickers and owner names come from the README table,
which was written from the filings themselves (read by eye), not from the parser."""

from __future__ import annotations

import re

import pdfplumber
import pytest

from tests.conftest import SAMPLES
from tui.interchange import filing_to_dict
from tui.readers import read_file

README = SAMPLES / "README.md"


def _table_rows() -> list[dict[str, str]]:
    """Rows of the README's file table (the one whose header starts with `| file |`)."""
    rows: list[dict[str, str]] = []
    header: list[str] | None = None
    for line in README.read_text(encoding="utf-8").splitlines():
        if not line.startswith("|"):
            if rows:
                break  # the table has ended
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if header is None:
            if cells and cells[0] == "file":
                header = cells
            continue
        if set("".join(cells)) <= set("-: "):
            continue  # the |---|---| separator
        rows.append(dict(zip(header, cells, strict=True)))
    return rows


ROWS = _table_rows()


def _file_name(row: dict[str, str]) -> str:
    m = re.fullmatch(r"`([^`]+)`", row["file"])
    assert m, f"first column is not a backticked file name: {row['file']!r}"
    return m.group(1)


def _ticker(row: dict[str, str]) -> str:
    m = re.search(r"\(([^()]+)\)\s*$", row["issuer (ticker)"])
    assert m, f"no (TICKER) at the end of {row['issuer (ticker)']!r}"
    return m.group(1)


def _owners(row: dict[str, str]) -> list[str]:
    return [name.strip() for name in row["reporting owner(s)"].split(";")]


PARSEABLE = [r for r in ROWS if _file_name(r).endswith((".xml", ".txt"))]
PDFS = [r for r in ROWS if _file_name(r).endswith(".pdf")]


def test_readme_table_is_found():
    assert len(ROWS) >= 10
    assert PARSEABLE and PDFS


def test_every_listed_file_exists():
    missing = [_file_name(r) for r in ROWS if not (SAMPLES / _file_name(r)).is_file()]
    assert missing == []


def test_every_file_in_the_folder_is_listed():
    listed = {_file_name(r) for r in ROWS}
    on_disk = {p.name for p in SAMPLES.iterdir() if p.is_file() and p.name != "README.md"}
    assert sorted(on_disk - listed) == []


def test_each_file_listed_once():
    names = [_file_name(r) for r in ROWS]
    assert len(names) == len(set(names))


def test_folder_stays_small():
    total = sum(p.stat().st_size for p in SAMPLES.iterdir() if p.is_file())
    assert total < 3 * 1024 * 1024


@pytest.mark.parametrize("row", PARSEABLE, ids=_file_name)
def test_xml_and_submission_samples_parse(row):
    filing = filing_to_dict(read_file(SAMPLES / _file_name(row)))
    assert filing["document_type"] == row["form"]
    assert filing["issuer"]["ticker"] == _ticker(row)
    assert [o["name"] for o in filing["owners"]] == _owners(row)


@pytest.mark.parametrize("row", PDFS, ids=_file_name)
def test_pdf_samples_open_with_text_on_page_one(row):
    with pdfplumber.open(SAMPLES / _file_name(row)) as pdf:
        assert pdf.pages, "no pages"
        page = pdf.pages[0]
        assert page.chars, "no text layer on page 1"
        text = page.extract_text()
    assert f"FORM {row['form']}" in text
    assert _ticker(row) in text


@pytest.mark.parametrize("row", PDFS, ids=_file_name)
def test_pdf_samples_parse_and_match_their_xml(row):
    """Each PDF reads to the form, ticker and owners the README states and, where its XML ships
    too, to the same filing (the store keeps them as one)."""
    name = _file_name(row)
    filing = read_file(SAMPLES / name)
    assert filing.form == row["form"]
    assert filing.issuer.ticker == _ticker(row)
    assert list(filing.owner_names) == _owners(row)
    twin = SAMPLES / (name.split(".")[0] + ".xml")
    if twin.is_file():
        assert filing.content_key() == read_file(twin).content_key()
