"""A filing's digest and own findings travel from an import worker to the store's process by pickle, as
plain values (`tui.checks.digest.plain_of`): what arrives must be what was worked out, to the exponent of
each figure, and the store's process makes the same Digest of it that it makes of a stored filing."""

from __future__ import annotations

import pickle
from decimal import Decimal

from tests.checks.helpers import all_corpus
from tests.conftest import needs_corpus
from tui.checks import check_filing, digest, precheck
from tui.checks.digest import digest_from_plain, plain_of
from tui.checks.finding import tables_of


@needs_corpus
def test_every_corpus_filings_digest_comes_back_from_pickle_as_it_was_made():
    corpus = all_corpus()
    with_lines = 0
    for known in corpus:
        made = digest(known)
        back = pickle.loads(pickle.dumps(made))
        assert type(back) is type(made)
        assert back == made and back.lines == made.lines, known.id
        lines, exact, _ = back.body.made()
        for key, line in exact.items():  # the lookups point at the lines themselves, None at a key met twice
            assert (
                line is next(x for x in lines if x[0] == key)
                if line is not None
                else sum(x[0] == key for x in lines) > 1
            )
        assert [line.description for line in back.lines] == [line.description for line in made.lines]
        assert [line.how for line in back.lines] == [line.how for line in made.lines]
        with_lines += bool(made.lines)
    assert with_lines > len(corpus) / 2


@needs_corpus
def test_a_workers_prechecked_filing_comes_back_with_its_findings():
    found = 0
    for known in all_corpus():
        findings, plain = pickle.loads(pickle.dumps(precheck(known.filing)))
        assert list(findings) == check_filing(known.filing)
        assert [f.to_dict() for f in findings] == [f.to_dict() for f in check_filing(known.filing)]
        assert digest_from_plain(plain, known.id) == digest(known)
        assert digest_from_plain(plain, known.id).lines == digest(known).lines
        found += len(findings)
    assert found > 0


@needs_corpus
def test_a_lines_figures_are_the_filings_own_to_the_exponent():
    """ "1,000.00" is sent as "1000.00": the Decimal the filing's figure is, written as itself."""
    checked = 0
    for known in all_corpus():
        tables = dict(tables_of(known.filing))
        for line in digest_from_plain(pickle.loads(pickle.dumps(plain_of(known.filing))), known.id).lines:
            first = tables[line.first_ref[0]][line.first_ref[1]]
            figure = first.shares_owned_following
            value = figure.value if figure is not None else None
            assert line.after == (None if value is None else str(value))
            if line.last_ref is not None:
                last = tables[line.last_ref[0]][line.last_ref[1]].shares_owned_following
                assert last is not None and line.last_after == str(last.value)
                assert Decimal(line.last_after).as_tuple() == last.value.as_tuple()  # type: ignore[union-attr]
                checked += 1
    assert checked > 100
