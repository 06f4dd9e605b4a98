"""A local copy of a team store's filing summaries, so that opening a big database reads only what
changed since (the rows whose change number is newer) instead of every summary over the network.

The copy is only ever a starting point: it is named by the database's identity token (schema 6, a
random value made when the database was set up, so a database dropped and made again under the same
name never matches an old copy) and records the schema version and the newest change number it holds.
The store then reads every row changed since that number, and re-reads everything when the count of
filings on the server says a filing was removed (`PostgresStore._catch_up`). A copy that is damaged,
from another version or for another database is ignored.

File: a header (marshal: format, token, schema, change number, count), then chunks of summaries, each
a length, a CRC-32 and a marshal'd list of documents. marshal is the fastest loader for these plain
values (about 4× orjson on 100k summaries); the file lives in the user's own cache folder and is
checked before it is used. A chunk holds 500 summaries (format 2; format 1 had 2,000): one
`marshal.loads` holds the interpreter for about a millisecond, not 10-17 ms, and between chunks a
load in a worker thread lets the explorer's screen run (`tui.store.bulk_load.Breather`). Written in
chunks from a background thread, the same way, to a temporary file renamed into place.

``FORM4_PG_CACHE``: the folder for these files (default: the user's cache folder); ``off``: none.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import struct
import tempfile
import threading
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from tui.store.bulk_load import Breather

FORMAT = 2
_CHUNK = 500
_FRAME = struct.Struct(">II")  # length, crc32


def cache_file(location: str, token: str) -> Path | None:
    """Where the copy of the database at ``location`` (its URL without the password) lives, or None
    when copies are turned off."""
    folder = os.environ.get("FORM4_PG_CACHE", "")
    if folder.lower() == "off":
        return None
    if not folder:
        from platformdirs import user_cache_dir

        folder = str(Path(user_cache_dir("form4-explorer", appauthor=False)) / "team-stores")
    name = hashlib.sha256(f"{location}\n{token}".encode()).hexdigest()[:24]
    return Path(folder) / f"{name}.summaries"


def read(path: Path, token: str, schema: int) -> tuple[int, dict[str, dict[str, Any]]] | None:
    """(the newest change number it holds, summaries by id, newest first), or None when there is no
    usable copy."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        view = memoryview(data)
        (head_len,) = struct.unpack_from(">I", view, 0)
        fmt, its_token, its_schema, seq, count = marshal.loads(view[4 : 4 + head_len])
        if (fmt, its_token, its_schema) != (FORMAT, token, schema):
            return None
        docs: dict[str, dict[str, Any]] = {}
        breathe = Breather()
        at = 4 + head_len
        while at < len(view):
            length, crc = _FRAME.unpack_from(view, at)
            at += _FRAME.size
            chunk = view[at : at + length]
            if len(chunk) != length or zlib.crc32(chunk) != crc:
                return None
            docs.update((doc["id"], doc) for doc in marshal.loads(chunk))
            breathe()  # the explorer's screen runs between chunks
            at += length
        if len(docs) != count:
            return None
        return int(seq), docs
    except (ValueError, EOFError, TypeError, KeyError, struct.error):
        return None


def write(path: Path, token: str, schema: int, seq: int, docs: Sequence[dict[str, Any]]) -> None:
    """Replace the copy with ``docs`` (newest first), which hold every change up to ``seq``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    head = marshal.dumps((FORMAT, token, schema, seq, len(docs)))
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".summaries")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(struct.pack(">I", len(head)) + head)
            breathe = Breather()
            for start in range(0, len(docs), _CHUNK):
                chunk = marshal.dumps(list(docs[start : start + _CHUNK]))
                out.write(_FRAME.pack(len(chunk), zlib.crc32(chunk)) + chunk)
                breathe()  # the explorer's screen runs between chunks
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


#: the copy is written anew once this many summaries changed since it was made
BEHIND = 1000


class LocalCopy:
    """One database's copy: loaded at open, written anew (in a thread) when missing or far behind."""

    def __init__(self, location: str, token: str, schema: int) -> None:
        self.path = cache_file(location, token)
        self._token, self._schema = token, schema
        self.seq = -1  # the change number the copy on disk holds (-1: none usable)
        self.behind = 0  # summaries read or written since it was made
        self._writer: threading.Thread | None = None

    def load(self) -> tuple[int, dict[str, dict[str, Any]]] | None:
        found = read(self.path, self._token, self._schema) if self.path is not None else None
        self.seq = found[0] if found is not None else -1
        return found

    def stale(self) -> None:
        """The copy does not hold what the table holds (it was read again in full): write it anew."""
        self.seq = -1

    def save_if_behind(self, snapshot: Callable[[], tuple[int, list[dict[str, Any]]]], *, wait: bool = False) -> None:
        """Write ``snapshot()`` (change number, summaries newest first) when the copy is missing or
        BEHIND changes behind; a copy not written is read from the server next time."""
        path = self.path
        if path is None or (self._writer is not None and self._writer.is_alive()):
            return
        if self.seq >= 0 and self.behind < BEHIND:
            return
        seq, docs = snapshot()
        self.seq, self.behind = seq, 0

        def save() -> None:
            with contextlib.suppress(OSError):
                write(path, self._token, self._schema, seq, docs)

        self._writer = threading.Thread(target=save, name="form4-summaries-copy")
        self._writer.start()
        if wait:
            self._writer.join()

    def close(self) -> None:
        if self._writer is not None:
            self._writer.join()
