"""The store contract: every backend passes these (see `backend` in conftest.py): import,
deduplication, search, filters, the reviewers' state surviving everything, who and when, history."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import CORPUS, SEED, needs_corpus, needs_seed
from tests.store.conftest import StoreFactory
from tui.importer import import_paths
from tui.interchange import filing_to_dict
from tui.store import ListFilter


@pytest.fixture(scope="module")
def corpus_store(module_store_factory: StoreFactory) -> StoreFactory:
    """A store of the whole corpus and the seed (121 filings), opened with .open("corpus")."""
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not beside this checkout")
    import_paths(module_store_factory.open("corpus"), [*sorted(CORPUS.glob("*/source.*")), SEED / "source.xml"])
    return module_store_factory


@needs_corpus
def test_import_corpus_then_again_changes_nothing(store_factory: StoreFactory) -> None:
    """Every XML, .txt and .nc source of the corpus (the PDFs are read in test_readers_pdf; a folder
    with PDFs is imported below): 120 filings; a second import parses nothing and changes nothing
    (test_tinydb.py also checks that it writes no file)."""
    sources = sorted(CORPUS.glob("*/source.*"))
    store = store_factory.open("db")
    first = import_paths(store, sources, workers=2)
    assert first.imported == 120 and first.failed == 0
    assert len(store) == 120
    before = [(s, store.get(s.id)) for s in store.summaries()]
    again = store_factory.open("db")
    second = import_paths(again, sources, workers=1)
    assert second.imported == 0 and second.updated == 0
    assert second.unchanged == len(sources)
    assert sorted(second.ids) == sorted(first.ids)
    assert [(s, again.get(s.id)) for s in again.summaries()] == before


@needs_corpus
def test_folders_with_pdfs_xml_and_submissions_give_one_filing_each(store_factory: StoreFactory) -> None:
    """PDF printouts (three engines), the XML and the full submission of a filing are one filing."""
    folders = [CORPUS / name for name in ("374water-melkote-2025-04-30", "0000002488-24-000005",
                                          "snowflake-mcmahon-2022-01-31", "0001127602-25-004598")]  # fmt: skip
    store = store_factory.open("db")
    first = import_paths(store, folders, workers=2)
    files = [p for folder in folders for p in folder.iterdir() if p.suffix in (".xml", ".txt", ".nc", ".pdf", ".html")]
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
    again = import_paths(store_factory.open("db"), folders)
    assert again.unchanged == len(files) and again.imported == again.updated == 0


@needs_corpus
def test_xml_and_full_submission_of_one_filing_are_one_filing(store_factory: StoreFactory) -> None:
    store = store_factory.open()
    folder = CORPUS / "0000002488-24-000005"
    report = import_paths(store, [folder / "source.xml"])
    assert report.imported == 1 and store.summary(report.ids[0]).accession is None
    report2 = import_paths(store, [folder / "source.txt"])
    assert report2.updated == 1 and report2.ids == report.ids  # same id; the accession is learnt
    assert len(store) == 1
    assert store.summary(report.ids[0]).accession == "0000002488-24-000005"
    assert store.resolve("0000002488-24-000005") == report.ids[0]
    files = [p for p in folder.iterdir() if p.suffix in (".xml", ".txt", ".nc", ".pdf", ".html")]
    assert import_paths(store, [folder]).unchanged == len(files)
    assert len(store) == 1


@pytest.mark.parametrize("query", ["james caruso", "Caruso, James", "CARUSO JAMES V", "caruso", "carsuo james"])
def test_name_search_finds_caruso(corpus_store: StoreFactory, query: str) -> None:
    found = corpus_store.open("corpus").search(query)
    assert found, query
    assert found[0].owners == ("CARUSO JAMES V",)


def test_musk_finds_elon_musks_filings(corpus_store: StoreFactory) -> None:
    found = corpus_store.open("corpus").search("musk")
    # Elon Musk is the reporting owner of four corpus filings (Tesla, 2010-2022)
    assert len(found) == 4
    assert all("Musk Elon" in s.owners for s in found)
    assert {s.ticker for s in found} == {"TSLA"}


def test_name_search_takes_a_typo_not_extra_letters(corpus_store: StoreFactory) -> None:
    store = corpus_store.open("corpus")
    # SOFTBANK GROUP CORP. (0001493152-25-009612, a joint filing with SOFTBANK VISION FUND II-2 L.P.)
    assert any("SOFTBANK GROUP CORP." in s.owners for s in store.search("softbnak group"))  # two letters swapped
    assert any("SOFTBANK GROUP CORP." in s.owners for s in store.search("sofbank"))  # a letter dropped
    # "softbankmusk" is 80 % like "softbank" but four letters away: it names neither insider
    assert not store.search("softbankmusk")
    assert not store.search("muskelon")


def test_search_matches_within_one_name(corpus_store: StoreFactory) -> None:
    store = corpus_store.open("corpus")
    assert store.search("thiel peter")
    assert not store.search("musk thiel")
    assert not store.search("zzyzx")


def test_list_filters(corpus_store: StoreFactory) -> None:
    store = corpus_store.open("corpus")
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
def test_review_and_note_survive_reimport_and_rebuilt_filings(store_factory: StoreFactory) -> None:
    store = store_factory.open("db")
    import_paths(store, [SEED / "source.xml", CORPUS / "apple-cook-2019-08-24"])
    fid = store.search("caruso")[0].id
    store.set_reviewed(fid)
    store.set_note(fid, "checked the option grant against the proxy")
    assert store.list_summaries(ListFilter(reviewed=True))[0].id == fid

    import_paths(store_factory.open("db"), [SEED, CORPUS / "apple-cook-2019-08-24"])  # re-import
    assert store_factory.open("db").state(fid).reviewed

    # the parsed data is rebuildable: delete it, import again from other sources of the same filings
    store_factory.open("db").drop_filings()
    rebuilt = store_factory.open("db")
    assert len(rebuilt) == 0
    import_paths(rebuilt, [SEED / "source.xml", CORPUS / "apple-cook-2019-08-24"])
    state = store_factory.open("db").state(fid)
    assert state.reviewed and state.reviewed_at
    assert state.note == "checked the option grant against the proxy"
    assert store_factory.open("db").list_summaries(ListFilter(reviewed=False))[0].owners == ("COOK TIMOTHY D",)


@needs_corpus
def test_undo_review(store_factory: StoreFactory) -> None:
    store = store_factory.open()
    fid = import_paths(store, [CORPUS / "apple-cook-2019-08-24"]).ids[0]
    store.set_reviewed(fid, True)
    store.set_reviewed(fid, False)
    assert not store_factory.open().state(fid).reviewed


def test_bad_files_are_reported_and_the_rest_imported(store_factory: StoreFactory, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "empty.xml").write_bytes(b"")
    (folder / "sub" / "bomb.xml").write_bytes(b'<!DOCTYPE x [<!ENTITY a "b">]><ownershipDocument/>')
    (folder / "notes.md").write_text("not a filing, and not named like one: skipped")
    if SEED.is_dir():
        shutil.copy(SEED / "source.xml", folder / "sub" / "seed.xml")
    (folder / "sub" / "loop").symlink_to(folder, target_is_directory=True)
    store = store_factory.open("db")
    report = import_paths(store, [folder, tmp_path / "missing.xml"])
    reasons = {Path(f.path).name: f.reason for f in report.failures}
    assert reasons["empty.xml"] == "empty file"
    assert reasons["bomb.xml"].startswith("refused unsafe XML")
    assert reasons["missing.xml"] == "no such file or folder"
    assert "notes.md" not in reasons
    assert report.imported == (1 if SEED.is_dir() else 0)


@needs_corpus
def test_pdf_first_then_xml_keeps_the_richer_xml(store_factory: StoreFactory) -> None:
    """A PDF shows less than the XML (no schema version, no transaction form type): when both are
    imported, in either order or in one batch, the store holds the XML's data under one id."""
    folder = CORPUS / "374water-melkote-2025-04-30"
    expected = json.loads((folder / "expected.json").read_text())
    for order in ([folder / "chromium.pdf", folder / "source.xml"], [folder / "source.xml", folder / "chromium.pdf"]):
        for batches in (1, 2):
            store = store_factory.open(f"db-{order[0].name}-{batches}")
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


