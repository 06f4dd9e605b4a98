"""What a store recomputes when a filing arrives: its owner-issuer groups, nothing else."""

from tests.checks.helpers import all_corpus, known
from tests.conftest import needs_corpus
from tui.checks import Digest, Finding, GroupKey, Known, check_all, digest, digest_keys, merge_group_findings, recheck

pytestmark = needs_corpus


def test_a_new_filing_recomputes_its_group_and_gives_the_same_as_checking_everything():
    corpus = all_corpus()
    everything = check_all(corpus)
    # Hoffman, LinkedIn: the 2011-12-21 Form 4 arrives after the rest of the corpus
    new = known("0001209191-11-062562")
    stored = [k for k in corpus if k.id != new.id]
    asked: list[set[GroupKey]] = []

    digests = [digest(k) for k in stored]
    filings = {k.id: k.filing for k in stored}

    def members_of(keys: set[GroupKey]) -> list[Digest]:
        asked.append(set(keys))
        return [d for d in digests if digest_keys(d) & keys]

    mine, theirs = recheck([new], members_of, filings.get)
    # a stored filing keeps its own findings and takes the group's new ones
    found = {**mine, **{fid: merge_group_findings(everything.get(fid, ()), f) for fid, f in theirs.items()}}
    # the group is Hoffman (CIK 1519339) at issuer 1439404: the Form 3, the two Forms 4 before this one and
    # the Form 4 of 2012 after it; only this one and the one after it compare with a different filing now
    assert asked[0] == {("1439404", "1519339")}
    assert set(found) == {"0001209191-11-062562", "0001209191-12-022021"}
    for fid, findings in found.items():
        assert findings == everything.get(fid, ()), fid
    assert [f.kind for f in found["0001209191-11-062562"]] == ["holdings_continuity"]
    # the group's other filings keep what they had, and that is what checking everything gives them
    before = check_all(stored)
    for fid in ("0001209191-11-061529", "0001209191-11-061699"):
        assert before.get(fid, ()) == everything.get(fid, ()), fid


def _arrives_last(corpus: list[Known], new: Known) -> dict[str, tuple[Finding, ...]]:
    """Every filing's findings when ``new`` arrives after the rest: the rest's by check_all, then recheck."""
    stored = [k for k in corpus if k.id != new.id]
    found = dict(check_all(stored))
    digests = [digest(k) for k in stored]
    filings = {k.id: k.filing for k in stored}
    mine, theirs = recheck([new], lambda keys: [d for d in digests if digest_keys(d) & keys], filings.get)
    for fid, group in theirs.items():
        found[fid] = merge_group_findings(found.get(fid, ()), group)
    found.update(mine)
    return {fid: f for fid, f in found.items() if f}


def test_any_filing_arriving_last_gives_what_checking_everything_gives():
    """A store rechecks only the filings whose group findings can change (`touched_by`): for each filing of
    a group of three or more, arriving after the rest gives every filing what checking everything gives."""
    corpus = all_corpus()
    everything = check_all(corpus)
    sizes: dict[GroupKey, int] = {}
    for k in corpus:
        for key in digest_keys(digest(k)):
            sizes[key] = sizes.get(key, 0) + 1
    chained = [k for k in corpus if any(sizes[key] >= 3 for key in digest_keys(digest(k)))]
    assert len(chained) >= 10
    for new in chained:
        assert _arrives_last(corpus, new) == everything, new.id


def test_an_amendment_or_its_original_arriving_last():
    """The derived 4/A of tests/checks/test_amendment.py (from AMD's 0000002488-24-000005): whichever of the
    two arrives last, both are linked as when checking everything."""
    from tests.checks.test_amendment import amendment

    corpus = [*all_corpus(), amendment((b"<value>473</value>", b"<value>472</value>"))]
    everything = check_all(corpus)
    assert [f.kind for f in everything["amendment-derived"]] == ["amendment"]
    for new_id in ("amendment-derived", "0000002488-24-000005"):
        new = next(k for k in corpus if k.id == new_id)
        assert _arrives_last(corpus, new) == everything, new_id
