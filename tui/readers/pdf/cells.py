"""A table cell's words -> a :class:`~tui.readers.printed.Cell` (its text, footnote marks, "$"), and one
table row's blocks -> the model's row (see :mod:`tui.readers.printed`)."""

from __future__ import annotations

from tui.model import Row
from tui.readers.pdf.layout import join_lines
from tui.readers.pdf.rows import Block, unit_lines
from tui.readers.pdf.tolerances import SPACE_GAP_EM
from tui.readers.pdf.words import BLACK, GREEN, Word
from tui.readers.printed import Cell, amount, build_row_of_cells, iso_date, marks_in

__all__ = ["Cell", "amount", "build_row", "cell_of", "iso_date"]


def cell_of(block: Block | None) -> Cell:
    if block is None:
        return Cell(None, (), False)
    lines: list[list[Word]] = []
    for line_units, _, _, _ in unit_lines(sorted(block.units, key=lambda u: (u.top, u.x0))):
        ws = sorted((w for u in line_units for w in u.words), key=lambda w: w.x0)
        lines.append(ws)
    texts: list[str] = []
    marks: list[str] = []
    dollar = False
    for ws in lines:
        parts: list[str] = []
        prev: Word | None = None
        for w in ws:
            if w.colour == GREEN:
                marks.extend(marks_in(w.text))
                continue
            if w.colour == BLACK:
                dollar = dollar or w.text == "$"
                continue
            if prev is not None and w.x0 - prev.x1 > SPACE_GAP_EM * min(w.size, prev.size):
                parts.append(" ")
            parts.append(w.text)
            prev = w
        if parts:
            texts.append("".join(parts))
    return Cell(join_lines(texts), tuple(marks), dollar)


def build_row(form: str, table: int, row: dict[str, Block]) -> Row:
    """One table row (leaf column key -> its block of words) as the model's row."""
    return build_row_of_cells(form, table, {key: cell_of(block) for key, block in row.items()})