@needs_corpus
def test_marks_and_notes_record_who_and_when_and_every_change_is_history(store_factory: StoreFactory) -> None:
    files = [CORPUS / "apple-cook-2019-08-24", CORPUS / "0000002488-24-000005" / "source.xml"]
    import_paths(store_factory.open("db"), files)
    ann, bob = store_factory.open("db", reviewer="ann"), store_factory.open("db", reviewer="bob")
    first, second = ann.ids()
    ann.set_reviewed(first)
    ann.set_note(first, "grant matches the proxy")
    bob.set_note(first, "price checked too")
    bob.set_reviewed(first, False)
    bob.set_reviewed(second)
    state = store_factory.open("db").state(first)
    assert not state.reviewed and state.reviewed_by is None
    assert state.note == "price checked too" and state.note_by == "bob" and state.note_at
    assert store_factory.open("db").state(second).reviewed_by == "bob"
    history = store_factory.open("db").history(first)
    assert [(h.reviewer, h.old_reviewed, h.new_reviewed, h.old_note, h.new_note) for h in history] == [
        ("ann", False, True, None, None),
        ("ann", True, True, None, "grant matches the proxy"),
        ("bob", True, True, "grant matches the proxy", "price checked too"),
        ("bob", True, False, "price checked too", "price checked too"),
    ]
    assert all(h.filing_id == first and h.at for h in history)
    assert [h.at for h in history] == sorted(h.at for h in history)
    # the history survives a rebuild of the parsed filings, like the state
    store_factory.open("db").drop_filings()
    assert len(store_factory.open("db").history(first)) == 4


