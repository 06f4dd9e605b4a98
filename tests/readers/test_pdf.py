"""The PDF reader against the corpus's ground truth (``../shared/corpus/filings/*/expected.json``):
every printout of every filing (three engines of the reproduced rendering, three of the real EDGAR
pages where they exist, and the seed), compared field by field on everything the rendering shows.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import CORPUS, SEED, SHARED
from tests.hostile import PDF_USER_PASSWORD, image_only_pdf, minimal_pdf
from tests.readers.compare import compare
from tui.interchange import filing_to_dict
from tui.readers import ReadError, read_bytes, read_file

ENGINES = ("chromium", "wkhtmltopdf", "weasyprint")
PDF_NAMES = tuple(f"repro-{e}.pdf" for e in ENGINES) + tuple(f"{e}.pdf" for e in ENGINES)

needs_shared = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus (test corpus) is not present")

# Known failures: (folder, pdf name) -> reason, with the evidence. Where expected.json or a
# reproduction is wrong, or the reader cannot (yet) read a printout, the case goes here -- the
# reader is never bent to the test. Currently none.
XFAIL: dict[tuple[str, str], str] = {}


def _pdfs() -> list[Path]:
    if not CORPUS.is_dir():
        return []
    found = [p for d in sorted(CORPUS.iterdir()) for n in PDF_NAMES if (p := d / n).is_file()]
    if SEED.is_dir():
        found += sorted(SEED.glob("*.pdf"))
    return found


def _param(p: Path):
    key = (p.parent.name, p.name)
    marks = [pytest.mark.xfail(reason=XFAIL[key], strict=True)] if key in XFAIL else []
    return pytest.param(p, id=f"{p.parent.name}/{p.name}", marks=marks)


@needs_shared
@pytest.mark.parametrize("pdf", [_param(p) for p in _pdfs()])
def test_pdf_matches_expected(pdf: Path) -> None:
    expected = json.loads((pdf.parent / "expected.json").read_text(encoding="utf-8"))
    filing = read_file(pdf)
    bad = compare(expected, filing_to_dict(filing))
    assert not bad, f"{pdf.parent.name}/{pdf.name}:\n  " + "\n  ".join(bad)
    # the store recognises the PDF and the XML of one filing by this key
    assert filing.content_key() == read_file(pdf.parent / "source.xml").content_key()


@needs_shared
def test_corpus_is_complete() -> None:
    pdfs = _pdfs()
    assert len(pdfs) >= 366 + 3, f"only {len(pdfs)} PDFs found under {CORPUS}"


# --- PDF and XML of one filing are one filing ---------------------------------------------------


@needs_shared
@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("folder", ["374water-melkote-2025-04-30", "0000899243-20-028043", "0001127602-20-005231"])
def test_content_key_equals_xml(folder: str, engine: str) -> None:
    base = CORPUS / folder
    from_xml = read_file(base / "source.xml")
    from_pdf = read_file(base / f"repro-{engine}.pdf")
    assert from_pdf.content_key() == from_xml.content_key()


@needs_shared
@pytest.mark.parametrize("engine", ENGINES)
def test_seed_content_key_equals_xml(engine: str) -> None:
    assert read_file(SEED / f"repro-{engine}.pdf").content_key() == read_file(SEED / "source.xml").content_key()


# --- broken PDFs: one line that says what is wrong ----------------------------------------------


def _one_line(exc: ReadError) -> str:
    text = str(exc)
    assert "\n" not in text and text
    return text


def _broken(kind: str, tmp_path: Path) -> bytes:
    if kind == "empty":
        return b""
    if kind == "header-only":
        return b"%PDF-1.7\n"
    if kind == "truncated":
        data = (SEED / "repro-chromium.pdf").read_bytes() if SEED.is_dir() else minimal_pdf(["x" * 200])
        return data[: len(data) // 3]
    if kind == "truncated-end":  # only the trailer and the end of the last object missing
        data = (SEED / "repro-weasyprint.pdf").read_bytes() if SEED.is_dir() else minimal_pdf(["x" * 200])
        return data[: len(data) * 99 // 100]
    if kind == "synthetic-truncated-end":  # a made PDF (no corpus needed) with a form's words, cut at 99 %
        data = minimal_pdf(["FORM 4", "Table I - Non-Derivative Securities Acquired", "1. Name and Address of"])
        return data[: len(data) * 99 // 100]
    if kind == "image-only":
        return image_only_pdf(tmp_path).read_bytes()
    if kind == "not-a-form":
        return minimal_pdf(["Quarterly report to shareholders"])
    if kind == "encrypted":
        return minimal_pdf(["secret"], encrypt=True)
    raise AssertionError(kind)


@pytest.mark.parametrize(
    ("kind", "words"),
    [
        ("empty", "empty"),
        ("header-only", "damaged or truncated PDF"),
        ("truncated", "damaged or truncated PDF"),
        ("truncated-end", "damaged or truncated PDF"),
        ("synthetic-truncated-end", "damaged or truncated PDF"),
        ("image-only", "no text layer"),
        ("not-a-form", "not a Form 3, 4 or 5"),
        ("encrypted", "encrypted"),
    ],
)
def test_broken_pdf_gives_one_line_reason(kind: str, words: str, tmp_path: Path) -> None:
    path = tmp_path / f"{kind}.pdf"
    path.write_bytes(_broken(kind, tmp_path))
    with pytest.raises(ReadError) as info:
        read_file(path)
    assert words.lower() in _one_line(info.value).lower()


def test_the_encrypted_test_pdf_is_really_encrypted() -> None:
    """The "encrypted" case above is a real RC4-encrypted file: it opens with its password, not without."""
    import io

    import pdfplumber

    data = minimal_pdf(["secret"], encrypt=True)
    assert b"secret" not in data
    with pdfplumber.open(io.BytesIO(data), password=PDF_USER_PASSWORD.decode()) as pdf:
        assert pdf.pages[0].extract_text() == "secret"


def test_broken_pdf_bytes_via_read_bytes() -> None:
    with pytest.raises(ReadError, match="not a Form 3, 4 or 5"):
        read_bytes(minimal_pdf(["Hello"]))


# --- amendments: no real 3/A, 4/A or 5/A exists in the corpus; print one with Chromium -----------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def _print_with_chromium(html: str, tmp_path: Path, header_footer: bool = False) -> Path:
    src = tmp_path / "page.html"
    src.write_text(html, encoding="utf-8")
    out = tmp_path / "page.pdf"
    profile = tmp_path / "profile"
    profile.mkdir()
    subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={profile}", f"--print-to-pdf={out}",
         *([] if header_footer else ["--no-pdf-header-footer"]), src.as_uri()],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    return out


@needs_shared
@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (needed to print an amended form)")
@pytest.mark.parametrize(
    ("folder", "box"),
    [("clrb-caruso-2023-12-12", "4. If Amendment, Date of Original Filed"),
     ("0000899243-20-005601", "5. If Amendment, Date of Original Filed")],
)  # fmt: skip
def test_amendment_date_and_form(folder: str, box: str, tmp_path: Path) -> None:
    """The reproduction prints ``dateOfOriginalSubmission`` as a FormData span in the amendment box
    (corpus README, "UNVERIFIED"); the reader must give "N/A" and the ISO date."""
    base = SEED if folder == SEED.name else CORPUS / folder
    html = (base / "repro.html").read_text(encoding="utf-8")
    head, sep, tail = html.partition(box)
    assert sep, "amendment box not found in repro.html"
    label_end = tail.index("<br>") + len("<br>")
    html = head + sep + tail[:label_end] + '<span class="FormData">01/02/2024</span>' + tail[label_end:]
    filing = read_file(_print_with_chromium(html, tmp_path))
    expected = json.loads((base / "expected.json").read_text(encoding="utf-8"))
    assert filing.document_type == expected["document_type"] + "/A"
    assert filing.date_of_original_submission is not None
    assert filing.date_of_original_submission.text == "2024-01-02"
    assert filing.is_amendment
    got = filing_to_dict(filing)
    expected["document_type"] = got["document_type"]
    expected["date_of_original_submission"] = "2024-01-02"
    assert not compare(expected, got)


# --- real EDGAR pages with no XML (corpus/html_only): the three engines must agree ----------------

HTML_ONLY = SHARED / "corpus" / "html_only"


@needs_shared
@pytest.mark.parametrize(
    ("slug", "form", "owners"), [("bam-partners-form3", "3", 10), ("evans-bancorp-sullivan-form4", "4", 1)]
)
def test_real_edgar_pages_without_xml_read_alike_in_every_engine(slug: str, form: str, owners: int) -> None:
    """EDGAR's 2023 pages (one colspan cell for the officer title, ten owners on BAM). There is no
    ground truth for them (their reconstructed XML is a renderer fixture, not a filing), so this
    checks what the page plainly shows and that Chromium, wkhtmltopdf and WeasyPrint agree."""
    got = [filing_to_dict(read_file(HTML_ONLY / slug / f"{engine}.pdf")) for engine in ENGINES]
    assert got[0]["document_type"] == form
    assert len(got[0]["owners"]) == owners
    assert got[0]["issuer"]["name"] and got[0]["issuer"]["cik"]
    assert got[0]["non_derivative"] and got[0]["signatures"]
    assert got[1] == got[0]
    assert got[2] == got[0]


@needs_shared
@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (needed to print in black only)")
@pytest.mark.parametrize("folder", ["clrb-caruso-2023-12-12", "0001325670-20-000005"])
def test_form_printed_without_colour_reads_by_its_typefaces(folder: str, tmp_path: Path) -> None:
    """All text black: the values are told from the labels by their faces (Times vs Arial)."""
    base = SEED if folder == SEED.name else CORPUS / folder
    html = (base / "repro.html").read_text(encoding="utf-8")
    html = html.replace("</style>", "* { color: black !important; }\n</style>", 1)
    expected = json.loads((base / "expected.json").read_text(encoding="utf-8"))
    assert not compare(expected, filing_to_dict(read_file(_print_with_chromium(html, tmp_path))))


@needs_shared
@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (needed to print in black only)")
def test_form_printed_without_colour_in_one_typeface_gives_one_line_reason(tmp_path: Path) -> None:
    html = (SEED / "repro.html").read_text(encoding="utf-8")
    html = html.replace("</style>", "* { color: black !important; font-family: Arial !important; }\n</style>", 1)
    with pytest.raises(ReadError) as info:
        read_file(_print_with_chromium(html, tmp_path))
    assert "without colour and in one typeface" in _one_line(info.value)


@needs_shared
@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (needed to print with header/footer)")
@pytest.mark.parametrize("folder", ["clrb-caruso-2023-12-12", "0000899243-20-028043"])
def test_browser_header_and_footer_are_ignored(folder: str, tmp_path: Path) -> None:
    """A PDF printed from a browser by hand carries the date, title, URL and page numbers."""
    base = SEED if folder == SEED.name else CORPUS / folder
    html = (base / "repro.html").read_text(encoding="utf-8")
    pdf = _print_with_chromium(html, tmp_path, header_footer=True)
    expected = json.loads((base / "expected.json").read_text(encoding="utf-8"))
    assert not compare(expected, filing_to_dict(read_file(pdf)))


@needs_shared
@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (needed to print on A5)")
def test_table_cut_off_at_the_page_edge_is_an_error_not_missing_rows(tmp_path: Path) -> None:
    """Printed on A5, Chromium drops Table II's last columns (10., 11.) beyond the page edge: the
    reader must say so rather than return a filing without its derivative rows."""
    html = (SEED / "repro.html").read_text(encoding="utf-8")
    html = html.replace("</style>", "@page { size: A5; }\n</style>", 1)
    with pytest.raises(ReadError) as info:
        read_file(_print_with_chromium(html, tmp_path))
    assert "Table II" in _one_line(info.value)
