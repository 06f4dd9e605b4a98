"""PDF printouts of the SEC's HTML rendering of a Form 3/4/5 -> Filing.

The PDF is opened once; every page's ``chars`` is read once and everything else is geometry over
those characters in Python (``pdf_words``): labels (``pdf_labels``), the header boxes, owner list,
footnotes, remarks and signatures (``pdf_form``) and Tables I/II (``pdf_tables``).

What the rendering does not print stays None: schema version, equity swap, timeliness, the CCC,
rptOwner state description / good address / country, a Form 5's or a holding's
transactionFormType (a Form 4 transaction's is "4", or "5" where the V column is marked), and on
a filing with several reporting owners each owner's relationship (the page shows only the union of
everyone's boxes).
"""

from __future__ import annotations

import io
import logging

from tui.model import DerivativeRow, Filing, Issuer, ReportingOwner, Row
from tui.readers.errors import ReadError
from tui.readers.pdf_form import (
    INF,
    checked,
    links_from_annots,
    read_issuer,
    read_notes,
    read_owner_block,
    read_relationship,
    read_signatures,
)
from tui.readers.pdf_labels import Labels
from tui.readers.pdf_limits import check_inflated_size, check_pages
from tui.readers.pdf_tables import build_row, iso_date, read_table
from tui.readers.pdf_words import BLACK, BLUE, Word, has_space_chars, text_of, words_from_chars


def _precheck(data: bytes) -> None:
    """Cheap rejection of what is not a text PDF, or would cost too much to read (pdfium and a
    bounded inflate are much faster than pdfminer): see ``pdf_limits``."""
    import pypdfium2 as pdfium

    check_inflated_size(data)
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        msg = str(exc).lower()
        if "password" in msg:
            raise ReadError("encrypted PDF (password protected); cannot read it") from None
        if "format" in msg or "file" in msg or "header" in msg:
            raise ReadError("damaged or truncated PDF: pdfium cannot open it") from None
        raise ReadError(f"unreadable PDF: {exc}") from None
    try:
        check_pages(doc)
    finally:
        doc.close()


def _load(data: bytes) -> tuple[list[Word], list[dict], float]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    for name in ("pdfminer", "pdfplumber"):
        logging.getLogger(name).setLevel(logging.ERROR)
    words: list[Word] = []
    annots: list[dict] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            width = float(pdf.pages[0].width) if pdf.pages else 612.0
            meta = pdf.metadata or {}
            webkit = "wkhtmltopdf" in str(meta.get("Creator", "")).lower() or str(meta.get("Producer", "")).startswith(
                "Qt "
            )
            for i, page in enumerate(pdf.pages):
                words.extend(words_from_chars(page.chars, i, len(words), float(page.height)))
                annots.extend(page.annots)
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise ReadError("encrypted PDF (password protected); cannot read it") from None
    except PDFSyntaxError as exc:
        raise ReadError(f"damaged PDF: {exc}") from None
    except ReadError:
        raise
    except Exception as exc:  # pdfminer raises a zoo of exception types on damaged files
        raise ReadError(f"damaged PDF: {type(exc).__name__}: {exc}") from None
    if webkit:
        words = _drop_cut_line_copies(words)
    return _drop_clipped_fragments(words), annots, width


def _drop_cut_line_copies(words: list[Word]) -> list[Word]:
    """wkhtmltopdf (Qt WebKit) draws the line that a page break cuts on both pages: below the
    content area of the first (hidden by clipping) and again at the top of the next page, moved
    up by exactly the page's content height. The copies are found as words repeated with the same
    text and x at the bottom of one page and the top of the next (the whole line), all moved by
    one distance;
    everything on the first page from that line down is dropped. Only for wkhtmltopdf: elsewhere
    a table's last row on a page may legitimately repeat the words of the first row on the next."""
    by_page: dict[int, list[Word]] = {}
    for w in words:
        if w.colour != BLACK:
            by_page.setdefault(w.page, []).append(w)
    drop: set[int] = set()
    for page, ws in by_page.items():
        after = by_page.get(page + 1)
        if not after:
            continue
        top = min(w.top for w in after)
        first = [w for w in after if w.top < top + 0.5 * w.size and w.colour == BLUE]
        bottom = max(v.bottom for v in ws)
        shifts: list[float] = []
        for w in first:  # every value word of the next page's first line must be a copy
            match = [
                w.top - v.top
                for v in ws
                if v.bottom > bottom - 0.6 * v.size and w.text == v.text and abs(w.x0 - v.x0) < 0.05
            ]
            if not match:
                shifts = []
                break
            shifts.append(min(match))
        if not shifts or max(shifts) - min(shifts) > 0.3:
            continue
        cut = top - max(shifts)
        drop.update(id(v) for v in ws if v.top >= cut - 0.3)
    return [w for w in words if id(w) not in drop] if drop else words


