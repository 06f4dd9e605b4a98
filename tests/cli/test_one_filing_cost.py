"""Issue 11, item 16: `review`, `show`, `note` and `remove` do not read the store's index (what makes
them cost more as the store grows). Shown from outside: the index is overwritten with garbage of
the same size and time, so any command that reads it fails; these commands still work."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from tests.cli.helpers import form4


def _garble_index_keeping_its_stamp(db: Path) -> None:
    index = db / "index.json"
    st = index.stat()
    index.write_bytes(b"\x00" * st.st_size)
    os.utime(index, ns=(st.st_atime_ns, st.st_mtime_ns))


def test_commands_on_one_filing_do_not_read_the_index(sample_db: Path, copy_of: Any) -> None:
    db = copy_of(sample_db)
    [amzn] = json.loads(form4("--db", str(db), "list", "--ticker", "AMZN", "--format", "json").stdout)
    [clrb] = json.loads(form4("--db", str(db), "list", "--ticker", "CLRB", "--format", "json").stdout)
    _garble_index_keeping_its_stamp(db)
    assert form4("--db", str(db), "list").returncode == 2  # the index is unreadable now

    fid = amzn["id"]
    for args in (
        ["review", fid[:8]],
        ["review", "0001018724-24-000077", "--undo"],
        ["note", fid, "seen"],
        ["show", fid],
        ["show", "000101872424000077", "--format", "json"],
        ["remove", clrb["id"]],
    ):
        result = form4("--db", str(db), *args)
        assert result.returncode == 0, (args, result.stderr)
    shown = json.loads(form4("--db", str(db), "show", fid, "--format", "json").stdout)
    assert shown["note"] == "seen" and shown["reviewed"] is False
    # removed: not found (saying why, e.g. an ambiguous prefix, may read the index: here it fails)
    assert form4("--db", str(db), "show", clrb["id"]).returncode in (1, 2)


def test_the_command_line_does_not_load_the_views_libraries() -> None:
    """Every command builds the whole parser: what only a view across filings needs (the screener and
    numpy, ~0.1-0.15 s of every `form4 review ID` a script runs) is loaded by that view alone."""
    import subprocess
    import sys

    probe = (
        "import sys; from tui.cli import build_parser; build_parser(); "
        "print(sorted(m for m in ('numpy', 'tui.across.screener', 'textual') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
