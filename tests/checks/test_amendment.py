"""Amendments linked to their originals, with the diff.

No real Form 4/A with its original could be found in public repositories (searched with the search tool:
every 4/A there is synthetic or edited, as the corpus README also records), so the amendment here is
DERIVED from a real filing: AMD's Form 4 for Darla Smith, 0000002488-24-000005, filed 2024-01-17 (its
full submission), re-typed as a 4/A that says it amends the submission of 2024-01-17 and corrects Table
II row 1's RSUs owned after from 473 to 472.
"""

from tests.checks.helpers import CORPUS, derived, known
from tests.conftest import needs_corpus
from tui.checks import Known, check_all
from tui.checks.amendment import check_amendments, diff_filings

pytestmark = needs_corpus

ORIGINAL = "0000002488-24-000005"
TO_AMENDMENT = (b"<documentType>4</documentType>", b"<documentType>4/A</documentType>")
ORIGINAL_DATE = (
    b"<periodOfReport>2024-01-15</periodOfReport>",
    b"<periodOfReport>2024-01-15</periodOfReport>\n    <dateOfOriginalSubmission>2024-01-17</dateOfOriginalSubmission>",
)


def amendment(*edits: tuple[bytes, bytes]) -> Known:
    return Known("amendment-derived", derived(ORIGINAL, TO_AMENDMENT, ORIGINAL_DATE, *edits))


def test_linked_both_ways_with_the_diff():
    amended = amendment((b"<value>473</value>", b"<value>472</value>"))
    group = [known(ORIGINAL), amended]
    findings = check_amendments(group)
    [on_amendment] = findings["amendment-derived"]
    assert on_amendment.message == (
        f"Amends Form 4 filed 2024-01-17 ({ORIGINAL}): Table II row 1 shares owned following 473 → 472"
    )
    assert on_amendment.related == (ORIGINAL,)
    assert on_amendment.rows == (("table2", 0),)
    assert on_amendment.fields == ("shares_owned_following",)
    [on_original] = findings[ORIGINAL]
    assert on_original.message == "Amended by Form 4/A signed 2024-01-17 (amendment-derived): 1 change"
    assert on_original.related == ("amendment-derived",)
    # and through check_all, grouped by issuer and owner like a store does
    assert check_all(group)[ORIGINAL] == (on_original,)


def test_rows_added_and_removed():
    # the amendment drops Table I row 2 (F, 189 shares withheld) and so has one Table I row
    xml = (CORPUS / ORIGINAL / "source.xml").read_bytes()
    start = xml.index(b"<nonDerivativeTransaction>", xml.index(b"<nonDerivativeTransaction>") + 1)
    end = xml.index(b"</nonDerivativeTransaction>", start) + len(b"</nonDerivativeTransaction>")
    amended = amendment((xml[start:end], b""))
    changes = diff_filings(known(ORIGINAL).filing, amended.filing)
    assert [c.text for c in changes] == [
        "Table I row 2 of the original removed (Common Stock, 2024-01-15, code F, 189 shares)"
    ]


def test_a_holdings_only_amendment_never_hides_the_original_transactions():
    # the amendment's Table I is one holding row of 5,887 shares instead of the two transactions
    xml = (CORPUS / ORIGINAL / "source.xml").read_bytes()
    start = xml.index(b"<nonDerivativeTable>")
    end = xml.index(b"</nonDerivativeTable>") + len(b"</nonDerivativeTable>")
    holding = (
        b"<nonDerivativeTable><nonDerivativeHolding><securityTitle><value>Common Stock</value></securityTitle>"
        b"<postTransactionAmounts><sharesOwnedFollowingTransaction><value>5887</value>"
        b"</sharesOwnedFollowingTransaction></postTransactionAmounts><ownershipNature><directOrIndirectOwnership>"
        b"<value>D</value></directOrIndirectOwnership></ownershipNature></nonDerivativeHolding></nonDerivativeTable>"
    )
    amended = amendment((xml[start:end], holding))
    texts = [c.text for c in diff_filings(known(ORIGINAL).filing, amended.filing)]
    assert texts == [
        "Table I row 1 of the original (Common Stock, 2024-01-15, code M, 472 shares) is not restated: "
        "a holdings-only amendment leaves it as reported",
        "Table I row 2 of the original (Common Stock, 2024-01-15, code F, 189 shares) is not restated: "
        "a holdings-only amendment leaves it as reported",
        "Table I row 1 added (Common Stock, 5,887 held)",
    ]
    assert not any("removed" in t for t in texts)


def test_an_amendment_whose_original_is_not_in_the_store():
    [finding] = check_amendments([amendment()])["amendment-derived"]
    assert finding.message == (
        "The original this amendment amends (Form 4 submitted 2024-01-17, period 2024-01-15) is not in the store"
    )


def test_a_filing_of_another_date_is_not_taken_for_the_original():
    wrong_date = (b"<dateOfOriginalSubmission>2024-01-17", b"<dateOfOriginalSubmission>2024-01-16")
    amended = Known(
        "amendment-derived", derived(ORIGINAL, TO_AMENDMENT, (ORIGINAL_DATE[0], ORIGINAL_DATE[1].replace(*wrong_date)))
    )
    findings = check_amendments([known(ORIGINAL), amended])
    assert ORIGINAL not in findings
    assert "is not in the store" in findings["amendment-derived"][0].message
