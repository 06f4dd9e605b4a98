"""The parts of the form below the tables: "Explanation of Responses" (footnotes and the "No
securities are beneficially owned." sentence), "Remarks" and the signatures."""

from __future__ import annotations

from collections.abc import Sequence

from tui.model import Signature
from tui.readers.pdf.cells import cell_of, iso_date
from tui.readers.pdf.layout import INF, join_lines, make_lines
from tui.readers.pdf.rows import Unit, group_rows, units_of
from tui.readers.pdf.tolerances import BOX_PADDING_EM
from tui.readers.pdf.words import BLUE, GREEN, Word


def read_notes(
    words: Sequence[Word], explanation: Word, remarks: Word | None, end: float
) -> tuple[dict[str, str], bool, str | None]:
    """Footnotes ("1. text" -> F1), the "No securities are beneficially owned." sentence, remarks."""
    notes_end = remarks.top if remarks is not None else end
    green = [w for w in words if w.colour == GREEN and explanation.bottom <= w.top < notes_end]
    lines = make_lines(green)
    footnotes: dict[str, list[str]] = {}
    no_securities = False
    current: str | None = None
    expected = 1
    for i, ln in enumerate(lines):
        text = ln.text()
        first = ln.words[0].text
        if first == f"{expected}.":
            current = f"F{expected}"
            footnotes[current] = [text[len(first) :].strip()]
            expected += 1
            continue
        if i == 0 and current is None and text.startswith("No securities are beneficially owned"):
            no_securities = True
            continue
        if current is not None:
            footnotes[current].append(text)
    remarks_text = None
    if remarks is not None:
        rem = [w for w in words if w.colour == GREEN and remarks.bottom <= w.top < end]
        remarks_text = join_lines(ln.text() for ln in make_lines(rem))
    return {k: join_lines(v) or "" for k, v in footnotes.items()}, no_securities, remarks_text


def read_signatures(
    words: Sequence[Word], top: float, caption: Word, date_label: Word | None, spaces: bool
) -> list[Signature]:
    """The signature rows above "** Signature of Reporting Person": name (wraps) and date."""
    blue = [w for w in words if w.colour == BLUE and top <= w.top < caption.top]
    split = date_label.x0 - BOX_PADDING_EM * date_label.size if date_label is not None else INF
    per_column: dict[str, list[Unit]] = {}
    for u in units_of(blue, spaces):
        per_column.setdefault("name" if u.x0 < split else "date", []).append(u)
    rows = group_rows(per_column, frozenset({"name"}), title="name", anchor="date")
    out: list[Signature] = []
    for row in rows:
        name = cell_of(row.get("name")).text
        date = cell_of(row.get("date")).text
        out.append(Signature(name=name, date=iso_date(date)))
    return out
