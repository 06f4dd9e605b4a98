"""Labels in a column of their own, each value wrapped beside its label with its further lines indented
under it:

    Owner   CARUSO JAMES V   CIK 0001234567
            C/O CELLECTAR BIOSCIENCES, INC., 100 CAMPUS DRIVE,
            FLORHAM PARK NJ 07932

Rich's `Table.grid` draws this too, but it measures and pads every cell through the console each time
Textual asks for the height or the lines (several times per repaint): 3 ms per call, a third of the time it
took to show the next filing. This renderable wraps each value once per width and keeps the lines."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.text import Text


class LabelledRows:
    """(label, value) rows; values wrap (long words are folded), labels never do."""

    def __init__(self, rows: Sequence[tuple[Text, Text]], *, label_width: int | None = None, gap: int = 1) -> None:
        self.rows = list(rows)
        widest = max((cell_len(label.plain) for label, _ in self.rows), default=0)
        self.label_width = max(label_width or 0, widest)
        self.gap = gap
        self._lines: dict[int, list[list[Segment]]] = {}  # width -> rendered lines

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        new_line = Segment.line()
        for line in self.lines(console, options.max_width):
            yield from line
            yield new_line

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(self.label_width + self.gap + 1, options.max_width)

    def lines(self, console: Console, width: int) -> list[list[Segment]]:
        lines = self._lines.get(width)
        if lines is None:
            lines = self._lines[width] = self._render(console, width)
        return lines

    def _render(self, console: Console, width: int) -> list[list[Segment]]:
        value_width = max(1, width - self.label_width - self.gap)
        indent = Segment(" " * (self.label_width + self.gap))
        lines: list[list[Segment]] = []
        for label, value in self.rows:
            wrapped = value.wrap(console, value_width, overflow="fold") or [Text("")]
            label_cells = label.copy()
            label_cells.truncate(self.label_width, pad=True)
            for number, part in enumerate(wrapped):
                head = [*text_segments(label_cells, console), Segment(" " * self.gap)] if number == 0 else [indent]
                part.truncate(value_width, pad=True)
                lines.append([*head, *text_segments(part, console)])
        return lines


def text_segments(text: Text, console: Console) -> list[Segment]:
    """One line of ``text`` as segments, its own style under its spans' (`Text.render` leaves it out)."""
    segments = text.render(console)
    if not text.style:
        return list(segments)
    return list(Segment.apply_style(segments, console.get_style(text.style)))
