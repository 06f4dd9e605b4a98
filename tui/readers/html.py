"""EDGAR's HTML page of a Form 3, 4 or 5 (the ``xslF345X0N`` rendering, as a browser saves it:
``.html``, ``.htm`` or the ``.xml`` name of the link) -> Filing.

The page is parsed by lxml's HTML parser (libxml2: no network, no DTD, no entities beyond HTML's
own, no huge trees); scripts, styles and other browser leftovers are dropped and nothing is fetched.
Each part is found by its printed label, as on the printout, but read from the document tree: the
values are the ``FormData`` spans, the footnote marks the ``FootnoteData`` ones, the CIKs come from
the links and the text is exact (no line-wrapping to undo). What the page does not show stays None,
as for a printout (see :mod:`tui.readers.pdf`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from tui.model import DerivativeRow, Filing, Issuer, Relationship, ReportingOwner, Row, Signature
from tui.readers.errors import ReadError
from tui.readers.html_page import (
    CIK_LINK,
    DATA_CLASSES,
    FOOTNOTE_LINE,
    Page,
    all_text,
    ancestor,
    cell_of,
    classes_of,
    norm,
    parse_page,
    text_of,
)
from tui.readers.printed import SCHEMAS, Cell, build_row_of_cells, iso_date, marks_in, with_relationship

_FORM_TITLE = re.compile(r"FORM\s*([345])", re.I)


def _form_type(page: Page) -> str | None:
    for el in page.form_names():
        m = _FORM_TITLE.fullmatch(norm(all_text(el)))
        if m:
            return m.group(1)
    return None


def _data_text(el: Any) -> str | None:
    """The filed values in an element: its FormData spans' text, in order."""
    if el is None:
        return None
    parts = [norm(all_text(s)) for s in el.iter("span") if classes_of(s) & DATA_CLASSES]
    return norm(" ".join(p for p in parts if p)) or None


def _cik(link: Any) -> str | None:
    m = CIK_LINK.search(link.get("href") or "")
    return (m.group(1).strip() or None) if m else None


def _cell(td: Any) -> Cell:
    """A table cell as printed: its values, its footnote marks, whether a "$" precedes the value."""
    if len(td) == 0:  # an empty cell, or text without markup
        return Cell(norm(td.text) or None, (), False)
    marks: list[str] = []
    parts: list[str] = []
    dollar = _walk_cell(td, marks, parts)
    return Cell(norm("".join(parts)) or None, tuple(marks), dollar)


def _walk_cell(el: Any, marks: list[str], parts: list[str]) -> bool:
    """Collect a cell's printed text and footnote marks; True when a lone "$" span was met."""
    cls = el.get("class")
    names = cls.split() if cls else ()
    tag = el.tag
    if tag == "sup" or "FootnoteData" in names:
        marks.extend(marks_in(all_text(el)))
        return False
    if tag == "span" and DATA_CLASSES.isdisjoint(names) and all_text(el).split() == ["$"]:
        return True
    dollar = False
    if el.text:
        parts.append(el.text)
    for child in el:
        if len(child) == 0 and child.get("class") in DATA_CLASSES and child.tag == "span":
            if child.text:  # a value's span (the common case)
                parts.append(child.text)
        elif _walk_cell(child, marks, parts):
            dollar = True
        if child.tail:
            parts.append(child.tail)
    return dollar


def _rows(table: Any) -> Iterator[list[Any]]:
    heads = {tr for thead in table.iter("thead") for tr in thead.iter("tr")}
    for tr in table.iter("tr"):
        if tr in heads:
            continue
        tds = [child for child in tr if child.tag == "td"]
        if tds and not any(child.tag == "th" for child in tr):
            yield tds


