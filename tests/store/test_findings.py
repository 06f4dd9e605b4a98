"""The review checks' findings kept with the summaries: worked out at import, a new
filing recomputing only its owner-issuer group, the list filters, and stores made before the checks:
on both backends."""

from __future__ import annotations

import contextlib
import hashlib
import uuid
from pathlib import Path

import orjson
import pytest

from tests.checks.helpers import all_corpus, derived, source
from tests.conftest import CORPUS, needs_corpus
from tests.store.conftest import StoreFactory
from tests.store.pg_server import PgServer
from tui.checks import Known, check_all
from tui.importer import import_paths
from tui.store import ListFilter, Source, StoreError, filing_id, open_store
from tui.store.copy import copy_store, verify_copy

pytestmark = needs_corpus

AMD = "0000002488-24-000005"
HOFFMAN_LATER = "0001209191-11-062562"  # its Class B holding breaks from the 2011-12-15 Form 4 by one share


def _source(path: Path) -> Source:
    return Source(path=str(path), sha256=hashlib.sha256(path.read_bytes()).hexdigest(), format="xml", rank=2)


@pytest.mark.parametrize("workers", [1, 2])  # with 2, the workers work out each filing's own checks
def test_findings_are_worked_out_at_import_and_filter_the_list(store_factory: StoreFactory, workers: int) -> None:
    store = store_factory.open("db")
    import_paths(store, sorted(CORPUS.glob("*/source.*")), workers=workers)
    expected = check_all([Known(filing_id(k.filing), k.filing) for k in all_corpus()])
    assert {s.id: s.findings for s in store.summaries() if s.findings} == expected
    with_findings = store.list_ids(ListFilter(has_findings=True))
    assert len(with_findings) == 18
    assert len(store.list_ids(ListFilter(has_findings=False))) == 120 - 18
    assert len(store.list_ids(ListFilter(finding_kind="late_filing"))) == 7
    assert len(store.list_ids(ListFilter(finding_kind="holdings_continuity", ticker="LNKD"))) == 6
    # another process sees the same, from the summaries alone
    again = store_factory.open("db")
    assert sorted(again.list_ids(ListFilter(has_findings=True))) == sorted(with_findings)


def test_a_new_filing_recomputes_its_group(store_factory: StoreFactory, tmp_path: Path) -> None:
    store = store_factory.open("db")
    others = [p for p in sorted(CORPUS.glob("*/source.*")) if p.parent.name != HOFFMAN_LATER]
    import_paths(store, others, workers=1)
    before = {s.id: s for s in store.summaries()}
    import_paths(store, [source(HOFFMAN_LATER)], workers=1)
    new_id = next(i for i in store.ids() if i not in before)
    assert [f.kind for f in store.summary(new_id).findings] == ["holdings_continuity"]
    assert "1,412,998 held before this filing" in store.summary(new_id).findings[0].message
    # nothing outside the group changed
    assert all(store.summary(fid) == summary for fid, summary in before.items())

    # a DERIVED 4/A of AMD's real Form 4 (filed 2024-01-17, Table II row 1 corrected 473 -> 472): the
    # amendment gets the diff and the stored original, in its group, gets "amended by"
    amendment = derived(
        AMD,
        (b"<documentType>4</documentType>", b"<documentType>4/A</documentType>"),
        (
            b"<periodOfReport>2024-01-15</periodOfReport>",
            b"<periodOfReport>2024-01-15</periodOfReport><dateOfOriginalSubmission>2024-01-17"
            b"</dateOfOriginalSubmission>",
        ),
        (b"<value>473</value>", b"<value>472</value>"),
    )
    path = tmp_path / "amd-4a.xml"
    path.write_bytes(b"")
    outcome, amendment_id = store.add(amendment, _source(path))
    assert outcome == "imported"
    original_id = store.resolve(AMD)
    assert original_id is not None
    [on_amendment] = store.summary(amendment_id).findings
    assert on_amendment.related == (original_id,)
    assert on_amendment.message.endswith("Table II row 1 shares owned following 473 → 472")
    [on_original] = store.summary(original_id).findings
    assert on_original.message == f"Amended by Form 4/A signed 2024-01-17 ({amendment_id}): 1 change"
    assert store.list_ids(ListFilter(finding_kind="amendment")) == sorted(
        [amendment_id, original_id], key=store.ids().index
    )


def test_a_store_from_before_the_checks_gets_its_findings_when_opened(store_factory: StoreFactory) -> None:
    store = store_factory.open("db")
    import_paths(store, sorted(CORPUS.glob("*/source.*")), workers=1)
    if store_factory.backend == "postgresql":
        _back_to_schema_3(store_factory.location("db"))
        reopened = store_factory.open("db")
        assert len(reopened.list_ids(ListFilter(has_findings=True))) == 18
        assert len(reopened.list_ids(ListFilter(finding_kind="late_filing"))) == 7
        musk = reopened.search_ids("Musk Elon")[0]
        assert reopened.summary(musk).owner_ciks == ("1494730",)  # Elon Musk's CIK, 0001494730 as filed
        return
    folder = Path(store_factory.location("db"))
    raw = orjson.loads((folder / "index.json").read_bytes())
    for doc in raw["filings"].values():
        doc.pop("owner_ciks")
        doc.pop("kinds", None)
        doc.pop("findings_at", None)
    (folder / "index.json").write_bytes(orjson.dumps(raw))
    (folder / "format.json").write_bytes(orjson.dumps({"format": 3}))
    (folder / "findings.jsonl").unlink()
    reopened = store_factory.open("db")
    assert len(reopened.list_ids(ListFilter(has_findings=True))) == 18
    assert len(reopened.list_ids(ListFilter(finding_kind="late_filing"))) == 7
    assert orjson.loads((folder / "format.json").read_bytes())["format"] == 5


def _back_to_schema_3(url: str) -> None:
    """The database as form4 before the findings left it: no findings and owner CIK columns, schema 3."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("ALTER TABLE filings DROP COLUMN findings, DROP COLUMN owner_ciks")
        conn.execute("DELETE FROM schema_version WHERE version > 3")


def test_copy_store_carries_and_verifies_the_findings_both_ways(tmp_path: Path, pg_server: PgServer) -> None:
    import psycopg

    folder = open_store(str(tmp_path / "db"), reviewer="tester")
    import_paths(folder, sorted(CORPUS.glob("*/source.*")), workers=1)
    found = {s.id: (s.findings, s.owner_ciks) for s in folder.summaries()}
    url = pg_server.create_database(f"t_{uuid.uuid4().hex[:12]}")
    with contextlib.closing(open_store(url, reviewer="tester")) as team:
        copy_store(folder, team)
        assert {s.id: (s.findings, s.owner_ciks) for s in team.summaries()} == found
        assert len(team.list_ids(ListFilter(finding_kind="late_filing"))) == 7
        back = open_store(str(tmp_path / "back"), reviewer="tester")
        copy_store(team, back)
        assert {s.id: (s.findings, s.owner_ciks) for s in back.summaries()} == found
        flagged = team.list_ids(ListFilter(has_findings=True))[0]
    # a copy whose findings differ from the source's is named
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("UPDATE filings SET findings = NULL WHERE id = %s", (flagged,))
    with contextlib.closing(open_store(url)) as tampered, pytest.raises(StoreError, match="1 different"):
        verify_copy(folder, tampered)
