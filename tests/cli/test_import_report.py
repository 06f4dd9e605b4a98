"""Issue 11, item 15: a folder import counts and names the files it did not read because of their
names (a file named on the command line is read whatever its name: its bytes decide), and a file
whose filing the store already holds is said to be "already in the store"."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.cli.helpers import form4
from tests.conftest import SAMPLES


def test_skipped_files_are_counted_and_named(tmp_path: Path) -> None:
    folder = tmp_path / "filings"
    folder.mkdir()
    shutil.copy(SAMPLES / "clrb-caruso-2023-12-12.xml", folder / "clrb.xml")
    shutil.copy(SAMPLES / "snow-mcmahon-2022-01-31.xml", folder / "snow-mcmahon.ownership")  # a filing, odd name
    (folder / "README.md").write_text("notes\n")
    db = str(tmp_path / "db")

    first = form4("--db", db, "import", str(folder))
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == (
        "1 imported, 0 updated, 0 already in the store, 0 failed, 2 skipped in folders (not named "
        ".htm/.html/.nc/.pdf/.sgml/.txt/.xml)"
    )
    skipped = [line for line in first.stderr.splitlines() if line.startswith("skipped: ")]
    assert [line.split()[1] for line in skipped] == [str(folder / "README.md"), str(folder / "snow-mcmahon.ownership")]

    again = form4("--db", db, "import", str(folder))
    assert again.stdout.startswith("0 imported, 0 updated, 1 already in the store, 0 failed, 2 skipped")

    named = form4("--db", db, "import", str(folder / "snow-mcmahon.ownership"))
    assert named.returncode == 0 and named.stdout.strip() == "1 imported, 0 updated, 0 already in the store, 0 failed"
    assert named.stderr == ""  # into a pipe: no bar frames, not even a blank line


def test_many_skipped_files_are_counted_past_the_first_ten(tmp_path: Path) -> None:
    folder = tmp_path / "filings"
    folder.mkdir()
    for i in range(13):
        (folder / f"data-{i:02d}.json").write_text("{}")
    result = form4("--db", str(tmp_path / "db"), "import", str(folder))
    assert "13 skipped in folders" in result.stdout
    lines = [line for line in result.stderr.splitlines() if line.startswith("skipped: ")]
    assert len(lines) == 11 and lines[-1].startswith("skipped: 3 more files")
