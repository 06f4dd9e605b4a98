"""The format registry (tui/readers/registry.py): what the importer, the store and the help ask."""

from __future__ import annotations

import pytest

from tests.hostile import minimal_pdf
from tui.readers import FORMATS, ReadError, help_lines, import_suffixes, rank_of, read_with_format, sniff
from tui.readers.registry import RANK_UNKNOWN
from tui.walk import FILING_SUFFIXES

XML = b"<?xml version='1.0'?><ownershipDocument><issuer><issuerCik>1</issuerCik></issuer></ownershipDocument>"
SUBMISSION = b"<SEC-DOCUMENT>0000000000-24-000001.txt\n<DOCUMENT>\n<XML>\n" + XML + b"\n</XML>\n</DOCUMENT>\n"


def test_richer_sources_rank_higher() -> None:
    assert rank_of("pdf") < rank_of("xml") < rank_of("submission")
    assert rank_of("nonsense") == rank_of(None) == RANK_UNKNOWN < rank_of("pdf")


def test_every_format_is_registered_once_with_its_endings_and_help() -> None:
    names = [f.name for f in FORMATS]
    assert len(names) == len(set(names))
    assert {".xml", ".txt", ".nc", ".sgml", ".pdf", ".html", ".htm"} <= import_suffixes()
    # a folder import takes what some reader reads (the walk keeps its own list: it loads no reader)
    assert import_suffixes() == FILING_SUFFIXES
    assert all(s.startswith(".") and s == s.lower() for s in import_suffixes())
    assert len(help_lines()) == len(FORMATS) and all(f.help and f.noun for f in FORMATS)


@pytest.mark.parametrize(
    ("data", "name"),
    [(minimal_pdf(["x"]), "pdf"), (SUBMISSION, "submission"), (XML, "xml"), (b"\xef\xbb\xbf  " + XML, "xml"),
     (b"plain text", "unknown")],
)  # fmt: skip
def test_sniffed_from_the_bytes(data: bytes, name: str) -> None:
    assert sniff(data) == name


def test_read_with_format_names_the_format_it_read() -> None:
    filing, name = read_with_format(SUBMISSION)
    assert name == "submission" and filing.accession_number == "0000000000-24-000001"
    assert read_with_format(XML)[1] == "xml"
    with pytest.raises(ReadError, match="not a filing: no PDF, "):
        read_with_format(b"plain text")
