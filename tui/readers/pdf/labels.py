"""Finding the form's printed labels ("1. Name and Address of Reporting Person", "Table II - …",
"Explanation of Responses:" …) among the words, in reading (content-stream) order."""

from __future__ import annotations

from collections.abc import Sequence

from tui.readers.pdf.words import BLACK, Word


class Labels:
    """Black words in stream order, with a phrase index for fast look-ups."""

    def __init__(self, words: Sequence[Word]) -> None:
        self.words = [w for w in words if w.colour == BLACK]
        self._by_text: dict[str, list[int]] = {}
        for i, w in enumerate(self.words):
            self._by_text.setdefault(w.text, []).append(i)

    def find_all(self, phrase: str, after: float = -1.0, before: float = float("inf")) -> list[Word]:
        """First word of every occurrence of ``phrase`` (consecutive black words) whose top lies in
        (after, before), in document order."""
        tokens = phrase.split()
        hits: list[Word] = []
        words = self.words
        for i in self._by_text.get(tokens[0], ()):
            if i + len(tokens) > len(words):
                continue
            if all(words[i + k].text == tokens[k] for k in range(1, len(tokens))):
                w = words[i]
                if after < w.top < before:
                    hits.append(w)
        hits.sort(key=lambda w: (w.top, w.x0))
        return hits

    def find(self, phrase: str, after: float = -1.0, before: float = float("inf")) -> Word | None:
        hits = self.find_all(phrase, after, before)
        return hits[0] if hits else None

    def words_of(self, phrase: str, first: Word) -> list[Word]:
        """The words of ``phrase`` (as far as they match it) from ``first`` on, ``first`` a hit of find."""
        tokens = phrase.split()
        for i in self._by_text.get(first.text, ()):
            if self.words[i] is first:
                out = [first]
                for k, token in enumerate(tokens[1:], 1):
                    if i + k >= len(self.words) or self.words[i + k].text != token:
                        break
                    out.append(self.words[i + k])
                return out
        return [first]


def form_type(labels: Labels) -> str | None:
    best: tuple[float, str] | None = None
    for n in "345":
        w = labels.find(f"FORM {n}")
        if w is not None and (best is None or w.top < best[0]):
            best = (w.top, n)
    return best[1] if best else None
