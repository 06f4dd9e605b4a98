"""Insider-name matching: case- and order-insensitive and tolerant of small misspellings.

"james caruso", "Caruso, James" and "CARUSO JAMES V" all find CARUSO JAMES V; "musk" finds
"Musk Elon". Each name is split into folded tokens; a query matches a filing when every query
token matches one of the filing's name tokens exactly, as a prefix, or (for longer tokens) with a
typo: one edit (a letter changed, added, dropped, or two swapped), two for tokens of 8 letters or
more. A similarity ratio alone is not enough: "softbankmusk" is 80 % like "softbank", four letters
away, and must not find SoftBank. The index is built once in memory, so a search costs a few dictionary and
set operations instead of a scan of the store.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
#: tokens this long or longer may match with a typo
_FUZZY_MIN_LENGTH = 4
_FUZZY_CUTOFF = 80
#: query tokens this long or longer may be two edits away, shorter ones one
_TWO_EDITS_MIN_LENGTH = 8


def _edits_allowed(token: str) -> int:
    return 2 if len(token) >= _TWO_EDITS_MIN_LENGTH else 1


def tokens(text: str) -> list[str]:
    """Folded name tokens: lower case, accents removed, punctuation dropped ("O'Neil" -> "o", "neil")."""
    if text.isascii():
        return _TOKEN.findall(text.lower())
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return _TOKEN.findall(folded)


class NameIndex:
    """token -> (filing id, owner number) of every insider name that contains it. A query must
    match within one name: "james smith" does not match a joint filing of James Roe and Ann Smith."""

    def __init__(self) -> None:
        self._postings: dict[str, set[tuple[str, int]]] = {}
        self._sorted: list[str] | None = []

    def add(self, filing_id: str, names: Iterable[str]) -> None:
        for number, name in enumerate(names):
            key = (filing_id, number)
            for token in tokens(name):
                keys = self._postings.get(token)
                if keys is None:
                    self._postings[token] = {key}
                    self._sorted = None
                else:
                    keys.add(key)

    def _vocabulary(self) -> list[str]:
        if self._sorted is None:
            self._sorted = sorted(self._postings)
        return self._sorted

    def _matching_tokens(self, query_token: str) -> dict[str, float]:
        """Vocabulary tokens that match one query token, with a score (100 = exact)."""
        vocabulary = self._vocabulary()
        found: dict[str, float] = {}
        if query_token in self._postings:
            found[query_token] = 100.0
        start = bisect.bisect_left(vocabulary, query_token)
        for token in vocabulary[start:]:
            if not token.startswith(query_token):
                break
            found.setdefault(token, 95.0)
        if len(query_token) >= _FUZZY_MIN_LENGTH:
            edits = _edits_allowed(query_token)
            for token, score, _ in process.extract(
                query_token, vocabulary, scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF, limit=50
            ):
                if OSA.distance(query_token, token, score_cutoff=edits) <= edits:
                    found.setdefault(token, float(score) * 0.9)
        return found

    def search(self, query: str) -> dict[str, float]:
        """Filing id -> score for every filing whose names match all of the query's tokens."""
        query_tokens = tokens(query)
        if not query_tokens:
            return {}
        result: dict[tuple[str, int], float] | None = None
        for query_token in query_tokens:
            scores: dict[tuple[str, int], float] = {}
            for token, score in self._matching_tokens(query_token).items():
                for key in self._postings[token]:
                    if scores.get(key, 0.0) < score:
                        scores[key] = score
            result = scores if result is None else {k: result[k] + s for k, s in scores.items() if k in result}
            if not result:
                return {}
        best: dict[str, float] = {}
        for (filing_id, _), score in (result or {}).items():
            if best.get(filing_id, 0.0) < score:
                best[filing_id] = score
        return best
