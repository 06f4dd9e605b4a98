"""What a store recomputes when a filing arrives: its owner-issuer groups, nothing else."""

from tests.checks.helpers import all_corpus, known
from tests.conftest import needs_corpus
from tui.checks import Digest, GroupKey, check_all, digest, digest_keys, merge_group_findings, recheck

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
    # the group is Hoffman (CIK 1519339) at issuer 1439404: the Form 3, the two Forms 4 before and this one
    assert asked[0] == {("1439404", "1519339")}
    assert set(found) == {
        "0001209191-11-061529",
        "0001209191-11-061699",
        "0001209191-11-062562",
        "0001209191-12-022021",
    }
    for fid, findings in found.items():
        assert findings == everything.get(fid, ()), fid
    assert [f.kind for f in found["0001209191-11-062562"]] == ["holdings_continuity"]
