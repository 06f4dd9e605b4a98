"""The summary index stays newest first as batches are put into it (merged, not sorted again)."""

from __future__ import annotations

import random
from typing import Any

from tui.store.query import SummaryIndex


def test_put_keeps_the_order_a_full_sort_gives() -> None:
    rng = random.Random(3)
    for _ in range(200):
        index = SummaryIndex({})
        every: dict[str, dict[str, Any]] = {}
        for _ in range(rng.randint(1, 6)):  # new filings, and stored ones again (their date changed or not)
            batch = {}
            for _ in range(rng.randint(0, 30)):
                fid = f"{rng.randint(0, 200):04x}"
                date = rng.choice(["", None, f"2020-01-0{rng.randint(1, 4)}"])
                batch[fid] = {"id": fid, "date": date, "content_key": fid + "k", "accession": "a" + fid}
            index.put(batch)
            every.update(batch)
            want = sorted(every, key=lambda i: (every[i].get("date") or "", i), reverse=True)
            assert list(index.docs) == want
            assert index.ids() == want
            assert all(index.docs[fid] is every[fid] for fid in every)
            assert index.lookups()[1] == {doc["content_key"]: fid for fid, doc in every.items()}
