"""10b5-1 disclosure on real filings with the box (the aff10b5One element)."""

from tests.checks.helpers import all_corpus, corpus_filing, derived
from tests.conftest import needs_corpus
from tui.checks.plan_10b5_1 import check_plan_10b5_1

pytestmark = needs_corpus

RABOIS = "0001628280-24-011724"  # box checked; F1: "… Rule 10b5-1 trading plan adopted … on December 14, 2023."


def test_box_checked_with_the_adoption_date_in_a_footnote():
    assert check_plan_10b5_1(corpus_filing(RABOIS)) == []


def test_no_finding_anywhere_in_the_corpus():
    # 12 filings check the box, each with the date in F1 (e.g. 0000950170-25-003585 "August 12, 2024");
    # 17 leave it unchecked and none of their footnotes names a 10b5-1 plan; older schemas have no box
    assert [k.id for k in all_corpus() if check_plan_10b5_1(k.filing)] == []


def test_box_checked_but_no_date():
    # DERIVED from the Rabois filing: F1 without its date
    filing = derived(RABOIS, (b" on December 14, 2023", b""))
    [finding] = check_plan_10b5_1(filing)
    assert finding.message == (
        "The 10b5-1 box is checked, but no footnote gives the date the plan was adopted: "
        "F1 names the plan without a date"
    )
    assert finding.fields == ("aff10b5_one", "footnotes")


def test_footnote_names_a_plan_but_the_box_is_not_checked():
    # DERIVED from the Rabois filing: the box unchecked; F1 is cited by the shares of all five sales
    filing = derived(RABOIS, (b"<aff10b5One>1</aff10b5One>", b"<aff10b5One>0</aff10b5One>"))
    [finding] = check_plan_10b5_1(filing)
    assert finding.message == (
        "Footnote F1 says transactions were made under a Rule 10b5-1 plan, but the 10b5-1 box is not checked"
    )
    assert finding.rows == tuple(("table1", i) for i in range(5))


def test_a_footnote_denying_a_plan_is_not_read_as_naming_one():
    filing = derived(
        RABOIS,
        (b"<aff10b5One>1</aff10b5One>", b"<aff10b5One>0</aff10b5One>"),
        (b"were effected pursuant to a Rule 10b5-1", b"were not effected pursuant to a Rule 10b5-1"),
    )
    assert check_plan_10b5_1(filing) == []
