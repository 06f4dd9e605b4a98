"""The printed form, shared by the readers of its renderings (the PDF printout, EDGAR's HTML page):
the leaf columns of Tables I and II, a cell as printed (text, footnote marks, "$"), dates and
amounts as printed back to the filing's values, and one table row -> a model row."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from tui.model import Amount, DerivativeRow, FiledDate, Row

# top-level header number -> the leaf columns under it, per (form, table)
# fmt: off
_T1_45 = [("1.", ["title"]), ("2.", ["date"]), ("2A.", ["deemed"]), ("3.", ["code", "v"]),
          ("4.", ["amount", "ad", "price"]), ("5.", ["owned"]), ("6.", ["di"]), ("7.", ["nature"])]
_T2_45 = [("1.", ["title"]), ("2.", ["conv"]), ("3.", ["date"]), ("3A.", ["deemed"]),
          ("4.", ["code", "v"]), ("5.", ["a", "d"]), ("6.", ["exdate", "expdate"]),
          ("7.", ["utitle", "ushares"]), ("8.", ["price"]), ("9.", ["owned"]), ("10.", ["di"]),
          ("11.", ["nature"])]
# fmt: on

SCHEMAS: dict[tuple[str, int], list[tuple[str, list[str]]]] = {
    ("4", 1): _T1_45,
    ("5", 1): [(n, ["code"] if n == "3." else leaves) for n, leaves in _T1_45],
    ("3", 1): [("1.", ["title"]), ("2.", ["owned"]), ("3.", ["di"]), ("4.", ["nature"])],
    ("4", 2): _T2_45,
    ("5", 2): [(n, ["code"] if n == "4." else leaves) for n, leaves in _T2_45],
    ("3", 2): [
        ("1.", ["title"]),
        ("2.", ["exdate", "expdate"]),
        ("3.", ["utitle", "ushares"]),
        ("4.", ["conv"]),
        ("5.", ["di"]),
        ("6.", ["nature"]),
    ],
}

_MARK = re.compile(r"\((\d+)\)")
_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def marks_in(text: str) -> list[str]:
    """Footnote ids of the marks in a printed text: "(1)(2)" -> ["F1", "F2"]."""
    return [f"F{n}" for n in _MARK.findall(text)]


@dataclass(slots=True)
class Cell:
    text: str | None
    marks: tuple[str, ...]
    dollar: bool

    @property
    def empty(self) -> bool:
        return self.text is None and not self.marks


def iso_date(text: str | None) -> FiledDate | None:
    if text is None:
        return None
    m = _DATE.match(text.strip())
    if not m:
        return FiledDate(text)
    month, day, year = m.groups()
    return FiledDate(f"{year}-{int(month):02d}-{int(day):02d}")


def amount(text: str | None) -> Amount | None:
    if text is None:
        return None
    cleaned = text.replace(",", "").replace("$", "").replace(" ", "")
    return Amount(cleaned or text)


_TRANSACTION_CELLS = ("date", "deemed", "code", "v", "amount", "ad", "price", "a", "d")


def build_row_of_cells(form: str, table: int, cells: Mapping[str, Cell]) -> Row:
    """One printed table row (leaf column key -> cell, see SCHEMAS) as the model's row."""
    get = cells.get
    empty = Cell(None, (), False)
    refs: dict[str, tuple[str, ...]] = {}

    def note(field_name: str, cell: Cell) -> None:
        if cell.marks:
            refs[field_name] = refs.get(field_name, ()) + cell.marks

    is_tx = form != "3" and any(not cells.get(k, empty).empty for k in _TRANSACTION_CELLS)
    kw: dict = {"kind": "transaction" if is_tx else "holding"}

    title = get("title", empty)
    kw["security_title"] = title.text
    note("security_title", title)
    dates = [("date", "transaction_date"), ("deemed", "deemed_execution_date")]
    if table == 2:
        dates += [("exdate", "exercise_date"), ("expdate", "expiration_date")]
    for key, name in dates:
        c = get(key, empty)
        kw[name] = iso_date(c.text)
        note(name, c)
    code = get("code", empty)
    kw["code"] = code.text
    note("code", code)
    v = get("v", empty)
    note("code", v)
    if form == "4" and is_tx:
        kw["form_type"] = "5" if v.text == "V" else "4"
    # shares: Table I "Amount" column, Table II "(A)" / "(D)" columns; "$" means a dollar value
    shares_cells = [("amount", None), ("a", "A"), ("d", "D")]
    for key, ad in shares_cells:
        found = cells.get(key)
        if found is None or found.empty:
            continue
        name = "total_value" if found.dollar else "shares"
        kw[name] = amount(found.text)
        note(name, found)
        if ad is not None:
            kw["acquired_disposed"] = ad
    ad_cell = get("ad", empty)
    if ad_cell.text is not None:
        kw["acquired_disposed"] = ad_cell.text
    note("acquired_disposed", ad_cell)
    price = get("price", empty)
    kw["price"] = amount(price.text)
    note("price", price)
    owned = get("owned", empty)
    name = "value_owned_following" if owned.dollar else "shares_owned_following"
    kw[name] = amount(owned.text)
    note(name, owned)
    di = get("di", empty)
    kw["direct_indirect"] = di.text
    note("direct_indirect", di)
    nature = get("nature", empty)
    kw["nature_of_ownership"] = nature.text
    note("nature_of_ownership", nature)
    if table == 1:
        kw["footnotes"] = refs
        return Row(**kw)
    conv = get("conv", empty)
    kw["conversion_or_exercise_price"] = amount(conv.text)
    note("conversion_or_exercise_price", conv)
    utitle = get("utitle", empty)
    kw["underlying_title"] = utitle.text
    note("underlying_title", utitle)
    ushares = get("ushares", empty)
    name = "underlying_value" if ushares.dollar else "underlying_shares"
    kw[name] = amount(ushares.text)
    note(name, ushares)
    kw["footnotes"] = refs
    return DerivativeRow(**kw)
