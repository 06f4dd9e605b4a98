"""The store fixtures: every contract test runs once per backend (`store_factory`)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tui.store import Store, open_store

#: the backends the contract suite runs against
BACKENDS = ["tinydb"]


class StoreFactory:
    """Opens stores of one backend: the same ``name`` is the same store, opened afresh each call
    (as another process would)."""

    def __init__(self, backend: str, folder: Path) -> None:
        self.backend = backend
        self.folder = folder
        self._opened: list[Store] = []

    def location(self, name: str = "db") -> str:
        return str(self.folder / name)

    def open(self, name: str = "db", *, reviewer: str | None = None, lazy: bool = False) -> Store:
        store = open_store(self.location(name), reviewer=reviewer or "tester", lazy=lazy)
        self._opened.append(store)
        return store

    def close(self) -> None:
        for store in self._opened:
            store.close()


@pytest.fixture(params=BACKENDS, scope="module")
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def store_factory(backend: str, tmp_path: Path) -> Iterator[StoreFactory]:
    factory = StoreFactory(backend, tmp_path)
    yield factory
    factory.close()


@pytest.fixture(scope="module")
def module_store_factory(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[StoreFactory]:
    factory = StoreFactory(backend, tmp_path_factory.mktemp("stores"))
    yield factory
    factory.close()
