"""Item 5 and 6: a file is opened without hanging (O_NONBLOCK), only a regular file is read (checked
on the opened descriptor) and never more than the limit."""

from __future__ import annotations

import os
import resource
import threading
from pathlib import Path

import pytest

from tests import hostile
from tui.safe_open import FileRefused, read_regular


def _read_in_time(path: Path, limit: int = 1 << 20) -> str:
    """The refusal reason; fails the test (instead of hanging it) if the read does not return."""
    outcome: list[str] = []

    def run() -> None:
        try:
            read_regular(path, limit)
            outcome.append("read")
        except FileRefused as exc:
            outcome.append(exc.reason)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(10)
    assert outcome, f"reading {path.name} hung"
    return outcome[0]


def test_fifo_is_refused_without_hanging(tmp_path: Path) -> None:
    assert "FIFO" in _read_in_time(hostile.fifo(tmp_path))


def test_socket_is_refused(tmp_path: Path) -> None:
    path, server = hostile.unix_socket(tmp_path)
    with server:
        assert "socket" in _read_in_time(path)


def test_dev_zero_is_refused_unread(tmp_path: Path) -> None:
    reason = _read_in_time(hostile.dev_zero_link(tmp_path))
    assert "character device" in reason


def test_sparse_file_over_the_limit_is_refused_unread(tmp_path: Path) -> None:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    reason = _read_in_time(hostile.sparse_file(tmp_path), limit=256 * 1024 * 1024)
    assert "too large" in reason
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 50 * 1024  # KB: nothing was read


def test_broken_link_and_missing(tmp_path: Path) -> None:
    (tmp_path / "dangling.xml").symlink_to(tmp_path / "nowhere")
    assert _read_in_time(tmp_path / "dangling.xml") == "broken symbolic link"
    assert "No such file" in _read_in_time(tmp_path / "absent.xml")


def test_regular_file_read_whole_and_limit_exact(tmp_path: Path) -> None:
    path = tmp_path / "f.xml"
    path.write_bytes(b"x" * 1000)
    assert read_regular(path, 1000) == b"x" * 1000
    with pytest.raises(FileRefused, match="too large"):
        read_regular(path, 999)


def test_file_swapped_for_a_fifo_after_the_walk(tmp_path: Path) -> None:
    from tui.importer import collect_files, read_source

    path = hostile.variant_xml(tmp_path, "a.xml")
    files, _failures = collect_files([tmp_path])
    path.unlink()
    os.mkfifo(path)
    outcome: list[str | None] = []
    thread = threading.Thread(target=lambda: outcome.append(read_source(str(files[0]))[3]), daemon=True)
    thread.start()
    thread.join(10)
    assert outcome and outcome[0] is not None and "FIFO" in outcome[0]
