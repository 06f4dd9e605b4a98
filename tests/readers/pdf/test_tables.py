"""Table columns, rows and cells (tui/readers/pdf/columns.py, rows.py, cells.py) on small
synthetic tables laid out like EDGAR's page."""

from __future__ import annotations

import pytest

from tests.readers.pdf.synthetic import SIZE, Page
from tui.model import Amount, FiledDate
from tui.readers.errors import ReadError
from tui.readers.pdf.cells import amount, build_row, cell_of, iso_date
from tui.readers.pdf.columns import SCHEMAS, assign_column, header_columns
from tui.readers.pdf.rows import Block, read_table, units_of
from tui.readers.pdf.words import BLACK

# --- columns ---------------------------------------------------------------------------------


def _form4_table1_header(p: Page, centred: bool) -> None:
    """Form 4 Table I's header row, then the sub-header row under "3." and "4."."""
    p.label("1. Title of Security", 10, 200)
    p.label("2. Transaction Date", 120, 200)
    p.label("2A. Deemed", 170, 200)
    p.label("3. Transaction", 220, 200)
    p.label("Code (Instr. 8)", 220, 210)  # the header cell's second line, next in the stream
    p.label("4. Securities Acquired", 262, 200)
    p.label("5. Amount", 360, 200)
    p.label("6. Ownership", 420, 200)
    p.label("7. Nature", 470, 200)
    shift = 3.0 if centred else 0.5
    p.label("Code", 220 + shift, 240)
    p.label("V", 245 + shift, 240)
    p.label("Amount", 262 + shift, 240)
    p.label("(A) or (D)", 300 + shift, 240)
    p.label("Price", 335 + shift, 240)


@pytest.mark.parametrize("centred", [True, False])
def test_columns_come_from_the_numbered_headers_and_their_sub_headers(centred: bool) -> None:
    p = Page()
    _form4_table1_header(p, centred)
    found = header_columns("4", 1, p.words)
    assert found is not None
    columns, is_centred = found
    assert is_centred is centred
    assert [c.key for c in columns] == [leaf for _, leaves in SCHEMAS[("4", 1)] for leaf in leaves]
    by_key = {c.key: c for c in columns}
    assert by_key["code"].group == by_key["v"].group == 3
    # a value under "V" goes to v, one under "Price" to price, one under "5." to owned
    assert assign_column(246, 250, columns, centred).key == "v"
    assert assign_column(336, 350, columns, centred).key == "price"
    assert assign_column(362, 380, columns, centred).key == "owned"
    # a value a little left of its column's start (cell padding rounding) is still in it
    assert assign_column(358.8, 380, columns, centred).key == "owned"


def test_columns_are_not_found_when_a_header_number_is_missing() -> None:
    p = Page()
    p.label("1. Title of Security", 10, 200)
    p.label("2. Amount", 200, 200)
    assert header_columns("3", 1, p.words) is None  # "3." and "4." are cut off


# --- rows ------------------------------------------------------------------------------------


def _form3_table1(p: Page) -> None:
    p.label("Table I - Non-Derivative Securities Beneficially Owned", 10, 180)
    p.label("1. Title of Security (Instr. 4)", 10, 200)
    p.label("2. Amount of Securities", 200, 200)
    p.label("3. Ownership Form", 300, 200)
    p.label("4. Nature of Indirect", 400, 200)
    # row 1: one line
    p.phrase("Common Stock", 12, 230)
    p.phrase("1,000", 202, 230)
    p.phrase("D", 302, 230)
    # row 2: a title wrapped on two lines (one run of the stream), the other cells centred on it
    p.phrase("Restricted Stock", 12, 250)
    p.phrase("Units", 12, 259)
    value = p.put("500", 202, 254.5, space_after=False)
    p.mark(1, value.x1 + 0.05 * SIZE, 254.5)
    p.phrase("I", 302, 254.5)
    p.phrase("By Trust", 402, 254.5)


def test_rows_are_blocks_that_overlap_vertically() -> None:
    p = Page()
    _form3_table1(p)
    title = p.words[0]
    rows, found = read_table("3", 1, title, 400.0, p.words)
    assert found
    assert [sorted(r) for r in rows] == [["di", "owned", "title"], ["di", "nature", "owned", "title"]]
    second = build_row("3", 1, rows[1])
    assert second.kind == "holding"
    assert second.security_title == "Restricted Stock Units"
    assert second.shares_owned_following == Amount("500")
    assert second.footnotes == {"shares_owned_following": ("F1",)}
    assert (second.direct_indirect, second.nature_of_ownership) == ("I", "By Trust")
    first = build_row("3", 1, rows[0])
    assert (first.security_title, first.shares_owned_following, first.footnotes) == ("Common Stock", Amount("1000"), {})


def test_a_table_with_rows_but_no_headers_is_an_error() -> None:
    p = Page()
    title = p.label("Table I - Non-Derivative Securities Beneficially Owned", 10, 180)[0]
    p.label("1. Title of Security", 10, 200)
    p.phrase("Common Stock", 12, 230)
    with pytest.raises(ReadError, match=r"Table I has rows but its column headers \(2\. 3\. 4\.\)"):
        read_table("3", 1, title, 400.0, p.words)
    empty = Page()
    title = empty.label("Table I - Non-Derivative", 10, 180)[0]
    assert read_table("3", 1, title, 400.0, empty.words) == ([], False)


# --- cells -----------------------------------------------------------------------------------


def _block(p: Page) -> Block:
    units = units_of(p.words, spaces=True)
    return Block("x", units, min(u.top for u in units), max(u.bottom for u in units))


def test_a_cell_keeps_its_marks_and_its_dollar_sign_apart_from_the_text() -> None:
    p = Page()
    dollar = p.put("$", 10, 100, BLACK, space_after=False)
    number = p.put("12.5", dollar.x1 + 0.1, 100, space_after=False)
    p.mark(3, number.x1 + 0.05 * SIZE, 100)
    cell = cell_of(_block(p))
    assert (cell.text, cell.marks, cell.dollar) == ("12.5", ("F3",), True)
    assert cell_of(None).empty


def test_a_price_given_only_by_a_footnote_is_marks_without_text() -> None:
    p = Page()
    p.mark(4, 10, 100)
    cell = cell_of(_block(p))
    assert cell.text is None and cell.marks == ("F4",) and not cell.empty


def test_dates_and_amounts_as_printed() -> None:
    assert iso_date("3/4/2024") == FiledDate("2024-03-04")
    assert iso_date("See footnote") == FiledDate("See footnote")  # kept as printed
    assert iso_date(None) is None
    assert amount("1,234.50") == Amount("1234.50")  # the separators are the page's, not the filing's
    assert amount("$ 0.01") == Amount("0.01")
    assert amount(None) is None


def test_a_dollar_amount_in_the_shares_column_is_a_value_not_shares() -> None:
    p = Page()
    dollar = p.put("$", 10, 100, BLACK, space_after=False)
    p.put("250,000", dollar.x1 + 0.1, 100)
    row = build_row("4", 1, {"amount": _block(p)})
    assert row.total_value == Amount("250000") and row.shares is None
    assert row.kind == "transaction"
