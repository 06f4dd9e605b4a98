"""Holdings arithmetic (within a filing) and continuity (against the owner's previous filing), on real
corpus filings; expected figures worked out by hand from each filing's rows."""

from tests.checks.helpers import corpus_filing, derived, known
from tests.conftest import needs_corpus
from tui.checks.holdings_arithmetic import check_holdings_arithmetic
from tui.checks.holdings_continuity import check_holdings_continuity
from tui.checks.lines import loose_title

pytestmark = needs_corpus


def test_consistent_filings_have_no_arithmetic_finding():
    for name in (
        "apple-cook-2019-08-24",  # 1,414,849 - 294,840 = 1,120,009 - 129,555 = 990,454 - 132,113 = 858,341 …
        "snowflake-scarpelli-2022-12-13",
        # row 5: 1,169,089 - 33,148 = 1,135,941, reported 1,138,960; footnote F2 on the figure: "Includes
        # 3,019 shares … acquired … pursuant to the Issuer's employee stock purchase plan" (the difference)
        "0001617553-25-000024",
        # row 3: 2,145.8292 + 163.6972 = 2,309.5264, reported 2,309.5263: rounding at the fourth decimal
        "0001384860-20-000005",
        # a Form 5 repeating the year-end figure (2,045, 2,193, 9,451 …) on every row of a line
        "0001127602-20-005231",
        # eight "See footnote" rows, each citing its own footnote for the holder (F1, F3, F4 …): eight lines
        "0000899243-20-034355",
        # RSUs whose vesting dates are told in footnotes F4, F6, F7, F8: four grants, not one line
        "0001617553-25-000024",
    ):
        assert check_holdings_arithmetic(corpus_filing(name)) == [], name


def test_owned_after_that_does_not_follow():
    # DERIVED from apple-cook-2019-08-24: row 3 (S, 129,555 disposed) reports 990,545 instead of 990,454
    filing = derived("apple-cook-2019-08-24", (b"<value>990454</value>", b"<value>990545</value>"))
    findings = check_holdings_arithmetic(filing)
    assert [f.message for f in findings] == [
        "Table I row 3 (Common Stock, direct): 1,120,009 owned after row 2 minus 129,555 disposed is 990,454, "
        "but the row reports 990,545 owned after (difference +91); footnote F7 on the row does not give the difference",
        # and row 4 now follows from the wrong figure: 990,545 - 132,113 = 858,432, reported 858,341
        "Table I row 4 (Common Stock, direct): 990,545 owned after row 3 minus 132,113 disposed is 858,432, "
        "but the row reports 858,341 owned after (difference -91); footnote F7 on the row does not give the difference",
    ]
    assert findings[0].rows == (("table1", 1), ("table1", 2))
    assert findings[0].fields == ("shares_owned_following", "shares")


def test_continuity_break_between_two_filings_six_days_apart():
    # Reid Hoffman, LinkedIn: the Form 4 of 2011-12-15 ends Class B Common Stock (direct) at 1,412,997
    # (Table II row 3, after the M exercise of 1,412,997 RSUs); the Form 4 of 2011-12-21 holds 1,412,998
    group = [known("0001209191-11-061699"), known("0001209191-11-062562")]
    findings = check_holdings_continuity(group)
    [finding] = findings["0001209191-11-062562"]
    assert finding.message == (
        "Table II row 3 (Class B Common Stock at $0, direct): 1,412,998 held before this filing (the row reports "
        "1,412,998 held), but the owner's previous filing in the store, Form 4 of 2011-12-15 "
        "(0001209191-11-061699), ended at 1,412,997 (Table II row 3): a difference of +1 (a figure is wrong, "
        "or a filing between the two is not in the store)"
    )
    assert finding.related == ("0001209191-11-061699",)
    assert finding.rows == (("table2", 2),)
    assert set(findings) == {"0001209191-11-062562"}


def test_continuity_that_holds_or_is_explained_has_no_finding():
    cases = [
        # Rabois: the 2024-03-14 Form 4 starts at 84,452 + 3,376 = 87,828 after a Form 4 ending at 0; footnote
        # F3 on the figure: "Represents the receipt of 87,828 shares … pursuant to pro rata distributions"
        ["0001628280-23-010740", "0001628280-24-011724"],
        # Thiel, Palantir: footnote F3 on the figure says share numbers were adjusted (Rule 16a-13)
        ["0001209191-20-051619", "0000899243-21-019441"],
        # Form 3 then Form 4 of the same day
        ["0001209191-21-021965", "0001209191-21-021966"],
    ]
    for names in cases:
        assert check_holdings_continuity([known(n) for n in names]) == {}, names


def test_rsu_grants_without_dates_are_not_matched_across_filings():
    # 0001819848-24-000298 vests 22,556 RSUs of a grant whose terms are only in footnotes; the 2023 filing's
    # RSU line ended at 0: another grant, so Table II is not compared (Table I is: 80,047 against 71,721)
    findings = check_holdings_continuity([known("0001819848-23-000205"), known("0001819848-24-000298")])
    [finding] = findings["0001819848-24-000298"]
    assert finding.rows == (("table1", 0),)
    assert "80,047 held before this filing (102,603 owned after minus 22,556 acquired)" in finding.message
    assert "ended at 71,721 (Table I row 1): a difference of +8,326" in finding.message


def test_loose_title_drops_only_the_par_value_clause():
    assert loose_title("Class A Common Stock, par value $0.0001 per share") == "class a common stock"
    assert loose_title("Common Stock") == "common stock"
    assert loose_title("Series H Preferred Stock, par value $0.01 per share") == "series h preferred stock"
    assert loose_title("Class B common stock, par value $0.01") == "class b common stock"
