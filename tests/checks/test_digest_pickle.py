"""A filing's digest and own findings travel from an import worker to the store's process by pickle
(`tui.checks.digest_pickle`): what arrives must be what was worked out, to the exponent of each figure."""

from __future__ import annotations

import pickle
from decimal import Decimal
from typing import Any

from tests.checks.helpers import all_corpus
from tests.conftest import needs_corpus
from tui.checks import check_filing, digest, precheck


def _spelled(value: Any) -> Any:
    """The value with every Decimal as its text (1.50 and 1.5 are equal Decimals, written differently)."""
    if isinstance(value, Decimal):
        return ("Decimal", str(value))
    if isinstance(value, dict):
        return {_spelled(k): _spelled(v) for k, v in value.items()}
    if isinstance(value, (tuple, list)):
        return tuple(_spelled(v) for v in value)
    if isinstance(value, frozenset):
        return frozenset(_spelled(v) for v in value)
    return value


@needs_corpus
def test_every_corpus_filings_digest_comes_back_from_pickle_as_it_was_made():
    corpus = all_corpus()
    with_lines = 0
    for known in corpus:
        made = digest(known)
        back = pickle.loads(pickle.dumps(made))
        assert type(back) is type(made)
        assert _spelled(tuple(back)) == _spelled(tuple(made)), known.id
        for key, line in back.exact_lines.items():  # the lookups point at the lines themselves
            assert line is None or line is next(x for x in back.lines if x.exact == key)
        assert [line.description for line in back.lines] == [line.description for line in made.lines]
        assert [line.how for line in back.lines] == [line.how for line in made.lines]
        with_lines += bool(made.lines)
    assert with_lines > len(corpus) / 2


@needs_corpus
def test_a_workers_prechecked_filing_comes_back_with_its_findings():
    found = 0
    for known in all_corpus():
        findings, made = pickle.loads(pickle.dumps(precheck(known.filing)))
        assert list(findings) == check_filing(known.filing)
        assert [f.to_dict() for f in findings] == [f.to_dict() for f in check_filing(known.filing)]
        assert made.with_id(known.id) == digest(known)
        found += len(findings)
    assert found > 0


@needs_corpus
def test_digests_come_back_the_same_while_the_memos_empty_themselves(monkeypatch):
    """The store's process keeps the figures and days it made in memos emptied when full: a memo emptied
    between two values (here after every two) still gives each value back, and None stays None."""
    from tui.checks import digest_pickle

    monkeypatch.setattr(digest_pickle, "_MEMO_SIZE", 2)
    monkeypatch.setattr(digest_pickle, "_NUMBERS", {None: None})  # (not the values earlier tests left)
    monkeypatch.setattr(digest_pickle, "_DAYS", {None: None})
    cleared = 0
    for known in all_corpus():
        made = digest(known)
        before = len(digest_pickle._NUMBERS)
        back = pickle.loads(pickle.dumps(made))
        cleared += len(digest_pickle._NUMBERS) < before
        assert _spelled(tuple(back)) == _spelled(tuple(made)), known.id
    assert cleared > 0
    assert digest_pickle._NUMBERS[None] is None and digest_pickle._DAYS[None] is None
