"""The issuer view on the corpus issuer with the most insiders, and the row index kept in step with the store."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from pathlib import Path

from tests.across.conftest import cik, expected_filings
from tests.conftest import CORPUS, needs_corpus
from tui.across.issuer import issuer_view
from tui.across.rows import RowIndex
from tui.across.screener import ScreenFilter, screen
from tui.across.sync import open_index
from tui.importer import import_paths
from tui.store import Store, open_store

pytestmark = needs_corpus


def busiest_issuer() -> tuple[str, set[str]]:
    owners: dict[str, set[str]] = defaultdict(set)
    for doc in expected_filings().values():
        owners[cik(doc["issuer"]["cik"])] |= {cik(o["cik"]) for o in doc["owners"]}
    issuer = max(owners, key=lambda k: (len(owners[k]), k))
    return issuer, owners[issuer]


def test_issuer_view_lists_every_insider(corpus_index: RowIndex) -> None:
    issuer, owners = busiest_issuer()
    assert len(owners) >= 3
    view = issuer_view(corpus_index, issuer)
    assert view is not None and view.cik == issuer
    assert {i.cik for i in view.insiders} == owners
    filings = [d for d in expected_filings().values() if cik(d["issuer"]["cik"]) == issuer]
    assert view.filings == len(filings)
    assert all(i.role for i in view.insiders)


def test_issuer_by_ticker_and_window_totals(corpus_index: RowIndex) -> None:
    view = issuer_view(corpus_index, "tsla")
    assert view is not None and view.ticker == "TSLA"
    # the view's windows end at Tesla's latest transaction in the store: 2025-01-06 (a director's sales)
    assert view.as_of is not None and view.as_of.isoformat() == "2025-01-06"
    sold = Decimal(0)
    for doc in expected_filings().values():
        if doc["issuer"]["ticker"] == "TSLA":
            for row in doc["non_derivative"]:
                if row["code"] == "S" and row["transaction_date"][:10] == "2025-01-06":
                    sold += Decimal(row["shares"])
    seller = next(i for i in view.insiders if i.windows[0].sold)
    assert seller.windows[0].period == 30 and seller.windows[0].sold == sold
    assert seller.windows[0].net == -sold
    musk = next(i for i in view.insiders if i.cik == "1494730")
    assert musk.windows[2].sold == 0  # his last sales (2022) are years before


def test_index_follows_imports_and_removals(tmp_path: Path) -> None:
    sources = sorted(str(p) for p in CORPUS.glob("*/source.xml"))
    store = open_store(tmp_path / "db")
    import_paths(store, sources[:100])
    first = open_index(store)
    assert first.filing_count == 100
    assert (tmp_path / "db" / "cache" / "rows.npz").is_file()
    import_paths(store, sources[100:])  # a few new filings: read one by one into the cached index
    updated = open_index(store)
    assert updated.filing_count == len(sources)
    assert sorted(i.fid for i in updated.info) == sorted(store.ids())
    rebuilt_store = open_store(tmp_path / "full")
    import_paths(rebuilt_store, sources)
    rebuilt = open_index(rebuilt_store)
    flt = ScreenFilter(codes=("S",))
    assert sorted(
        updated.info[updated.rows["f"][r]].fid + str(updated.rows["pos"][r]) for r in screen(updated, flt)
    ) == (sorted(rebuilt.info[rebuilt.rows["f"][r]].fid + str(rebuilt.rows["pos"][r]) for r in screen(rebuilt, flt)))
    gone = store.remove([store.ids()[0]])
    after = open_index(store)
    assert after.filing_count == len(sources) - 1 and after.index_of(gone[0]) is None
    reopened = open_index(store)  # from the cache, unchanged
    assert reopened.filing_count == after.filing_count and len(reopened) == len(after)


def test_fingerprint_of_a_document_is_that_of_its_summary(corpus_store: Store) -> None:
    from tui.across.rows import doc_fingerprint, fingerprint
    from tui.store.api import FilingSummary

    view = corpus_store.summary_view()
    for fid in corpus_store.ids():
        doc = view.doc(fid)  # type: ignore[attr-defined]
        assert doc_fingerprint(doc) == fingerprint(FilingSummary.from_doc(doc))
    assert doc_fingerprint({"id": "x"}) == fingerprint(FilingSummary.from_doc({"id": "x"}))


def test_issuer_name_is_that_of_its_newest_filing_whatever_the_order_added(tmp_path: Path) -> None:
    """Tesla filed as "TESLA MOTORS INC" in 2010 and as "Tesla, Inc." since 2017: the view names it by its
    newest filing (2025-01-06) even when the 2010 filings were added last."""
    tesla = {
        name: doc for name, doc in expected_filings().items() if doc["issuer"]["ticker"] == "TSLA"
    }  # five filings, two of them of 2010
    old = sorted(name for name, doc in tesla.items() if doc["issuer"]["name"] == "TESLA MOTORS INC")
    assert len(old) == 2 and len(tesla) == 5
    store = open_store(tmp_path / "db")
    newer = [str(CORPUS / name / "source.xml") for name in sorted(tesla) if name not in old]
    import_paths(store, newer)
    open_index(store)  # cached, then the 2010 filings come: the last added
    import_paths(store, [str(CORPUS / name / "source.xml") for name in old])
    index = open_index(store)
    view = issuer_view(index, "TSLA")
    assert view is not None and view.filings == 5
    assert view.name == "Tesla, Inc."
    fresh = open_store(tmp_path / "db2")
    import_paths(fresh, [str(CORPUS / name / "source.xml") for name in old])
    only_old = issuer_view(open_index(fresh), "1318605")
    assert only_old is not None and only_old.name == "TESLA MOTORS INC"
