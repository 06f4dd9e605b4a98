"""Item 4 and 5: the folder walk has no recursion limit and names every file it does not read."""

from __future__ import annotations

import os
from pathlib import Path

from tests import hostile
from tui.walk import collect


def test_folder_1100_levels_deep(tmp_path: Path) -> None:
    deep = hostile.deep_folder(tmp_path, 1100)
    files, failures = collect([deep])
    assert [Path(p).name for p, _real in files] == ["bottom.xml"] and failures == []
    assert files[0][1] == os.path.realpath(files[0][0])
    hostile.remove_deep_folder(deep)


def test_special_files_in_a_folder_each_get_a_line(tmp_path: Path) -> None:
    hostile.fifo(tmp_path)
    hostile.dev_zero_link(tmp_path)
    _path, server = hostile.unix_socket(tmp_path)
    good = hostile.variant_xml(tmp_path, "good.xml")
    with server:
        files, failures = collect([tmp_path])
    assert files == [(str(good), str(good))]
    reasons = {Path(p).name: r for p, r in failures}
    assert "FIFO" in reasons["pipe.xml"]
    assert "socket" in reasons["sock.xml"]
    assert "character device" in reasons["zero.xml"]  # not "broken symbolic link"


def test_special_files_as_arguments_are_named_for_what_they_are(tmp_path: Path) -> None:
    _files, failures = collect([hostile.fifo(tmp_path), hostile.dev_zero_link(tmp_path), tmp_path / "absent.xml"])
    reasons = [r for _p, r in failures]
    assert "FIFO" in reasons[0] and "character device" in reasons[1] and reasons[2] == "no such file or folder"


def test_an_empty_folder_is_said(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    files, failures = collect([tmp_path / "empty"])
    assert files == [] and len(failures) == 1 and "no filings" in failures[0][1]


def test_links_and_loops_taken_once(tmp_path: Path) -> None:
    loop = hostile.symlink_loop(tmp_path)
    good = hostile.variant_xml(loop, "good.xml")
    os.symlink(good, loop / "link-to-good.xml")
    files, failures = collect([loop, good])
    assert files == [(str(good), str(good))]
    assert [(Path(p).name, r) for p, r in failures] == [("self.xml", "symbolic link loop")]
