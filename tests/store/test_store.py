"""The store: import, deduplication, search, filters, and the user's state surviving everything."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import CORPUS, SEED, needs_corpus, needs_seed
from tui.importer import import_paths
from tui.interchange import filing_to_dict
from tui.store import ListFilter, open_store


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.json"))}


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not beside this checkout")
    path = tmp_path_factory.mktemp("store")
    store = open_store(path)
    import_paths(store, [*sorted(CORPUS.glob("*/source.*")), SEED / "source.xml"])
    return path


@needs_corpus
def test_import_corpus_then_again_changes_nothing(tmp_path: Path) -> None:
    """Every XML, .txt and .nc source of the corpus (the PDFs are read in test_readers_pdf; a folder
    with PDFs is imported below): 120 filings; a second import parses nothing and writes nothing."""
    sources = sorted(CORPUS.glob("*/source.*"))
    store = open_store(tmp_path / "db")
    first = import_paths(store, sources, workers=2)
    assert first.imported == 120 and first.failed == 0
    assert len(store) == 120
    before = _snapshot(tmp_path / "db")
    stamps = {p: p.stat().st_mtime_ns for p in (tmp_path / "db").rglob("*.json")}
    second = import_paths(open_store(tmp_path / "db"), sources, workers=1)
    assert second.imported == 0 and second.updated == 0
    assert second.unchanged == len(sources)
    assert _snapshot(tmp_path / "db") == before
    assert {p: p.stat().st_mtime_ns for p in (tmp_path / "db").rglob("*.json")} == stamps


@needs_corpus
def test_folders_with_pdfs_xml_and_submissions_give_one_filing_each(tmp_path: Path) -> None:
    """PDF printouts (three engines), the XML and the full submission of a filing are one filing."""
    folders = [CORPUS / name for name in ("374water-melkote-2025-04-30", "0000002488-24-000005",
                                          "snowflake-mcmahon-2022-01-31", "0001127602-25-004598")]  # fmt: skip
    store = open_store(tmp_path / "db")
    first = import_paths(store, folders, workers=2)
    files = [p for folder in folders for p in folder.iterdir() if p.suffix in (".xml", ".txt", ".nc", ".pdf")]
    assert first.failed == 0, first.failures
    assert first.imported == 4 and len(store) == 4
    assert first.imported + first.updated + first.unchanged == len(files)
    for summary in store.summaries():
        stored = store.get(summary.id)
        assert stored is not None
        folder = next(f for f in folders if (f / "expected.json").is_file() and
                      json.loads((f / "expected.json").read_text())["issuer"]["ticker"] == summary.ticker)  # fmt: skip
        assert filing_to_dict(stored.filing) == json.loads((folder / "expected.json").read_text())
        assert summary.source_format in ("xml", "submission")
    again = import_paths(open_store(tmp_path / "db"), folders)
    assert again.unchanged == len(files) and again.imported == again.updated == 0


@needs_corpus
def test_xml_and_full_submission_of_one_filing_are_one_filing(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    folder = CORPUS / "0000002488-24-000005"
    report = import_paths(store, [folder / "source.xml"])
    assert report.imported == 1 and store.summary(report.ids[0]).accession is None
    report2 = import_paths(store, [folder / "source.txt"])
    assert report2.updated == 1 and report2.ids == report.ids  # same id; the accession is learnt
    assert len(store) == 1
    assert store.summary(report.ids[0]).accession == "0000002488-24-000005"
    assert store.resolve("0000002488-24-000005") == report.ids[0]
    files = [p for p in folder.iterdir() if p.suffix in (".xml", ".txt", ".nc", ".pdf")]
    assert import_paths(store, [folder]).unchanged == len(files)
    assert len(store) == 1


@pytest.mark.parametrize("query", ["james caruso", "Caruso, James", "CARUSO JAMES V", "caruso", "carsuo james"])
def test_name_search_finds_caruso(corpus_store: Path, query: str) -> None:
    found = open_store(corpus_store).search(query)
    assert found, query
    assert found[0].owners == ("CARUSO JAMES V",)


def test_musk_finds_elon_musks_filings(corpus_store: Path) -> None:
    found = open_store(corpus_store).search("musk")
    # Elon Musk is the reporting owner of four corpus filings (Tesla, 2010-2022)
    assert len(found) == 4
    assert all("Musk Elon" in s.owners for s in found)
    assert {s.ticker for s in found} == {"TSLA"}


def test_search_matches_within_one_name(corpus_store: Path) -> None:
    store = open_store(corpus_store)
    assert store.search("thiel peter")
    assert not store.search("musk thiel")
    assert not store.search("zzyzx")


def test_list_filters(corpus_store: Path) -> None:
    store = open_store(corpus_store)
    everything = store.list_summaries()
    assert len(everything) == 121
    assert [s.date for s in everything] == sorted((s.date for s in everything), reverse=True)
    apple = store.list_summaries(ListFilter(ticker="aapl"))
    assert apple and all(s.ticker == "AAPL" for s in apple)
    form5 = store.list_summaries(ListFilter(form="5"))
    assert len(form5) == 24
    gifts = store.list_summaries(ListFilter(code="G"))
    assert gifts and all("G" in s.codes for s in gifts)
    window = store.list_summaries(ListFilter(since=date(2020, 1, 1), until=date(2020, 12, 31)))
    assert window and all("2020-01-01" <= s.date <= "2020-12-31" for s in window)


@needs_corpus
@needs_seed
def test_review_and_note_survive_reimport_and_rebuilt_filings(tmp_path: Path) -> None:
    db = tmp_path / "db"
    store = open_store(db)
    import_paths(store, [SEED / "source.xml", CORPUS / "apple-cook-2019-08-24"])
    fid = store.search("caruso")[0].id
    store.set_reviewed(fid)
    store.set_note(fid, "checked the option grant against the proxy")
    assert store.list_summaries(ListFilter(reviewed=True))[0].id == fid

    import_paths(open_store(db), [SEED, CORPUS / "apple-cook-2019-08-24"])  # re-import
    assert open_store(db).state(fid).reviewed

    # the parsed data is rebuildable: delete it, import again from other sources of the same filings
    (db / "index.json").unlink()
    shutil.rmtree(db / "documents")
    rebuilt = open_store(db)
    assert len(rebuilt) == 0
    import_paths(rebuilt, [SEED / "source.xml", CORPUS / "apple-cook-2019-08-24"])
    state = open_store(db).state(fid)
    assert state.reviewed and state.reviewed_at
    assert state.note == "checked the option grant against the proxy"
    assert open_store(db).list_summaries(ListFilter(reviewed=False))[0].owners == ("COOK TIMOTHY D",)


@needs_corpus
def test_undo_review(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    fid = import_paths(store, [CORPUS / "apple-cook-2019-08-24"]).ids[0]
    store.set_reviewed(fid, True)
    store.set_reviewed(fid, False)
    assert not open_store(tmp_path).state(fid).reviewed


def test_bad_files_are_reported_and_the_rest_imported(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "empty.xml").write_bytes(b"")
    (folder / "sub" / "bomb.xml").write_bytes(b'<!DOCTYPE x [<!ENTITY a "b">]><ownershipDocument/>')
    (folder / "notes.md").write_text("not a filing, and not named like one: skipped")
    if SEED.is_dir():
        shutil.copy(SEED / "source.xml", folder / "sub" / "seed.xml")
    (folder / "sub" / "loop").symlink_to(folder, target_is_directory=True)
    store = open_store(tmp_path / "db")
    report = import_paths(store, [folder, tmp_path / "missing.xml"])
    reasons = {Path(f.path).name: f.reason for f in report.failures}
    assert reasons["empty.xml"] == "empty file"
    assert reasons["bomb.xml"].startswith("refused unsafe XML")
    assert reasons["missing.xml"] == "no such file or folder"
    assert "notes.md" not in reasons
    assert report.imported == (1 if SEED.is_dir() else 0)


def test_damaged_files_give_a_clear_error_and_are_left_alone(tmp_path: Path) -> None:
    from tui.store import StoreError

    open_store(tmp_path)
    (tmp_path / "user_state.json").write_text('{"state": {"1": ')
    with pytest.raises(StoreError, match="review marks and notes cannot be read"):
        open_store(tmp_path).state("x")
    assert (tmp_path / "user_state.json").read_text() == '{"state": {"1": '
    (tmp_path / "index.json").write_text("[not json")
    with pytest.raises(StoreError, match="store index is damaged"):
        open_store(tmp_path)


@needs_corpus
def test_pdf_first_then_xml_keeps_the_richer_xml(tmp_path: Path) -> None:
    """A PDF shows less than the XML (no schema version, no transaction form type): when both are
    imported, in either order or in one batch, the store holds the XML's data under one id."""
    folder = CORPUS / "374water-melkote-2025-04-30"
    expected = json.loads((folder / "expected.json").read_text())
    for order in ([folder / "chromium.pdf", folder / "source.xml"], [folder / "source.xml", folder / "chromium.pdf"]):
        for batches in (1, 2):
            store = open_store(tmp_path / f"db-{order[0].name}-{batches}")
            if batches == 1:
                import_paths(store, order)
            else:
                import_paths(store, order[:1])
                import_paths(store, order[1:])
            assert len(store) == 1
            stored = store.get(store.ids()[0])
            assert stored is not None
            assert filing_to_dict(stored.filing) == expected
            assert store.summary(stored.id).source_format == "xml"