def _table(page: Page, form: str, number: int, title: Any) -> list[Row]:
    table = ancestor(title, "table")
    if table is None:
        return []
    leaves = [leaf for _, group in SCHEMAS[(form, number)] for leaf in group]
    rows: list[Row] = []
    for tds in _rows(table):
        if len(tds) != len(leaves):
            raise ReadError(
                f"Table {'I' * number} has a row of {len(tds)} cells where a Form {form} page has {len(leaves)}"
            )
        cells = {key: _cell(td) for key, td in zip(leaves, tds, strict=True)}
        if all(c.empty for c in cells.values()):
            continue
        rows.append(build_row_of_cells(form, number, cells))
    return rows


def _owner(box: Any) -> ReportingOwner | None:
    """One "1. Name and Address of Reporting Person" cell: the name (a link with the CIK), the
    street lines under "(Last) (First) (Middle)", city / state / zip above their captions."""
    link = next(box.iter("a"), None)
    tables = [t for t in box if t.tag == "table"]
    captions = [i for i, t in enumerate(tables) if "(Last)" in all_text(t)]
    if not captions:
        return None
    name = text_of(link) if link is not None else _data_text(tables[0]) or text_of(tables[0])
    streets: list[str | None] = []
    place: list[str | None] = [None, None, None]
    rest = tables[captions[0] + 1 :]
    if rest:
        streets = [_data_text(tr) for tr in rest[0].iter("tr")]
    if len(rest) > 1:
        tds = rest[1].findall(".//td")
        place = [_data_text(td) for td in tds[:3]] + [None] * (3 - len(tds[:3]))
    return ReportingOwner(
        name=name,
        cik=_cik(link) if link is not None else None,
        street1=streets[0] if streets else None,
        street2=" ".join(s for s in streets[1:] if s) or None,
        city=place[0],
        state=place[1],
        zip=place[2],
    )


def _relationship(box: Any) -> Relationship | None:
    cell_texts = [(norm(all_text(td)), td) for td in box.iter("td")]

    def label(text: str) -> Any | None:
        return next((td for own, td in cell_texts if own.startswith(text)), None)

    cells: dict[str, Any] = {}
    for key, text in (("director", "Director"), ("ten", "10% Owner"), ("officer", "Officer (give"),
                      ("other", "Other (specify")):  # fmt: skip
        found = label(text)
        if found is None:
            return None
        cells[key] = found

    def checked(key: str) -> bool:
        before = cells[key].getprevious()
        return before is not None and norm(all_text(before)) == "X"

    title = other = None
    officer_row = cells["officer"].getparent()
    below = officer_row.getnext()
    if below is not None:
        tds = below.findall("td")
        if len(tds) >= 4:  # officer title under "Officer", other text under "Other"
            title, other = text_of(tds[1]), text_of(tds[3])
        elif tds:  # EDGAR's 2023 page: one cell across the box, the title's span then the other's
            spans = [s for s in tds[0].iter("span") if classes_of(s) & DATA_CLASSES]
            texts = [text_of(s) for s in spans] or [text_of(tds[0])]
            title = texts[0]
            other = texts[1] if len(texts) > 1 else None
    return Relationship(
        is_director=checked("director"),
        is_officer=checked("officer"),
        is_ten_percent_owner=checked("ten"),
        is_other=checked("other"),
        officer_title=title,
        other_text=other,
    )


def _check_box(page: Page, label: str) -> bool | None:
    """A check box above box 1: the cell before its label holds "X" when checked."""
    el = page.find(label)
    if el is None:
        return None
    td = cell_of(el)
    before = td.getprevious()
    return before is not None and norm(all_text(before)) == "X"


def _notes(page: Page) -> tuple[dict[str, str], bool, str | None]:
    """Footnotes ("1. text" -> F1), the "No securities are beneficially owned." sentence, remarks."""
    explanation = page.find("Explanation of Responses:")
    if explanation is None:
        return {}, False, None
    table = ancestor(explanation, "table")
    footnotes: dict[str, str] = {}
    no_securities = False
    remarks: list[str] = []
    in_remarks = False
    for td in table.iter("td") if table is not None else ():
        text = norm(all_text(td))
        if text.startswith("Remarks:") and "FootnoteData" not in classes_of(td):
            in_remarks = True
            continue
        if "FootnoteData" not in classes_of(td):
            continue
        if in_remarks:
            remarks.append(text)
            continue
        m = FOOTNOTE_LINE.match(text)
        if m:
            footnotes[f"F{m.group(1)}"] = m.group(2)
        elif text.startswith("No securities are beneficially owned"):
            no_securities = True
    return footnotes, no_securities, norm(" ".join(remarks)) or None


