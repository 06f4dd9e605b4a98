"""``checks-pending``: the filings a bulk import has stored whose group findings are not worked out yet.

A bulk import gives each batch's filings their own-filing findings and works out the group findings
(continuity, amendment) of everything it brought once, at its end (`tui.store.findings.FindingsKeeper`).
Each batch's ids are appended here, flushed to disk, before the index that holds the batch is written;
the file goes once the index holds their group findings. An import that stopped in between (killed, a
crash, the power) leaves the file: the next import into the store settles those filings too, so no
filing is left without its group findings for good.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import orjson

FILE_NAME = "checks-pending"


class PendingChecks:
    def __init__(self, folder: Path) -> None:
        self.path = folder / FILE_NAME

    def add(self, ids: Iterable[str]) -> None:
        """Append these ids (one JSON string a line) and flush them to disk."""
        data = b"".join(orjson.dumps(fid) + b"\n" for fid in ids)
        if not data:
            return
        with open(self.path, "ab") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())

    def read(self) -> list[str]:
        """The ids waiting ([] without the file); a line that is not a JSON string (a torn last line) is
        passed over."""
        try:
            data = self.path.read_bytes()
        except OSError:
            return []
        ids: list[str] = []
        for line in data.splitlines():
            try:
                fid = orjson.loads(line)
            except orjson.JSONDecodeError:
                continue
            if isinstance(fid, str):
                ids.append(fid)
        return list(dict.fromkeys(ids))

    def clear(self) -> None:
        self.path.unlink(missing_ok=True)
