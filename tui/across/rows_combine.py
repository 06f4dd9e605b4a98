"""One row index from two: the filings of an old index that are kept, then every filing of a new one (its
codes mapped into the old index's vocabularies), without a loop over rows."""

from __future__ import annotations

import numpy as np

from tui.across.rows import VOCABS, RowIndex, Vocab, newest_names

#: the row and filing columns that hold codes, and the vocabulary of each
_ROW_CODES = {"code": "codes", "sec": "securities", "line": "lines"}
_FILING_CODES = {"ticker": "tickers", "issuer": "issuers", "form": "forms", "iname": "inames"}


def combine(old: RowIndex, keep: np.ndarray, new: RowIndex) -> RowIndex:
    """The filings of ``old`` where ``keep``, then every filing of ``new``. ``old`` is left as it was (a view
    may be reading it): the vocabularies are copied before new words are added."""
    vocab = {name: Vocab(old.vocab[name].words) for name in VOCABS}
    maps = {name: np.array([vocab[name].code(w) for w in new.vocab[name].words], dtype=np.int32) for name in VOCABS}
    row_keep = keep[old.rows["f"]] if len(old) else np.zeros(0, dtype=bool)
    renumber = np.cumsum(keep) - 1
    kept_filings = int(keep.sum())
    rows: dict[str, np.ndarray] = {}
    for column, values in old.rows.items():
        mine, theirs = values[row_keep], new.rows[column]
        if column == "f":
            mine, theirs = renumber[mine], theirs + kept_filings
        elif column in _ROW_CODES:
            theirs = maps[_ROW_CODES[column]][theirs]
        rows[column] = np.concatenate([mine, theirs]).astype(values.dtype)
    filings: dict[str, np.ndarray] = {}
    for column, values in old.filings.items():
        theirs = new.filings[column]
        if column in _FILING_CODES:
            theirs = maps[_FILING_CODES[column]][theirs]
        filings[column] = np.concatenate([values[keep], theirs]).astype(values.dtype)
    info = [old.info[i] for i in np.flatnonzero(keep).tolist()] + new.info
    row_at = np.cumsum(row_keep) - 1
    exact = {(c, int(row_at[r])): t for (c, r), t in old.exact_text.items() if row_keep[r]}
    offset = int(row_keep.sum())
    exact.update({(c, r + offset): t for (c, r), t in new.exact_text.items()})
    return RowIndex(rows, filings, info, vocab, newest_names(filings, vocab), exact)
