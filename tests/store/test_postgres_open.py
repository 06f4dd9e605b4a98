"""Opening a team store fast and still right: the newest filings answered before the index is read
(`first_page`), and the local copy of the summaries (`tui.store.postgres_cache`), which must never
make a store show what its database does not hold."""

from __future__ import annotations

import uuid
from pathlib import Path

import psycopg
import pytest

from tests.conftest import needs_corpus, write_variants
from tests.store.pg_server import PgServer
from tui.importer import import_paths
from tui.store import open_store, postgres_cache
from tui.store.postgres_cache import cache_file


@pytest.fixture
def url(pg_server: PgServer) -> str:
    return pg_server.create_database(f"t_{uuid.uuid4().hex[:12]}")


@pytest.fixture
def copies(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "copies"
    monkeypatch.setenv("FORM4_PG_CACHE", str(folder))
    return folder


def _truth(url: str, monkeypatch: pytest.MonkeyPatch) -> tuple[list[str], dict[str, object]]:
    """What a store opened without any local copy lists: the ids in order, and each summary."""
    with monkeypatch.context() as m:
        m.setenv("FORM4_PG_CACHE", "off")
        store = open_store(url)
        try:
            return store.ids(), {fid: store.summary(fid) for fid in store.ids()}
        finally:
            store.close()


def _listing(url: str) -> tuple[list[str], dict[str, object]]:
    store = open_store(url)
    try:
        return store.ids(), {fid: store.summary(fid) for fid in store.ids()}
    finally:
        store.close()


@needs_corpus
def test_the_local_copy_is_used_and_never_shows_what_the_database_no_longer_holds(
    url: str, copies: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(postgres_cache, "BEHIND", 1)  # a copy written anew whenever a summary changed
    files = write_variants(tmp_path / "files", 6)
    import_paths(open_store(url), files[:4])
    first = _listing(url)
    assert first == _truth(url, monkeypatch)
    assert len(list(copies.glob("*.summaries"))) == 1  # written by that open: the four filings
    # another reviewer imports two more filings and removes one the copy holds: the copy is now wrong
    other = open_store(url)
    import_paths(other, files[4:])
    gone = first[0][1]
    assert other.remove([gone]) == [gone]
    other.close()
    ids, summaries = _listing(url)
    assert (ids, summaries) == _truth(url, monkeypatch)
    assert gone not in ids and len(ids) == 5


@needs_corpus
def test_a_damaged_copy_or_the_copy_of_a_database_made_again_is_ignored(
    url: str, pg_server: PgServer, copies: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = write_variants(tmp_path / "files", 3)
    import_paths(open_store(url), files)
    truth = _truth(url, monkeypatch)
    assert _listing(url) == truth
    (copy,) = copies.glob("*.summaries")
    copy.write_bytes(copy.read_bytes()[:-40])  # cut short
    assert _listing(url) == truth
    # the database dropped and made again under the same name, with one filing: the old copy (if
    # written again above) is not this database's
    name = url.rsplit("/", 1)[1]
    with psycopg.connect(pg_server.url(), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    import_paths(open_store(url), files[:1])
    assert len(_listing(url)[0]) == 1
    assert _listing(url) == _truth(url, monkeypatch)


def test_copies_turned_off_write_nothing(url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FORM4_PG_CACHE", "off")
    open_store(url).close()
    assert cache_file("postgresql://x@h/db", "token") is None


@needs_corpus
def test_the_first_page_is_the_top_of_the_list_with_its_marks_before_the_index_is_read(
    url: str, copies: Path, tmp_path: Path
) -> None:
    files = write_variants(tmp_path / "files", 7)
    writer = open_store(url, reviewer="ann")
    import_paths(writer, files)
    newest = writer.ids()
    writer.set_reviewed(newest[0])
    writer.set_note(newest[1], "ask the issuer")
    writer.close()
    store = open_store(url, lazy=True)
    page = store.first_page(3)
    assert page is not None
    assert page.ids == newest[:3] and page.total == 7
    assert page.reviewed == {newest[0]} and page.noted == {newest[1]}
    assert all(page.summaries[fid].id == fid and page.summaries[fid].owners for fid in page.ids)
    shown = store.get(newest[0])  # the explorer's first filing: read before the index
    assert shown is not None and shown.state.reviewed and shown.state.reviewed_by == "ann"
    assert store.ids() == newest and len(store) == 7  # then the index, read by the first read needing it
    assert store.state(newest[1]).note == "ask the issuer"
    store.close()


def test_a_folder_store_has_no_first_page(tmp_path: Path) -> None:
    store = open_store(tmp_path / "store")
    assert store.first_page(10) is None


def _frames(path: Path) -> list[list[dict[str, object]]]:
    """The chunks of a copy, as the file holds them (header, then length + CRC + marshal'd list)."""
    import marshal
    import struct

    data = path.read_bytes()
    (head_len,) = struct.unpack_from(">I", data, 0)
    at, chunks = 4 + head_len, []
    while at < len(data):
        length, _crc = struct.unpack_from(">II", data, at)
        chunks.append(marshal.loads(data[at + 8 : at + 8 + length]))
        at += 8 + length
    return chunks


def test_a_copy_is_written_in_small_chunks_and_a_copy_of_the_old_format_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = [{"id": f"{i:016x}", "date": "2024-01-02", "owners": [f"Owner {i}"]} for i in range(1201)]
    path = tmp_path / "copy.summaries"
    postgres_cache.write(path, "token", 7, 42, docs)
    # one marshal.loads holds the interpreter for one chunk: 500 summaries, about a millisecond
    assert [len(chunk) for chunk in _frames(path)] == [500, 500, 201]
    found = postgres_cache.read(path, "token", 7)
    assert found is not None and found[0] == 42 and list(found[1].values()) == docs
    monkeypatch.setattr(postgres_cache, "FORMAT", 1)  # a copy written by the version before
    postgres_cache.write(path, "token", 7, 42, docs)
    monkeypatch.undo()
    assert postgres_cache.read(path, "token", 7) is None
