"""The sorted-records file a store keeps for one-filing lookups: exact keys, prefixes, the stamp,
and damage detected instead of answered from."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tui.store.sorted_records import HEADER_BYTES, RecordsError, SortedRecords, encode


def _ids(n: int) -> list[str]:
    return [hashlib.sha256(str(i).encode()).hexdigest()[:16] for i in range(n)]


def test_every_key_is_found_and_others_are_not(tmp_path: Path) -> None:
    ids = _ids(5000)
    path = tmp_path / "ids"
    path.write_bytes(encode(((i, f"{n // 200:06d}") for n, i in enumerate(ids)), "1-2", 16, 6))
    with SortedRecords(path) as table:
        assert table.count == 5000 and table.stamp == "1-2"
        for n, i in enumerate(ids):
            assert table.get(i) == f"{n // 200:06d}"
        assert table.get("0" * 16) is None and table.get("f" * 17) is None and table.get("") is None
        assert table.get("zz") is None


def test_prefixes(tmp_path: Path) -> None:
    path = tmp_path / "ids"
    path.write_bytes(encode([("abcd01", "1"), ("abcd02", "2"), ("abce00", "3"), ("b", "4")], "s", 8, 2))
    with SortedRecords(path) as table:
        assert table.with_prefix("abcd") == [("abcd01", "1"), ("abcd02", "2")]
        assert table.with_prefix("abc", limit=2) == [("abcd01", "1"), ("abcd02", "2")]
        assert table.with_prefix("abce") == [("abce00", "3")]
        assert table.with_prefix("c") == []
        assert table.with_prefix("b") == [("b", "4")]


def test_accession_keys_with_dashes(tmp_path: Path) -> None:
    path = tmp_path / "acc"
    path.write_bytes(encode([("0001127602-25-004598", "84be166d13e067ad")], "s", 20, 16))
    with SortedRecords(path) as table:
        assert table.get("0001127602-25-004598") == "84be166d13e067ad"
        assert table.get("0001127602-25-004599") is None


def test_an_empty_table(tmp_path: Path) -> None:
    path = tmp_path / "ids"
    path.write_bytes(encode([], "s", 16, 6))
    with SortedRecords(path) as table:
        assert table.count == 0 and table.get("a") is None and table.with_prefix("a") == []


def test_damage_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "ids"
    data = encode([("a", "1"), ("b", "2")], "s", 4, 2)
    path.write_bytes(data[:-3])  # a torn last record
    with pytest.raises(RecordsError):
        SortedRecords(path)
    path.write_bytes(b"x" * HEADER_BYTES)
    with pytest.raises(RecordsError):
        SortedRecords(path)
    path.write_bytes(b"short")
    with pytest.raises(RecordsError):
        SortedRecords(path)


def test_records_that_do_not_fit_are_refused() -> None:
    with pytest.raises(ValueError):
        encode([("toolongkey", "1")], "s", 4, 2)
    with pytest.raises(ValueError):
        encode([("a b", "1")], "s", 4, 2)
