"""PDF printouts of the SEC's rendering of a Form 3/4/5 (pdfplumber). Placeholder until the PDF
reader lands (issue 3)."""

from tui.model import Filing
from tui.readers.errors import ReadError


def read_pdf(data: bytes) -> Filing:
    raise ReadError("PDF filings are not supported yet")
