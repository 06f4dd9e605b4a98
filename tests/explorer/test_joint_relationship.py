"""A joint filing read from its page or printout: the explorer shows the relationship box printed for
the filing as a whole (the page does not say which owner is what), and no per-owner guess."""

from __future__ import annotations

from tests.conftest import SHARED, needs_corpus
from tui.explorer.widgets.owner_pane import owner_details
from tui.readers import read_file
from tui.store import ReviewState

BAM = SHARED / "corpus" / "html_only" / "bam-partners-form3" / "edgar.html"


@needs_corpus
def test_joint_filing_shows_the_filing_relationship_once() -> None:
    filing = read_file(BAM)
    rows = owner_details("x", filing, None, ReviewState(), ())
    text = {label.plain: value.plain for label, value in rows.rows if label.plain}
    assert text["Relationship"].startswith("10% Owner") and "for the filing as a whole" in text["Relationship"]
    values = [value.plain for _, value in rows.rows]
    assert "(no relationship given)" not in values  # the owners' own flags are unknown, not absent
    assert sum(v.startswith("BROOKFIELD Corp /ON/") for v in values) == 1
