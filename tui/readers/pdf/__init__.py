"""PDF printouts of the SEC's HTML rendering of a Form 3/4/5 -> Filing.

The PDF is opened once; every page's ``chars`` is read once (``document``) and everything else is
geometry over those characters in Python: words (``words``), lines and boxes (``layout``), the
form's labels (``labels``), the boxes above the tables (``boxes``), Tables I/II (``columns``,
``rows``, ``cells``), the notes and signatures (``notes``), and the whole form (``form``). The
tolerances are named in ``tolerances``, most of them as fractions of the font size.

What the rendering does not print stays None: schema version, equity swap, timeliness, the CCC,
rptOwner state description / good address / country, a Form 5's or a holding's
transactionFormType (a Form 4 transaction's is "4", or "5" where the V column is marked), and on
a filing with several reporting owners each owner's relationship (the page shows only the union of
everyone's boxes).
"""

from __future__ import annotations

from tui.model import Filing
from tui.readers.errors import ReadError
from tui.readers.pdf.boxes import links_from_annots
from tui.readers.pdf.document import load_words, precheck
from tui.readers.pdf.form import parse_form
from tui.readers.pdf.labels import Labels, form_type
from tui.readers.pdf.mono import has_colour

__all__ = ["read_pdf"]


def read_pdf(data: bytes) -> Filing:
    if not data.lstrip()[:5] == b"%PDF-" and b"%PDF-" not in data[:1024]:
        raise ReadError("not a PDF")
    precheck(data)
    words, annots, rules = load_words(data)
    if not words:
        raise ReadError("PDF has no text layer (a scanned or image-only PDF); cannot read it")
    if not has_colour(words):  # not even after telling the values by their typeface (document.load_words)
        labels = Labels(words)
        if form_type(labels) is not None and labels.find("Table I -") is not None:
            raise ReadError(
                "Form printed without colour and in one typeface: the filed values cannot be told from "
                "the form's labels"
            )
    try:
        return parse_form(words, links_from_annots(annots), rules)
    except ReadError:
        raise
    except Exception as exc:  # a layout this reader does not know must not crash the import
        raise ReadError(f"unreadable Form 3/4/5 layout: {type(exc).__name__}: {exc}") from None