_DESCENDERS = frozenset("gjpqy(),;[]{}|Q")


def _drop_clipped_fragments(words: list[Word]) -> list[Word]:
    """Chromium paints the descenders of a line pushed to the next page at the top of that page as
    separate glyphs (``q p ( ) q p``): a "line" of three or more lone descender characters."""
    lines: dict[tuple[int, float], list[Word]] = {}
    for w in words:
        if len(w.text) == 1 and w.text in _DESCENDERS:
            lines.setdefault((w.page, round(w.top, 1)), []).append(w)
    suspects = {k: ws for k, ws in lines.items() if len(ws) >= 3}
    if not suspects:
        return words
    drop: set[int] = set()
    for (page, top), ws in suspects.items():
        others = [w for w in words if w.page == page and abs(w.top - top) < 0.2 and w not in ws]
        if not others:
            drop.update(id(w) for w in ws)
    return [w for w in words if id(w) not in drop] if drop else words


def read_pdf(data: bytes) -> Filing:
    if not data.lstrip()[:5] == b"%PDF-" and b"%PDF-" not in data[:1024]:
        raise ReadError("not a PDF")
    _precheck(data)
    words, annots, _width = _load(data)
    if not words:
        raise ReadError("PDF has no text layer (a scanned or image-only PDF); cannot read it")
    if not any(w.colour == BLUE for w in words):
        labels = Labels(words)
        if _form_type(labels) is not None and labels.find("Table I -") is not None:
            raise ReadError(
                "Form printed without colour (black and white): the filed values cannot be told from the form's labels"
            )
    try:
        return _parse(words, links_from_annots(annots))
    except ReadError:
        raise
    except Exception as exc:  # a layout this reader does not know must not crash the import
        raise ReadError(f"unreadable Form 3/4/5 layout: {type(exc).__name__}: {exc}") from None


def _form_type(labels: Labels) -> str | None:
    best: tuple[float, str] | None = None
    for n in "345":
        w = labels.find(f"FORM {n}")
        if w is not None and (best is None or w.top < best[0]):
            best = (w.top, n)
    return best[1] if best else None


