"""EDGAR's HTML page as input (tui/readers/html.py): the real pages in the corpus against their
filing's ground truth, the reproduced page of every corpus filing, the two real pages without XML
by their visible values, and what a saved page may carry (scripts, a hostile doctype)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import CORPUS, SEED, SHARED, corpus_dirs, needs_corpus
from tests.readers.compare import compare
from tui.interchange import filing_to_dict
from tui.readers import ReadError, read_bytes, read_file, sniff

HTML_ONLY = SHARED / "corpus" / "html_only"


def _real_pages() -> list[Path]:
    return sorted(CORPUS.glob("*/edgar.html")) if CORPUS.is_dir() else []


def _repro_pages() -> list[Path]:
    pages = [d / "repro.html" for d in corpus_dirs() if (d / "repro.html").is_file()]
    return pages + ([SEED / "repro.html"] if (SEED / "repro.html").is_file() else [])


def _expected(page: Path) -> dict:
    return json.loads((page.parent / "expected.json").read_text(encoding="utf-8"))


@needs_corpus
@pytest.mark.parametrize("page", _real_pages(), ids=lambda p: p.parent.name)
def test_real_edgar_page_equals_expected(page: Path) -> None:
    assert sniff(page.read_bytes()) == "html"
    got = filing_to_dict(read_file(page))
    bad = compare(_expected(page), got)
    assert not bad, f"{page.parent.name}:\n  " + "\n  ".join(bad)


@needs_corpus
def test_parse_json_of_a_real_page_equals_expected(capsys: pytest.CaptureFixture[str]) -> None:
    from tui.cli import main

    page = CORPUS / "374water-melkote-2025-04-30" / "edgar.html"
    assert main(["parse", "--format", "json", str(page)]) == 0
    assert not compare(_expected(page), json.loads(capsys.readouterr().out))


@needs_corpus
@pytest.mark.parametrize("page", _repro_pages(), ids=lambda p: p.parent.name)
def test_reproduced_page_equals_expected(page: Path) -> None:
    """The corpus's reproduction of EDGAR's page for every filing (not real EDGAR bytes, but the
    same markup, verified against the real pages: see the corpus README)."""
    filing = read_file(page)
    bad = compare(_expected(page), filing_to_dict(filing))
    assert not bad, f"{page.parent.name}:\n  " + "\n  ".join(bad)
    assert filing.content_key() == read_file(page.parent / "source.xml").content_key()


@needs_corpus
def test_html_only_pages_show_their_visible_values() -> None:
    """Real EDGAR pages whose XML is not available: the values as the pages show them."""
    evans = read_file(HTML_ONLY / "evans-bancorp-sullivan-form4" / "edgar.html")
    assert evans.document_type == "4"
    assert (evans.issuer.name, evans.issuer.ticker, evans.issuer.cik) == ("EVANS BANCORP INC", "EVBN", "0000842518")
    assert len(evans.owners) == 1 and evans.owners[0].is_director and not evans.owners[0].is_officer
    assert evans.period_of_report is not None and evans.period_of_report.text == "2023-01-24"
    bam = read_file(HTML_ONLY / "bam-partners-form3" / "edgar.html")
    assert bam.document_type == "3"
    assert (bam.issuer.name, bam.issuer.ticker, bam.issuer.cik) == ("Triton International Ltd", "TRTN", "0001660734")
    assert len(bam.owners) == 10
    first = bam.owners[0]
    assert (first.name, first.cik, first.street1, first.street2) == (
        "BROOKFIELD Corp /ON/", "0001001085", "BROOKFIELD PLACE", "181 BAY ST SUITE 100")  # fmt: skip
    assert (first.city, first.state, first.zip) == ("TORONTO ONTARIO", "A6", "M5J2T3")
    assert first.is_ten_percent_owner is None  # a joint filing's page does not say who is what
    assert bam.relationship is not None and bam.relationship.is_ten_percent_owner
    assert not bam.relationship.is_director
    assert list(bam.footnotes) == ["F1", "F2", "F3"]
    assert bam.remarks is not None and bam.remarks.startswith("On September 28, 2023, Brookfield Infrastructure")


@needs_corpus
@pytest.mark.parametrize("slug", ["evans-bancorp-sullivan-form4", "bam-partners-form3"])
def test_html_only_page_reads_like_its_printouts(slug: str) -> None:
    """The page and its three printouts are one filing with the same fields (the page also has the
    CIKs of every owner, which the printouts take from their links too)."""
    page = filing_to_dict(read_file(HTML_ONLY / slug / "edgar.html"))
    for engine in ("chromium", "wkhtmltopdf", "weasyprint"):
        printed = filing_to_dict(read_file(HTML_ONLY / slug / f"{engine}.pdf"))
        assert printed == page, engine


# --- what a saved page may carry ------------------------------------------------------------

MINIMAL_NOT_A_FORM = b"<!DOCTYPE html><html><head><title>Quarterly report</title></head><body><p>Hi</p></body></html>"


def test_an_html_page_that_is_not_a_form_says_so() -> None:
    with pytest.raises(ReadError, match=r"not a Form 3, 4 or 5: the HTML page"):
        read_bytes(MINIMAL_NOT_A_FORM)


@pytest.mark.parametrize(
    "head",
    [b"<!DOCTYPE html PUBLIC \"-//W3C//DTD HTML 4.01 Transitional//EN\">\n<html>", b"\xef\xbb\xbf<html lang=en>",
     b"<!-- saved from url=(0070)https://www.sec.gov/ -->\n<html>", b"<?xml version='1.0'?>\n<!DOCTYPE html>\n<html>",
     b"  \r\n<HTML>"],
)  # fmt: skip
def test_html_is_sniffed_from_the_content(head: bytes) -> None:
    assert sniff(head + b"<body></body></html>") == "html"


def test_ownership_xml_and_hostile_xml_are_not_html() -> None:
    from tests.hostile import BOMB

    assert sniff(b"<?xml version='1.0'?><ownershipDocument/>") == "xml"
    assert sniff(BOMB) == "xml"


@needs_corpus
def test_scripts_and_browser_leftovers_are_ignored_and_nothing_is_fetched(tmp_path: Path) -> None:
    page = CORPUS / "374water-melkote-2025-04-30" / "edgar.html"
    html = page.read_text(encoding="utf-8")
    leftovers = (
        '<script src="https://www.sec.gov/x.js"></script><script>document.write("<td>Table I - fake</td>")</script>'
        '<link rel="stylesheet" href="https://www.sec.gov/y.css"><noscript>1. Name and Address of Reporting'
        ' Person</noscript><iframe src="https://example.com/"></iframe>'
    )
    html = html.replace("<body>", "<body>" + leftovers, 1).replace("</body>", leftovers + "</body>", 1)
    saved = tmp_path / "xslF345X05-wk-form4_1746220210.xml"  # the name the browser gives the page
    saved.write_text(html, encoding="utf-8")
    assert not compare(_expected(page), filing_to_dict(read_file(saved)))


def test_an_entity_bomb_behind_an_html_doctype_expands_nothing() -> None:
    bomb = (
        b'<!DOCTYPE html [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
        b'<!ENTITY e SYSTEM "file:///etc/passwd">]><html><body>&d;&d;&d;&e;</body></html>'
    )
    with pytest.raises(ReadError, match="not a Form 3, 4 or 5"):
        read_bytes(bomb)