@needs_corpus
def test_filters_reviewed_by_me_others_nobody(store_factory: StoreFactory) -> None:
    import_paths(store_factory.open("db"), [CORPUS / "apple-cook-2019-08-24", CORPUS / "0000002488-24-000005"])
    ann, bob = store_factory.open("db", reviewer="ann"), store_factory.open("db", reviewer="bob")
    ids = ann.ids()
    assert len(ids) == 2
    ann.set_reviewed(ids[0])
    assert ann.list_ids(ListFilter(reviewed_by="me")) == [ids[0]]
    assert bob.list_ids(ListFilter(reviewed_by="me")) == []
    bob.refresh()
    assert bob.list_ids(ListFilter(reviewed_by="others")) == [ids[0]]
    assert bob.list_ids(ListFilter(reviewed_by="nobody")) == [ids[1]]
    assert ann.list_ids(ListFilter(reviewed_by="nobody", reviewed=False)) == [ids[1]]


@needs_corpus
def test_a_second_store_sees_the_first_ones_writes(store_factory: StoreFactory, tmp_path: Path) -> None:
    from tests.conftest import write_variants

    files = write_variants(tmp_path / "files", 3)
    one, two = store_factory.open("db"), store_factory.open("db")
    import_paths(one, files[:2])
    assert len(two) == 0
    assert two.has_changed() and two.refresh() is True and len(two) == 2
    assert not two.has_changed()
    fid = two.ids()[0]
    one.set_reviewed(fid)
    assert two.state(fid).reviewed or (two.has_changed() and two.refresh() is False and two.state(fid).reviewed)
    import_paths(two, files)  # the second writer adds to what the first wrote, loses nothing
    three = store_factory.open("db")
    assert three.state(fid).reviewed and len(three) == 3


@needs_corpus
def test_reimport_reads_no_unchanged_file_and_hashes_each_file_once(
    store_factory: StoreFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.conftest import write_variants
    from tui import importer

    files = write_variants(tmp_path / "files", 5)
    store = store_factory.open("db")
    reads: list[str] = []
    real = importer.read_source

    def counting(path: str, known: frozenset[str] | None = None, real_path: str | None = None) -> importer.ReadResult:
        reads.append(Path(path).name)
        return real(path, known, real_path)

    monkeypatch.setattr(importer, "read_source", counting)
    assert import_paths(store, files).imported == 5
    assert sorted(reads) == sorted(p.name for p in files)  # each file read once
    reads.clear()
    again = import_paths(store_factory.open("db"), files)
    assert again.unchanged == 5 and reads == []  # same size and time: not read at all
    shutil.copy(files[0], tmp_path / "copy.xml")  # the same bytes under a new name: hashed, not stored again
    third = import_paths(store_factory.open("db"), [tmp_path / "copy.xml"])
    assert third.unchanged == 1 and third.imported == 0 and reads == ["copy.xml"]
    assert len(store_factory.open("db")) == 5


def test_an_unknown_filing_cannot_be_marked(store_factory: StoreFactory) -> None:
    store = store_factory.open("db")
    with pytest.raises(KeyError):
        store.set_reviewed("0123456789abcdef")
    assert store.history("0123456789abcdef") == []
    assert store.resolve("nothing") is None and store.get("nothing") is None
