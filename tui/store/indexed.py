"""The reads both backends answer from their in-memory `SummaryIndex`, written once.

A backend mixes this in before `Store` and says where its index is (`_summary_index`): TinyDB reads
its index lazily, PostgreSQL keeps one it refreshes from the database's change numbers."""

from __future__ import annotations

from collections.abc import Mapping

from tui.store.api import FilingSummary
from tui.store.query import SummaryIndex


class IndexedReads:
    def _summary_index(self) -> SummaryIndex:
        raise NotImplementedError

    def __len__(self) -> int:
        return len(self._summary_index())

    def __contains__(self, fid: object) -> bool:
        return fid in self._summary_index()

    def ids(self) -> list[str]:
        return self._summary_index().ids()

    def summary(self, fid: str) -> FilingSummary:
        return self._summary_index().summary(fid)

    def summary_view(self) -> Mapping[str, FilingSummary]:
        return self._summary_index().view()

    def tickers(self) -> list[str]:
        return self._summary_index().tickers()

    def build_name_index(self) -> None:
        self._summary_index().build_name_index()

    def search_ids(self, name: str) -> list[str]:
        return self._summary_index().search_ids(name)
