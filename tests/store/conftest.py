"""The store fixtures: every contract test runs once per backend (`store_factory`), TinyDB in a
temporary folder and PostgreSQL in a fresh database of a server the tests start themselves
(`tests.store.pg_server`). Where no server can start, the PostgreSQL cases skip with the reason —
except in CI (CI=true), where they fail: there they must run."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.store.pg_server import PgServer
from tui.store import Store, open_store

#: the backends the contract suite runs against
BACKENDS = ["tinydb", "postgresql"]


class StoreFactory:
    """Opens stores of one backend: the same ``name`` is the same store, opened afresh each call
    (as another process would)."""

    def __init__(self, backend: str, folder: Path, server: PgServer | None = None) -> None:
        self.backend = backend
        self.folder = folder
        self.server = server
        self._urls: dict[str, str] = {}
        self._opened: list[Store] = []

    def location(self, name: str = "db") -> str:
        if self.server is None:
            return str(self.folder / name)
        if name not in self._urls:
            self._urls[name] = self.server.create_database(f"t_{uuid.uuid4().hex[:12]}")
        return self._urls[name]

    def open(self, name: str = "db", *, reviewer: str | None = None, lazy: bool = False) -> Store:
        store = open_store(self.location(name), reviewer=reviewer or "tester", lazy=lazy)
        self._opened.append(store)
        return store

    def close(self) -> None:
        for store in self._opened:
            store.close()
        self._opened.clear()


@pytest.fixture(params=BACKENDS, scope="module")
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def _server(backend: str, request: pytest.FixtureRequest) -> PgServer | None:
    return request.getfixturevalue("pg_server") if backend == "postgresql" else None


@pytest.fixture
def store_factory(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[StoreFactory]:
    factory = StoreFactory(backend, tmp_path, _server(backend, request))
    yield factory
    factory.close()


@pytest.fixture(scope="module")
def module_store_factory(
    backend: str, tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Iterator[StoreFactory]:
    factory = StoreFactory(backend, tmp_path_factory.mktemp("stores"), _server(backend, request))
    yield factory
    factory.close()