def _signatures(page: Page) -> list[Signature]:
    caption = page.find("** Signature of Reporting Person")
    table = ancestor(caption, "table") if caption is not None else None
    if table is None:
        return []
    out: list[Signature] = []
    for tr in table.iter("tr"):
        if caption in tr.iter():
            break
        values = [_data_text(td) for td in tr.findall("td")]
        values = [v for v in values if v]
        if values:
            out.append(Signature(name=values[0], date=iso_date(values[1]) if len(values) > 1 else None))
    return out


def read_html(data: bytes) -> Filing:
    root = parse_page(data)
    page = Page(root)
    form = _form_type(page)
    table1 = page.find("Table I - ")
    box1 = page.find("1. Name and Address of Reporting Person")
    if form is None or table1 is None or box1 is None:
        raise ReadError("not a Form 3, 4 or 5: the HTML page does not show the form's title, boxes and tables")
    table2 = page.find("Table II - ")
    at_table1 = page.order[table1]

    if form == "3":
        issuer_box = page.box("3. Issuer Name")
        period_box = page.box("2. Date of Event")
        rel_box = page.box("4. Relationship of Reporting")
        amend_box = page.box("5. If Amendment")
    else:
        issuer_box = page.box("2. Issuer Name")
        period_box = page.box("3. Date of Earliest", "3. Statement for")
        rel_box = page.box("5. Relationship of Reporting")
        amend_box = page.box("4. If Amendment")
    if issuer_box is None or period_box is None:
        raise ReadError(f"not a readable Form {form} page: its header boxes were not found")

    link = next(issuer_box.iter("a"), None)
    issuer = Issuer(
        cik=_cik(link) if link is not None else None,
        name=text_of(link) if link is not None else None,
        ticker=_data_text(issuer_box),
    )
    amended = iso_date(_data_text(amend_box)) if amend_box is not None else None
    relationship = _relationship(rel_box) if rel_box is not None else None

    labels = page.find_all("1. Name and Address of Reporting Person")
    listed = [el for el in labels if page.order[el] > at_table1]
    owners: list[ReportingOwner] = []
    for label in listed if len(listed) > 1 else labels[:1]:
        owner = _owner(cell_of(label))
        if owner is not None:
            owners.append(owner)
    if len(owners) == 1 and relationship is not None:
        owners[0] = with_relationship(owners[0], relationship)

    flags: dict[str, bool | None] = {"not_subject": None, "aff10b5": None, "form3": None, "form4": None}
    if form != "3":
        flags["not_subject"] = _check_box(page, "Check this box if no longer")
        flags["aff10b5"] = _check_box(page, "Check this box to indicate")
        if form == "5":
            flags["form3"] = _check_box(page, "Form 3 Holdings Reported")
            flags["form4"] = _check_box(page, "Form 4 Transactions Reported")

    footnotes, no_securities, remarks = _notes(page)
    derivative = _table(page, form, 2, table2) if table2 is not None else []
    return Filing(
        document_type=f"{form}/A" if amended is not None else form,
        issuer=issuer,
        owners=tuple(owners),
        period_of_report=iso_date(_data_text(period_box)),
        date_of_original_submission=amended,
        no_securities_owned=no_securities if form == "3" else None,
        not_subject_to_section16=flags["not_subject"],
        form3_holdings_reported=flags["form3"],
        form4_transactions_reported=flags["form4"],
        aff10b5_one=flags["aff10b5"],
        non_derivative=tuple(_table(page, form, 1, table1)),
        derivative=tuple(r for r in derivative if isinstance(r, DerivativeRow)),
        footnotes=footnotes,
        remarks=remarks,
        signatures=tuple(_signatures(page)),
        relationship=relationship,
    )
