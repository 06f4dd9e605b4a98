"""The input formats, each registered once with everything the rest of the program asks about it.

A :class:`Format` says how a file of that kind is recognised from its bytes (``sniff``), how it is
read (``read``), how much of a filing it carries (``rank``: a richer source replaces a poorer one
of the same filing in the store), the file endings it is usually found under (a folder import
takes only those), and a help text. :func:`sniff`, :func:`read_bytes`, :func:`import_suffixes`,
:func:`rank_of` and :func:`help_lines` all derive from :data:`FORMATS`, so adding a format is one
``register`` call in this module and its reader module.

Sniffing asks the formats in registration order and takes the first that recognises the bytes:
specific signatures first (``%PDF-``, an SGML header, an HTML document), the XML catch-all last.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tui.model import Filing
from tui.readers.errors import ReadError
from tui.readers.html import read_html
from tui.readers.html_page import looks_like_html
from tui.readers.submission import looks_like_submission, read_submission
from tui.readers.xml import read_ownership_xml

#: ranks: how much of a filing a source carries (room left between them for formats to come)
RANK_PDF = 10  # a printout: what the page shows, no schema version, no per-owner relationship
RANK_HTML = 20  # EDGAR's page: the printout's fields plus the CIKs and exact text
RANK_XML = 30  # the ownership document itself
RANK_SUBMISSION = 40  # the XML plus the accession number and filing date from the header
#: rank of a format name nobody registered (an old store's record, say): below every real one
RANK_UNKNOWN = 0

#: how many leading bytes a sniffer is shown (a submission header or an HTML title can sit deep)
SNIFF_BYTES = 65536


@dataclass(frozen=True, slots=True)
class Format:
    name: str
    rank: int
    sniff: Callable[[bytes], bool]  # given the first SNIFF_BYTES bytes
    read: Callable[[bytes], Filing]  # given the whole file; raises ReadError
    suffixes: tuple[str, ...]
    help: str  # what it is, for the help screens and --help
    noun: str  # what it is, in an error message ("expected a PDF, ownership XML or …")


FORMATS: list[Format] = []


def register(fmt: Format) -> Format:
    if any(f.name == fmt.name for f in FORMATS):
        raise ValueError(f"format {fmt.name!r} is already registered")
    FORMATS.append(fmt)
    return fmt


def get_format(name: str) -> Format | None:
    return next((f for f in FORMATS if f.name == name), None)


def rank_of(name: str | None) -> int:
    """How much of a filing a source of this format carries (higher is richer)."""
    fmt = get_format(name) if name else None
    return fmt.rank if fmt is not None else RANK_UNKNOWN


def import_suffixes() -> frozenset[str]:
    """File endings (lower case, with the dot) a folder import takes as filings."""
    return frozenset(s for f in FORMATS for s in f.suffixes)


def help_lines() -> list[str]:
    """One line per format, richest first: its help text and the endings it is found under."""
    return [f"{f.help} ({', '.join(f.suffixes)})" for f in sorted(FORMATS, key=lambda f: -f.rank)]


def formats_summary() -> str:
    """The readable formats in one phrase, e.g. for a prompt: "EDGAR ownership XML, … or a PDF printout"."""
    names = [f.help for f in sorted(FORMATS, key=lambda f: -f.rank)]
    return ", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else "".join(names)


def identify(data: bytes) -> Format | None:
    head = data[:SNIFF_BYTES]
    return next((f for f in FORMATS if f.sniff(head)), None)


def sniff(data: bytes) -> str:
    """The name of a file's format from its bytes (never from its name), or "unknown"."""
    fmt = identify(data)
    return fmt.name if fmt is not None else "unknown"


def read_with_format(data: bytes) -> tuple[Filing, str]:
    """Read one filing from its bytes, sniffing the format once: (filing, format name)."""
    if not data.strip():
        raise ReadError("empty file")
    fmt = identify(data)
    if fmt is None:
        nouns = [f.noun for f in FORMATS]
        expected = ", ".join(nouns[:-1]) + " or " + nouns[-1]
        if b"\x00" in data[:1024]:
            raise ReadError(f"binary file, not a filing (expected {expected})")
        raise ReadError(f"not a filing: no {expected} found")
    return fmt.read(data), fmt.name


def read_bytes(data: bytes) -> Filing:
    """Read one filing from its bytes, sniffing the format."""
    return read_with_format(data)[0]


def read_as(data: bytes, name: str) -> Filing:
    """Read one filing whose format :func:`sniff` named already (the importer sniffs each file once);
    as :func:`read_bytes` for "unknown"."""
    fmt = get_format(name)
    return fmt.read(data) if fmt is not None else read_bytes(data)


# --- the formats this program reads, in sniffing order -------------------------------------------


def _read_pdf(data: bytes) -> Filing:
    from tui.readers.pdf import read_pdf  # pdfplumber is heavy: loaded only for PDFs

    return read_pdf(data)


def _sniff_pdf(head: bytes) -> bool:
    return b"%PDF-" in head[:1024]


def _sniff_xml(head: bytes) -> bool:
    # UTF-8 / ASCII, or UTF-16 with its byte-order mark
    return head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"<" or head[:2] in (b"\xff\xfe", b"\xfe\xff")


register(Format("pdf", RANK_PDF, _sniff_pdf, _read_pdf, (".pdf",), "PDF printouts of that page", "PDF"))
register(
    Format(
        "submission",
        RANK_SUBMISSION,
        looks_like_submission,
        read_submission,
        (".txt", ".nc", ".sgml"),
        "EDGAR full-submission files",
        "EDGAR submission",
    )
)
register(
    Format(
        "html",
        RANK_HTML,
        looks_like_html,
        read_html,
        (".html", ".htm"),
        "EDGAR's HTML page of a filing",
        "EDGAR page",
    )
)
register(Format("xml", RANK_XML, _sniff_xml, read_ownership_xml, (".xml",), "EDGAR ownership XML", "ownership XML"))
