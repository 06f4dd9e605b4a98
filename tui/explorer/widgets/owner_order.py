"""A joint filing's owners with the ones an insider-name search matched first, so that the list line
shows the insider the user looked for (the store's search matches any owner of a filing)."""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz import fuzz

from tui.names import tokens

#: query tokens this long or longer match a name token with a typo (as `tui.names` does)
FUZZY_MIN_LENGTH = 4
FUZZY_CUTOFF = 80


def name_score(name: str, query_tokens: Sequence[str]) -> float:
    """How well one owner's name matches every query token (0: some token matches none of its tokens)."""
    name_tokens = tokens(name)
    total = 0.0
    for query in query_tokens:
        best = 0.0
        for token in name_tokens:
            if token == query:
                best = 100.0
                break
            if token.startswith(query):
                best = max(best, 95.0)
            elif len(query) >= FUZZY_MIN_LENGTH:
                score = fuzz.ratio(query, token)
                if score >= FUZZY_CUTOFF:
                    best = max(best, score * 0.9)
        if not best:
            return 0.0
        total += best
    return total


def matching_first(owners: Sequence[str], query: str) -> tuple[str, ...]:
    """``owners`` with those matching ``query`` first, best first; the others keep their order."""
    query_tokens = tokens(query)
    if not query_tokens or len(owners) < 2:
        return tuple(owners)
    scores = [name_score(owner, query_tokens) for owner in owners]
    order = sorted(range(len(owners)), key=lambda i: (-scores[i], i))
    return tuple(owners[i] for i in order)
