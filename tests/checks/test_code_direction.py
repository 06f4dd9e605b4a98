"""Code against direction, on real filings; the rule table is the SEC's code list."""

from tests.checks.helpers import all_corpus, derived
from tests.conftest import needs_corpus
from tui.checks.code_direction import RULES, check_code_direction

pytestmark = needs_corpus


def test_the_one_contradiction_in_the_corpus():
    # snowflake-scarpelli-2022-12-13, Table II row 1: 200,000 Stock Options (Right to Buy) exercised (M) and
    # reported as acquired (A), 2,219,299 left after: an exercise uses the option up, so (D). Not flagged:
    # X and M rows acquiring convertible Class B stock in Table II (0000899243-21-019441 rows 4 and 6,
    # 0001209191-11-061699 row 3: what the exercise brings) and C on both sides of a conversion
    found = {k.id: check_code_direction(k.filing) for k in all_corpus()}
    found = {i: f for i, f in found.items() if f}
    assert list(found) == ["snowflake-scarpelli-2022-12-13"]
    [finding] = found["snowflake-scarpelli-2022-12-13"]
    assert finding.message == (
        "Table II row 1: code M (exercise or conversion of a derivative security under Rule 16b-3) means "
        "disposed (D), but the row says acquired (A)"
    )
    assert finding.rows == (("table2", 0),)


def test_a_sale_that_acquires():
    # DERIVED from apple-cook-2019-08-24: row 3 is an S sale at $205.75; its (D) turned into (A)
    tail = b'<footnoteId id="F8"/>\n                </transactionPricePerShare>\n'
    tail += b"                <transactionAcquiredDisposedCode>"
    filing = derived(
        "apple-cook-2019-08-24",
        (tail + b"\n                    <value>D</value>", tail + b"\n                    <value>A</value>"),
    )
    [finding] = check_code_direction(filing)
    assert finding.message == (
        "Table I row 3: code S (open market or private sale) means disposed (D), but the row says acquired (A)"
    )
    assert finding.rows == (("table1", 2),)
    assert finding.fields == ("code", "acquired_disposed")


def test_rule_table():
    assert RULES["P"][:2] == ("A", "A")
    assert RULES["S"][:2] == ("D", "D")
    assert RULES["F"][:2] == ("D", "D")
    assert RULES["M"][:2] == ("A", None)
    assert "G" not in RULES and "J" not in RULES
