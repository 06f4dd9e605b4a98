"""The findings filters of `SummaryIndex.list_ids` (`tui.store.query`): kept lists by kind, newest first,
the same answers with a name search, with other filters and after the summaries change."""

from __future__ import annotations

from typing import Any

from tui.store import ListFilter
from tui.store.query import SummaryIndex


def doc(fid: str, date: str, owner: str, *kinds: str, ticker: str = "T") -> dict[str, Any]:
    findings = [{"kind": k, "message": f"{k} of {fid}", "rows": [], "fields": [], "related": []} for k in kinds]
    return {"id": fid, "date": date, "owners": [owner], "ticker": ticker, "findings": findings}


def index() -> SummaryIndex:
    docs = [
        doc("a", "2024-01-03", "Ann Lee", "late_filing", "code_direction"),
        doc("b", "2024-01-02", "Bob Ray"),
        doc("c", "2024-01-01", "Ann Lee", "late_filing", ticker="U"),
        doc("d", "2023-12-31", "Cy Dunn", "amendment"),
    ]
    return SummaryIndex({d["id"]: d for d in docs})


def test_each_findings_filter_newest_first() -> None:
    summaries = index()
    assert summaries.list_ids(ListFilter(has_findings=True)) == ["a", "c", "d"]
    assert summaries.list_ids(ListFilter(has_findings=False)) == ["b"]
    assert summaries.list_ids(ListFilter(finding_kind="late_filing")) == ["a", "c"]
    assert summaries.list_ids(ListFilter(finding_kind="late_filing", has_findings=True)) == ["a", "c"]
    assert summaries.list_ids(ListFilter(finding_kind="late_filing", has_findings=False)) == []
    assert summaries.list_ids(ListFilter(finding_kind="holdings_arithmetic")) == []
    assert summaries.list_ids(ListFilter(finding_kind="late_filing", ticker="U")) == ["c"]


def test_with_a_name_search_and_after_a_change() -> None:
    summaries = index()
    assert summaries.list_ids(ListFilter(name="ann lee", has_findings=True)) == ["a", "c"]
    assert summaries.list_ids(ListFilter(name="bob ray", has_findings=False)) == ["b"]
    kept = summaries.list_ids(ListFilter(has_findings=True))
    kept.clear()  # a caller's list is its own
    summaries.put({"b": doc("b", "2024-01-02", "Bob Ray", "plan_10b5_1")})
    assert summaries.list_ids(ListFilter(has_findings=True)) == ["a", "b", "c", "d"]
    assert summaries.list_ids(ListFilter(finding_kind="plan_10b5_1")) == ["b"]
