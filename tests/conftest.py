"""Shared fixtures. Tests that need the read-only corpus in ../shared skip where it is absent
(a user's clone has none); everything else runs anywhere."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.fetch.edgar_server import EdgarServer
    from tests.store.pg_server import PgServer

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus" / "filings"
SEED = SHARED / "seed" / "clrb-caruso-2023-12-12"
SAMPLES = REPO / "sample_filings"

needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside this checkout")
needs_seed = pytest.mark.skipif(not SEED.is_dir(), reason="../shared/seed is not beside this checkout")


def corpus_dirs() -> list[Path]:
    return sorted(p for p in CORPUS.iterdir() if (p / "expected.json").is_file()) if CORPUS.is_dir() else []


def source_files() -> list[Path]:
    """Every XML / full-submission source in the corpus and the seed, each with an expected.json beside it."""
    dirs = corpus_dirs() + ([SEED] if SEED.is_dir() else [])
    return [d / name for d in dirs for name in ("source.xml", "source.txt", "source.nc") if (d / name).is_file()]


def write_variants(folder: Path, count: int) -> list[Path]:
    """`count` distinct filings made from corpus XML by renaming the reporting owner (test data)."""
    import re

    sources = sorted(CORPUS.glob("*/source.xml"))
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for i in range(count):
        xml = sources[i % len(sources)].read_bytes()
        xml = re.sub(rb"<rptOwnerName>[^<]*</rptOwnerName>", b"<rptOwnerName>Variant Owner %d</rptOwnerName>" % i, xml)
        path = folder / f"variant-{i:05d}.xml"
        path.write_bytes(xml)
        written.append(path)
    return written


def _in_ci() -> bool:
    import os

    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """A PostgreSQL server for the whole run (tests/store/pg_server.py). Where none can start, the
    tests that need it skip with the reason — except in CI (CI=true), where they fail: they must run."""
    from tests.store.pg_server import PgServer

    try:
        server = PgServer()
    except Exception as exc:
        if _in_ci():
            pytest.fail(f"CI: the PostgreSQL test server did not start, and these tests must run there: {exc}")
        pytest.skip(f"no PostgreSQL test server could start here: {exc}")
    # the team stores' local copies of their summaries (tui.store.postgres_cache) beside the server,
    # not in the user's cache folder (the tests' subprocesses inherit it)
    os.environ.setdefault("FORM4_PG_CACHE", str(server.folder / "copies"))
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def _team_stores_closed(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every team store a test opens is closed after it. One dropped without close() leaves its
    connection pool to the garbage collector, which may run inside one of the pool's own threads
    (psycopg_pool then reports "cannot join current thread" in a later test)."""
    if "pg_server" not in request.fixturenames:
        yield
        return
    from tui.store.postgres_store import PostgresStore

    opened: list[PostgresStore] = []
    init = PostgresStore.__init__

    def tracked(self: PostgresStore, *args: object, **kwargs: object) -> None:
        init(self, *args, **kwargs)  # type: ignore[arg-type]
        opened.append(self)

    monkeypatch.setattr(PostgresStore, "__init__", tracked)
    yield
    for store in opened:
        with contextlib.suppress(Exception):
            store.close()


@pytest.fixture
def edgar() -> Iterator[EdgarServer]:
    """A local server on 127.0.0.1 playing EDGAR with recorded responses (tests/fetch/fixtures); its state."""
    from tests.fetch.edgar_server import RunningServer

    server = RunningServer()
    try:
        yield server.state
    finally:
        server.stop()
