"""Late filing, on real corpus filings; each expectation worked out by hand from the filing's dates."""

from tests.checks.helpers import corpus_filing, derived
from tests.conftest import needs_corpus
from tui.checks.late_filing import check_late_filing

pytestmark = needs_corpus


def test_form4_filed_months_late_from_the_submission_header():
    # 0001493152-25-009612: both rows executed Monday 2024-12-09, due Wednesday 2024-12-11; the header
    # says FILED AS OF DATE 20250307. Business days from 12-10: December 14 (12-24 closed by executive
    # order, 12-25 Christmas), January 20 (1st, 9th Carter, 20th MLK), February 19 (17th), March 5 = 58.
    [finding] = check_late_filing(corpus_filing("0001493152-25-009612"))
    assert finding.message == (
        "Filed 2025-03-07, 58 business days after the 2024-12-09 transaction (due 2024-12-11); "
        "2 rows late: Table I row 1; Table II row 1"
    )
    assert finding.rows == (("table1", 0), ("table2", 0))
    assert finding.fields == ("transaction_date",)


def test_signature_date_stands_in_and_the_finding_says_so():
    # 0001062993-23-012371 is XML only: transaction Tuesday 2023-05-23, due Thursday 05-25, signed Friday 05-26
    [finding] = check_late_filing(corpus_filing("0001062993-23-012371"))
    assert finding.message == (
        "Signed 2023-05-26 (no filed date known: the signature date stands in), "
        "3 business days after the 2023-05-23 transaction (due 2023-05-25)"
    )


def test_form3_ten_days_moved_past_a_sunday():
    # event 2018-12-06; ten days is Sunday 12-16, so due Monday 12-17; filed 2020-09-10
    [finding] = check_late_filing(corpus_filing("0001078782-20-000692"))
    assert finding.message == (
        "Filed 2020-09-10, 633 days after the deadline for the 2018-12-06 event (due within 10 days: 2018-12-17)"
    )


def test_form5_45_days_moved_past_a_weekend_and_presidents_day():
    # fiscal year ended 2015-12-31; 45 days is Sunday 2016-02-14, Monday 02-15 is Washington's Birthday
    [finding] = check_late_filing(corpus_filing("0001731122-20-000178"))
    assert finding.message == (
        "Filed 2020-02-19, 1464 days after the deadline for the fiscal year ended 2015-12-31 "
        "(due within 45 days: 2016-02-16)"
    )


def test_the_filers_own_late_mark():
    [finding] = check_late_filing(corpus_filing("0001127602-20-005216"))  # four rows with timeliness L
    assert finding.message == "The filer marks Table I rows 1, 2, 3 and 4 as reported late (timeliness L)"
    assert finding.fields == ("timeliness",)


def test_filings_on_time_have_no_finding():
    for name in (
        "0001819848-23-000205",  # Saturday 2023-06-10 transaction, signed Tuesday 06-13: the second business day
        "0001628280-24-011724",  # Thursday 2024-03-14, signed Monday 03-18
        "0001213900-20-041181",  # Form 3: event 2020-11-24, filed 12-04, the tenth day
        "snowflake-mcmahon-2022-01-31",  # Form 5: year ended 2022-01-31, signed 03-11 (due 03-17)
        # Form 5 whose period is a transaction date (2019-04-24), not a year end: filed 2020-02-03, within
        # 45 days of any fiscal year that includes 2019-04-24 and ends by 2020-04-23 → not called late
        "0001437749-20-001545",
        "0001209191-12-022044",  # rows dated 03-27..04-02, signed 04-03, but marked E (reported early)
        # Table II rows of 2020-12-11 signed 12-17: footnote F11 says they are reported under Rule 16a-2(a)
        "0000899243-20-034355",
    ):
        assert check_late_filing(corpus_filing(name)) == [], name


def test_a_deemed_execution_date_counts_instead():
    # DERIVED from 0001062993-23-012371 (late by one day from 2023-05-23): a deemed execution date of
    # 2023-05-24 makes the due date Friday 05-26, the day it was signed
    filing = derived(
        "0001062993-23-012371",
        (
            b"</transactionDate>",
            b"</transactionDate><deemedExecutionDate><value>2023-05-24</value></deemedExecutionDate>",
        ),
    )
    assert check_late_filing(filing) == []
