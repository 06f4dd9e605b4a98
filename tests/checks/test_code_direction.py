"""Code against direction, on real filings; the rule table is the SEC's code list."""

from tests.checks.helpers import all_corpus, derived
from tests.conftest import needs_corpus
from tui.checks.code_direction import RULES, check_code_direction

pytestmark = needs_corpus


def test_no_contradiction_in_the_corpus():
    # includes X and M rows acquiring in Table II (0000899243-21-019441 row 4: warrants exercised into
    # convertible Class B stock; snowflake-scarpelli) and C on both sides of a conversion
    assert [(k.id, check_code_direction(k.filing)) for k in all_corpus() if check_code_direction(k.filing)] == []


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
