"""A file of fixed-width records sorted by key, looked up by bisection without reading it whole.

A store keeps one beside its index (id -> where the filing is, accession -> id) so that a command
on one filing (`form4 review ID`) reads a few pages of a small file instead of the whole index:
the cost of a lookup grows with log2(N), not N. The file starts with a header line naming what it
was made from (a stamp of the index it mirrors); a reader that finds another stamp does not trust
it. Keys and values are ASCII without spaces, padded with spaces to a fixed width.
"""

from __future__ import annotations

import mmap
import os
from collections.abc import Iterable
from pathlib import Path

MAGIC = b"form4-sorted-records 1"
HEADER_BYTES = 128


class RecordsError(ValueError):
    """The file is not a sorted-records file of this version, or it is damaged."""


def encode(records: Iterable[tuple[str, str]], stamp: str, key_width: int, value_width: int) -> bytes:
    """The file's bytes: a header, then one line per (key, value), sorted by key (a key once)."""
    header = b" ".join([MAGIC, str(key_width).encode(), str(value_width).encode(), stamp.encode()])
    if len(header) >= HEADER_BYTES or b"\n" in header:
        raise ValueError("stamp too long for the header")
    lines = [header.ljust(HEADER_BYTES - 1) + b"\n"]
    seen: dict[bytes, bytes] = {}
    for key, value in records:
        k, v = key.encode("ascii"), value.encode("ascii")
        if not k or len(k) > key_width or len(v) > value_width or b" " in k or b"\n" in k + v:
            raise ValueError(f"record does not fit: {key!r} -> {value!r}")
        seen[k] = v
    for k in sorted(seen):
        lines.append(k.ljust(key_width) + b" " + seen[k].ljust(value_width) + b"\n")
    return b"".join(lines)


class SortedRecords:
    """An open sorted-records file (memory-mapped: only the pages a bisection touches are read)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        with open(self.path, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            if size < HEADER_BYTES:
                raise RecordsError(f"{self.path}: too short")
            self._map = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        parts = bytes(self._map[:HEADER_BYTES]).split()
        if len(parts) < 4 or b" ".join(parts[:2]) != MAGIC:
            raise RecordsError(f"{self.path}: not a sorted-records file")
        try:
            self.key_width, self.value_width = int(parts[2]), int(parts[3])
        except ValueError:
            raise RecordsError(f"{self.path}: damaged header") from None
        self.stamp = parts[4].decode("ascii") if len(parts) > 4 else ""
        self._width = self.key_width + 1 + self.value_width + 1
        body = size - HEADER_BYTES
        if body % self._width:
            raise RecordsError(f"{self.path}: damaged (a partial record)")
        self.count = body // self._width

    def close(self) -> None:
        self._map.close()

    def __enter__(self) -> SortedRecords:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def _key(self, i: int) -> bytes:
        start = HEADER_BYTES + i * self._width
        return self._map[start : start + self.key_width].rstrip(b" ")

    def _value(self, i: int) -> str:
        start = HEADER_BYTES + i * self._width + self.key_width + 1
        return self._map[start : start + self.value_width].rstrip(b" ").decode("ascii")

    def _first_at_or_after(self, key: bytes) -> int:
        lo, hi = 0, self.count
        while lo < hi:
            mid = (lo + hi) // 2
            if self._key(mid) < key:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def get(self, key: str) -> str | None:
        """The value recorded for ``key``, or None."""
        k = key.encode("ascii", errors="replace")
        i = self._first_at_or_after(k)
        return self._value(i) if i < self.count and self._key(i) == k else None

    def with_prefix(self, prefix: str, limit: int = 10) -> list[tuple[str, str]]:
        """Up to ``limit`` records whose key starts with ``prefix``, in key order."""
        p = prefix.encode("ascii", errors="replace")
        out: list[tuple[str, str]] = []
        i = self._first_at_or_after(p)
        while i < self.count and len(out) < limit:
            key = self._key(i)
            if not key.startswith(p):
                break
            out.append((key.decode("ascii"), self._value(i)))
            i += 1
        return out
