"""The whole form: its labels give the boxes, the tables and the notes their regions; each part
is read by its module and the parts make the :class:`~tui.model.Filing`."""

from __future__ import annotations

from collections.abc import Sequence

from tui.model import DerivativeRow, Filing, Issuer, ReportingOwner, Row
from tui.readers.errors import ReadError
from tui.readers.pdf.boxes import checked, read_issuer, read_owner_block, read_relationship
from tui.readers.pdf.cells import build_row, iso_date
from tui.readers.pdf.labels import Labels, form_type
from tui.readers.pdf.layout import INF, inside, text_of
from tui.readers.pdf.notes import read_notes, read_signatures
from tui.readers.pdf.rows import read_table
from tui.readers.pdf.ruled import Rule
from tui.readers.pdf.tolerances import BOX_PADDING_EM, LABEL_LINE_EM, OWNER_BOX_PADDING_EM, SAME_LABEL_LINE_EM
from tui.readers.pdf.words import BLUE, Word, has_space_chars
from tui.readers.printed import with_relationship


def _left(label: Word) -> float:
    """Where the box a label opens starts: its text's left edge less the cell's padding."""
    return label.x0 - BOX_PADDING_EM * label.size


def parse_form(words: list[Word], links, rules: Sequence[Rule] = ()) -> Filing:
    labels = Labels(words)
    spaces = has_space_chars(words)
    form = form_type(labels)
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
            _left(b_issuer),
            INF,
            b_issuer.bottom,
            b_rel.top if b_rel.top > b_issuer.top else table1.top,
        )
        period_box = (_left(b_period), _left(b_issuer), b_period.bottom, table1.top)
        amend_box = (_left(b_amend), INF, b_amend.bottom, b_joint.top if b_joint else table1.top) if b_amend else None
        rel_box = (
            _left(b_rel),
            b_rel.bottom,
            _left(b_amend) if b_amend else INF,
            table1.top,
        )
        owner_x1 = _left(b_period)
    else:
        issuer_box = (_left(b_issuer), _left(b_rel), b_issuer.bottom, b_period.top)
        period_box = (
            _left(b_period),
            _left(b_rel),
            b_period.bottom,
            b_amend.top if b_amend else table1.top,
        )
        amend_box = (
            (_left(b_amend), _left(b_joint) if b_joint else INF, b_amend.bottom, table1.top) if b_amend else None
        )
        rel_box = (_left(b_rel), b_rel.bottom, INF, b_joint.top if b_joint else table1.top)
        owner_x1 = _left(b_issuer)

    issuer_name, ticker, issuer_cik = read_issuer(words, links, *issuer_box)
    period = iso_date(text_of([w for w in words if w.colour == BLUE and inside(w, period_box)]))
    amended = None
    if amend_box is not None:
        amended = iso_date(text_of([w for w in words if w.colour == BLUE and inside(w, amend_box)]))
    rx0, rtop, rx1, rbottom = rel_box
    relationship = read_relationship([w for w in words if w.cx < rx1], labels, rx0, rtop, rbottom)

    # --- reporting owners: box 1, or the list after Table II when there are several
    owners: list[ReportingOwner] = []
    if len(owner_list) > 1:
        for i, label in enumerate(owner_list):
            bottom = owner_list[i + 1].top if i + 1 < len(owner_list) else expl_top
            owner = read_owner_block(
                words, labels, links, label.x0 - OWNER_BOX_PADDING_EM * label.size, INF, label.bottom, bottom, spaces
            )
            if owner is not None:
                owners.append(owner)
    else:
        owner = read_owner_block(
            words, labels, links, box1.x0 - OWNER_BOX_PADDING_EM * box1.size, owner_x1, box1.bottom, table1.top, spaces
        )
        if owner is not None:
            if relationship is not None:
                owner = with_relationship(owner, relationship)
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
            line = LABEL_LINE_EM * b.size
            later = [p.top for p in present if p.top > b.top + line]
            states.append(checked(words, b, min(later) - line if later else box1.top))
        not_subject, aff10b5 = states[0], states[1]
        if form == "5":
            form3_reported, form4_reported = states[2], states[3]

    # --- tables
    non_derivative: list[Row] = []
    derivative: list[DerivativeRow] = []
    t1_end = table2.top if table2 else (owner_list[0].top if len(owner_list) > 1 else expl_top)
    rows, _ = read_table(form, 1, table1, t1_end, words, rules)
    non_derivative = [build_row(form, 1, r) for r in rows]
    if table2 is not None:
        t2_end = owner_list[0].top if len(owner_list) > 1 else expl_top
        rows, _ = read_table(form, 2, table2, t2_end, words, rules)
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
            line = SAME_LABEL_LINE_EM * caption.size
            date_label = next(
                (w for w in labels.find_all("Date", caption.top - line, caption.bottom + line) if w.x0 > caption.x0),
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
        relationship=relationship,
    )
