"""Small synthetic word lists for the PDF rules' unit tests: words placed by hand, in points, the
way a printout of EDGAR's page places them (8 pt text, labels black, values blue, marks green)."""

from __future__ import annotations

from tui.readers.pdf.words import BLACK, BLUE, GREEN, Word

SIZE = 8.0
#: an 8 pt Arial-like glyph is about this wide on average
ADVANCE = 0.5 * SIZE


class Page:
    """Writes words in content-stream order (``seq``), like a PDF engine draws them."""

    def __init__(self, page: int = 0) -> None:
        self.words: list[Word] = []
        self.page = page

    def put(
        self,
        text: str,
        x0: float,
        top: float,
        colour: str = BLUE,
        size: float = SIZE,
        space_after: bool = True,
        page: int | None = None,
    ) -> Word:
        width = len(text) * 0.5 * size
        w = Word(text, x0, x0 + width, top, top + size, size, colour, self.page if page is None else page,
                 len(self.words), space_after)  # fmt: skip
        self.words.append(w)
        return w

    def phrase(
        self, text: str, x0: float, top: float, colour: str = BLUE, size: float = SIZE, page: int | None = None
    ) -> list[Word]:
        """Words of a phrase, one space (0.25 em) apart."""
        out = []
        x = x0
        for token in text.split():
            w = self.put(token, x, top, colour, size, page=page)
            out.append(w)
            x = w.x1 + 0.25 * size
        return out

    def label(self, text: str, x0: float, top: float, size: float = SIZE) -> list[Word]:
        return self.phrase(text, x0, top, BLACK, size)

    def mark(self, n: int, x0: float, top: float) -> Word:
        """A raised footnote mark "(n)" in green, smaller and higher than the text it follows."""
        return self.put(f"({n})", x0, top - 2.0, GREEN, size=0.75 * SIZE)


def char(text: str, x0: float, top: float, size: float = SIZE, colour=(0, 0, 1), width: float | None = None) -> dict:
    """A pdfplumber-like character dict (what ``words_from_chars`` consumes)."""
    width = 0.5 * size if width is None else width
    return {"text": text, "x0": x0, "x1": x0 + width, "top": top, "bottom": top + size, "doctop": top,
            "height": size, "size": size, "non_stroking_color": colour}  # fmt: skip