def _parse(words: list[Word], links) -> Filing:
    labels = Labels(words)
    spaces = has_space_chars(words)
    form = _form_type(labels)
    table1 = labels.find("Table I -")
    box1 = labels.find("1. Name and Address")
    if form is None or table1 is None or box1 is None:
        raise ReadError("not a Form 3, 4 or 5: the PDF does not show the form's title, boxes and tables")
    table2 = labels.find("Table II -", table1.top)
    explanation = labels.find("Explanation of Responses:", table1.top)
    caption = labels.find("** Signature of Reporting Person", table1.top)
    end_of_doc = max(w.bottom for w in words) + 1
    expl_top = explanation.top if explanation else (caption.top if caption else end_of_doc)
    owner_list = labels.find_all("1. Name and Address", table2.top if table2 else table1.top, expl_top)

    # --- header boxes
    if form == "3":
        b_issuer = labels.find("3. Issuer Name", -1, table1.top)
        b_period = labels.find("2. Date of Event", -1, table1.top)
        b_rel = labels.find("4. Relationship of Reporting", -1, table1.top)
        b_amend = labels.find("5. If Amendment,", -1, table1.top)
        b_joint = labels.find("6. Individual or", -1, table1.top)
    else:
        b_issuer = labels.find("2. Issuer Name", -1, table1.top)
        b_period = labels.find("3. Date of Earliest", -1, table1.top) or labels.find("3. Statement for", -1, table1.top)
        b_rel = labels.find("5. Relationship of Reporting", -1, table1.top)
        b_amend = labels.find("4. If Amendment,", -1, table1.top)
        b_joint = labels.find("6. Individual or", -1, table1.top)
    if b_issuer is None or b_period is None or b_rel is None:
        raise ReadError(f"not a readable Form {form}: its header boxes were not found")

    if form == "3":
        issuer_box = (
            b_issuer.x0 - 2,
            INF,
            b_issuer.bottom,
            b_rel.top if b_rel.top > b_issuer.top else table1.top,
        )
        period_box = (b_period.x0 - 2, b_issuer.x0 - 2, b_period.bottom, table1.top)
        amend_box = (b_amend.x0 - 2, INF, b_amend.bottom, b_joint.top if b_joint else table1.top) if b_amend else None
        rel_box = (b_rel.x0 - 2, b_rel.bottom, (b_amend.x0 - 2) if b_amend else INF, table1.top)
        owner_x1 = b_period.x0 - 2
    else:
        issuer_box = (b_issuer.x0 - 2, b_rel.x0 - 2, b_issuer.bottom, b_period.top)
        period_box = (b_period.x0 - 2, b_rel.x0 - 2, b_period.bottom, b_amend.top if b_amend else table1.top)
        amend_box = (
            (b_amend.x0 - 2, b_joint.x0 - 2 if b_joint else INF, b_amend.bottom, table1.top) if b_amend else None
        )
        rel_box = (b_rel.x0 - 2, b_rel.bottom, INF, b_joint.top if b_joint else table1.top)
        owner_x1 = b_issuer.x0 - 2

    issuer_name, ticker, issuer_cik = read_issuer(words, links, *issuer_box)
    period = iso_date(text_of([w for w in words if w.colour == BLUE and _inside(w, period_box)]))
    amended = None
    if amend_box is not None:
        amended = iso_date(text_of([w for w in words if w.colour == BLUE and _inside(w, amend_box)]))
    rx0, rtop, rx1, rbottom = rel_box
    relationship = read_relationship([w for w in words if w.cx < rx1], labels, rx0, rtop, rbottom)

    # --- reporting owners: box 1, or the list after Table II when there are several
    owners: list[ReportingOwner] = []
    if len(owner_list) > 1:
        for i, label in enumerate(owner_list):
            bottom = owner_list[i + 1].top if i + 1 < len(owner_list) else expl_top
            owner = read_owner_block(words, labels, links, label.x0 - 4, INF, label.bottom, bottom, spaces)
            if owner is not None:
                owners.append(owner)
    else:
        owner = read_owner_block(words, labels, links, box1.x0 - 4, owner_x1, box1.bottom, table1.top, spaces)
        if owner is not None:
            if relationship is not None:
                owner = _with_relationship(owner, relationship)
            owners.append(owner)

    # --- check boxes above box 1 (Forms 4 and 5)
    not_subject = aff10b5 = form3_reported = form4_reported = None
    if form != "3":
        boxes = [
            labels.find("Check this box if no longer", -1, box1.top),
            labels.find("Check this box to indicate", -1, box1.top),
            labels.find("Form 3 Holdings Reported.", -1, box1.top),
            labels.find("Form 4 Transactions Reported.", -1, box1.top),
        ]
        present = sorted((b for b in boxes if b is not None), key=lambda w: w.top)
        states: list[bool | None] = []
        for b in boxes:
            if b is None:
                states.append(None)
                continue
            later = [p.top for p in present if p.top > b.top + 1]
            states.append(checked(words, b, min(later) - 1 if later else box1.top))
        not_subject, aff10b5 = states[0], states[1]
        if form == "5":
            form3_reported, form4_reported = states[2], states[3]

    # --- tables
    non_derivative: list[Row] = []
    derivative: list[DerivativeRow] = []
    t1_end = table2.top if table2 else (owner_list[0].top if len(owner_list) > 1 else expl_top)
    rows, _ = read_table(form, 1, table1, t1_end, words)
    non_derivative = [build_row(form, 1, r) for r in rows]
    if table2 is not None:
        t2_end = owner_list[0].top if len(owner_list) > 1 else expl_top
        rows, _ = read_table(form, 2, table2, t2_end, words)
        derivative = [build_row(form, 2, r) for r in rows]  # type: ignore[misc]

    # --- explanation, remarks, signatures
    footnotes: dict[str, str] = {}
    no_securities = False
    remarks_text = None
    signatures = []
    if explanation is not None:
        remarks = labels.find("Remarks:", explanation.top, caption.top if caption else INF)
        notes_end = caption.top if caption else end_of_doc
        footnotes, no_securities, remarks_text = read_notes(words, explanation, remarks, notes_end)
        if caption is not None:
            date_label = next(
                (w for w in labels.find_all("Date", caption.top - 3, caption.bottom + 3) if w.x0 > caption.x0),
                None,
            )
            signatures = read_signatures(words, explanation.bottom, caption, date_label, spaces)

    return Filing(
        document_type=f"{form}/A" if amended is not None else form,
        issuer=Issuer(cik=issuer_cik, name=issuer_name, ticker=ticker),
        owners=tuple(owners),
        period_of_report=period,
        date_of_original_submission=amended,
        no_securities_owned=no_securities if form == "3" else None,
        not_subject_to_section16=not_subject,
        form3_holdings_reported=form3_reported,
        form4_transactions_reported=form4_reported,
        aff10b5_one=aff10b5,
        non_derivative=tuple(non_derivative),
        derivative=tuple(derivative),
        footnotes=footnotes,
        remarks=remarks_text,
        signatures=tuple(signatures),
    )


def _inside(w: Word, box: tuple[float, float, float, float]) -> bool:
    x0, x1, top, bottom = box
    return x0 <= w.cx < x1 and top <= w.cy < bottom


def _with_relationship(owner: ReportingOwner, rel) -> ReportingOwner:
    from dataclasses import replace

    return replace(
        owner,
        is_director=rel.director,
        is_officer=rel.officer,
        is_ten_percent_owner=rel.ten_percent,
        is_other=rel.other,
        officer_title=rel.officer_title,
        other_text=rel.other_text,
    )
