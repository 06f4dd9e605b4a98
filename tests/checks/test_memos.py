"""The checks keep what they work out from texts that repeat across filings (a line's words, a figure's
value, a footnote's reading) in memos: whatever was checked before, every answer must be the one the
filing itself gives."""

from __future__ import annotations

from itertools import combinations

from tests.checks.helpers import all_corpus
from tests.conftest import needs_corpus
from tui.checks import precheck
from tui.checks.digest import digest_from_plain
from tui.checks.lines import (
    AMOUNTS,
    DATES,
    ValueMemo,
    described,
    footnote_key,
    identifiable,
    line_key,
    line_words,
    loose_title,
)
from tui.model import Amount, DerivativeRow, FiledDate, Filing, Row

pytestmark = needs_corpus


def _as_filed(row: Row) -> tuple[object, ...]:
    """The arithmetic's line as its rule says: the text as filed, and the ids of the footnotes on the fields
    that tell lines apart and on the exercise date."""
    notes = row.footnotes
    key: tuple[object, ...] = (
        row.security_title,
        row.direct_indirect,
        row.nature_of_ownership,
        notes.get("direct_indirect"),
        notes.get("nature_of_ownership"),
    )
    if isinstance(row, DerivativeRow):
        price, expires = row.conversion_or_exercise_price, row.expiration_date
        key += (
            price.text if price else None,
            expires.text if expires else None,
            notes.get("conversion_or_exercise_price"),
            notes.get("exercise_date"),
            notes.get("expiration_date"),
        )
    return key


def _rows_and_words(filing: Filing) -> list[tuple[Row, object]]:
    first, second = line_words(filing)
    return [*zip(filing.non_derivative, first, strict=True), *zip(filing.derivative, second, strict=True)]


def test_every_rows_line_words_are_its_own_whatever_came_before():
    corpus = [k.filing for k in all_corpus()]
    for filing in [*corpus, *reversed(corpus)]:  # (the second time round, every spelling is remembered)
        pairs = _rows_and_words(filing)
        for row, words in pairs:
            assert words.exact == line_key(row, footnotes=False)
            assert words.loose == (loose_title(row.security_title), *words.exact[1:])
            assert words.identifiable == identifiable(row)
            assert words.described == described(row)
        # two rows are on one line exactly when their keys say so, for the digest and for the arithmetic
        for (a, wa), (b, wb) in combinations(pairs, 2):
            assert (wa.key == wb.key) == ((line_key(a), footnote_key(a)) == (line_key(b), footnote_key(b)))
            assert (wa.as_filed == wb.as_filed) == (_as_filed(a) == _as_filed(b))


def test_line_words_are_those_of_the_filing_asked_for():
    first, second = (k.filing for k in all_corpus()[:2])
    line_words(first)
    assert [w.exact for w in line_words(second)[0]] == [line_key(r, footnotes=False) for r in second.non_derivative]


def test_precheck_does_not_depend_on_the_filings_checked_before():
    corpus = [k.filing for k in all_corpus()]
    once = [(own, digest_from_plain(plain, "")) for own, plain in map(precheck, corpus)]
    again = [(own, digest_from_plain(plain, "")) for own, plain in map(precheck, reversed(corpus))]
    assert again == once[::-1]  # (a digest's lines compared as values, not as the bytes they travel in)
    assert sum(len(own) for own, _ in once) > 0 and sum(len(d.lines) for _, d in once) > 100


def test_value_memos_give_the_models_values():
    corpus = [k.filing for k in all_corpus()]
    amounts = [a for f in corpus for r in f.rows for a in (r.shares, r.price, r.shares_owned_following) if a]
    dates = [d for f in corpus for r in f.rows for d in (r.transaction_date, r.deemed_execution_date) if d]
    assert len(amounts) > 300 and len(dates) > 300
    assert all(AMOUNTS[a.text] == a.value for a in amounts)
    assert all(DATES[d.text] == d.value for d in dates)
    small: ValueMemo[object] = ValueMemo(lambda text: Amount(text).value, size=2)  # cleared again and again
    assert [small[a.text] for a in amounts] == [a.value for a in amounts] and len(small) <= 2
    assert DATES["2009-03-31-04:00"] == FiledDate("2009-03-31-04:00").value and DATES["soon"] is None
