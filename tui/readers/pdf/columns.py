"""The columns of Tables I and II, from the printed column headers.

Every top-level header cell starts with its number ("1.", "2A.", "10." …) at the cell's left edge
(+ padding); a header spanning several columns ("3. Transaction Code" over "Code" and "V") is split
at its sub-headers, which are centred over their columns (Chromium, wkhtmltopdf) or left-aligned
(WeasyPrint ignores ``align``) -- the data below is aligned the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tui.readers.pdf.layout import make_lines
from tui.readers.pdf.tolerances import (
    CENTRED_OFFSET_EM,
    COLUMN_SLACK_EM,
    FALLBACK_GAP_EM,
    FALLBACK_HEADER_WIDTH_EM,
    HEADER_SLACK_EM,
    SUB_HEADER_GAP_EM,
)
from tui.readers.pdf.words import Word
from tui.readers.printed import SCHEMAS


@dataclass(slots=True)
class Column:
    key: str
    start: float  # left boundary of the top-level header cell's text
    group: int  # index of the top-level header
    anchor: float = 0.0  # sub-column: text x0 (left-aligned) or centre (centred)
    slack: float = 0.0  # rounding of the cells' padding: COLUMN_SLACK_EM of the header's size


def header_columns(form: str, table: int, header_words: Sequence[Word]) -> tuple[list[Column], bool] | None:
    """The leaf columns, and whether sub-headers (and so the data) are centred in their cells."""
    schema = SCHEMAS[(form, table)]
    firsts: dict[str, Word] = {}
    for w in sorted(header_words, key=lambda w: w.top):
        if w.text not in firsts:
            firsts[w.text] = w
    tops: list[Word] = []
    for number, _ in schema:
        first = firsts.get(number)
        if first is None:
            return None
        tops.append(first)
    if any(tops[i].x0 >= tops[i + 1].x0 for i in range(len(tops) - 1)):
        return None
    columns: list[Column] = []
    centred_any = False
    subs_per_group: list[list[tuple[float, float]]] = []
    for gi, ((_, leaves), head) in enumerate(zip(schema, tops, strict=True)):
        if len(leaves) == 1:
            subs_per_group.append([])
            continue
        right = tops[gi + 1].x0 if gi + 1 < len(tops) else float("inf")
        subs = _sub_headers(head, right, header_words)
        if len(subs) != len(leaves):  # fall back to equal shares of the header's width
            width = (right if right != float("inf") else head.x0 + FALLBACK_HEADER_WIDTH_EM * head.size) - head.x0
            gap = FALLBACK_GAP_EM * head.size
            subs = [(head.x0 + width * k / len(leaves), head.x0 + width * (k + 1) / len(leaves) - gap)
                    for k in range(len(leaves))]  # fmt: skip
        if subs[0][0] - head.x0 > CENTRED_OFFSET_EM * head.size:
            centred_any = True
        subs_per_group.append(subs)
    for gi, ((_, leaves), head) in enumerate(zip(schema, tops, strict=True)):
        subs = subs_per_group[gi]
        for li, key in enumerate(leaves):
            anchor = 0.0
            if subs:
                x0, x1 = subs[li]
                anchor = (x0 + x1) / 2 if centred_any else x0
            columns.append(Column(key, head.x0, gi, anchor, COLUMN_SLACK_EM * head.size))
    return columns, centred_any


def _sub_headers(head: Word, right: float, header_words: Sequence[Word]) -> list[tuple[float, float]]:
    """The x-extents of the sub-header cells under a spanning header, left to right."""
    slack = HEADER_SLACK_EM * head.size
    mine = [w for w in header_words if head.x0 - slack <= w.x0 < right - slack and w.top >= head.top - slack / 2]
    lines = make_lines(mine)
    # the spanning header's own lines come first and run together; the sub-headers start after a gap
    start = None
    for i, line in enumerate(lines):
        if head in line.words:
            start = i
            break
    if start is None:
        return []
    k = start
    # (the header cell's wrapped lines are one run of the content stream; the sub-headers, in the
    # next table row, come after every other header cell of this row)
    while k + 1 < len(lines):
        nxt, cur = lines[k + 1], lines[k]
        if nxt.words[0].page != cur.words[-1].page:  # the header cell continues on the next page
            k += 1
            continue
        if nxt.top - cur.bottom < cur.size and nxt.words[0].seq == cur.words[-1].seq + 1:
            k += 1
            continue
        break
    sub_words = [w for ln in lines[k + 1 :] for w in ln.words]
    # cluster by horizontal overlap (words of one sub-header cell overlap or sit a space apart)
    spans: list[list[float]] = []
    for w in sorted(sub_words, key=lambda w: w.x0):
        if spans and w.x0 <= spans[-1][1] + SUB_HEADER_GAP_EM * w.size:
            spans[-1][1] = max(spans[-1][1], w.x1)
        else:
            spans.append([w.x0, w.x1])
    return [(a, b) for a, b in spans]


def assign_column(x0: float, x1: float, columns: list[Column], centred: bool) -> Column:
    """The leaf column of text spanning x0..x1: the top-level header it starts under, then the
    sub-header whose anchor is nearest its centre (centred) or the last one it starts right of."""
    group = columns[0].group
    for c in columns:
        if c.start - c.slack <= x0:
            group = c.group
    members = [c for c in columns if c.group == group]
    if len(members) == 1:
        return members[0]
    if centred:
        cx = (x0 + x1) / 2
        return min(members, key=lambda c: abs(c.anchor - cx))
    chosen = members[0]
    for c in members:
        if c.anchor - c.slack <= x0:
            chosen = c
    return chosen
