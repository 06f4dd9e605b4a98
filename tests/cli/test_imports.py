"""Issue 11, item 16 (its second half): a command loads only what it uses. Commands on stored
filings load neither the readers nor the importer, Textual nor pdfplumber; parsing or importing
XML loads no PDF library. Checked on sys.modules after the command ran, in a fresh process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, SAMPLES

RUN = (
    "import json, sys; from tui.cli import main; code = main(sys.argv[2:]); "
    "open(sys.argv[1], 'w').write(json.dumps(sorted(sys.modules))); sys.exit(code)"
)
UI = {"textual"}
PDF = {"pdfplumber", "pdfminer", "pypdfium2"}
READING = {"tui.readers", "tui.importer", "rich.progress", "lxml"}
SEARCH = {"rapidfuzz", "tui.names"}  # the insider-name index: only a search needs it


def modules_after(tmp_path: Path, *args: str) -> set[str]:
    out = tmp_path / "modules.json"
    result = subprocess.run(
        [sys.executable, "-c", RUN, str(out), *args], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return {name.split(".")[0] if name.split(".")[0] in {"textual", "pdfplumber", "pdfminer", "pypdfium2",
            "lxml", "rapidfuzz"} else name for name in json.loads(out.read_text())}  # fmt: skip


@pytest.mark.parametrize(
    "command",
    [["list"], ["search", "caruso"], ["show", "CLRB"], ["review", "CLRB"], ["note", "CLRB", "x"], ["export"]],
    ids=lambda c: c[0],
)
def test_commands_on_stored_filings_load_no_reader_and_no_ui(
    sample_db: Path, copy_of: object, tmp_path: Path, command: list[str]
) -> None:
    db = copy_of(sample_db)  # type: ignore[operator]
    if "CLRB" in command:
        listed = subprocess.run(
            [sys.executable, "-m", "tui", "--db", str(db), "list", "--ticker", "CLRB"],
            cwd=REPO, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        command = [listed.stdout.split("\t")[0] if c == "CLRB" else c for c in command]
    loaded = modules_after(tmp_path, "--db", str(db), *command)
    assert not loaded & (UI | PDF | READING), sorted(loaded & (UI | PDF | READING))
    if command[0] in {"show", "review", "note"}:
        assert not loaded & SEARCH, sorted(loaded & SEARCH)


def test_xml_parse_and_import_load_no_pdf_library_and_no_ui(tmp_path: Path) -> None:
    xml = str(SAMPLES / "clrb-caruso-2023-12-12.xml")
    for command in (["parse", xml], ["--db", str(tmp_path / "db"), "import", xml]):
        loaded = modules_after(tmp_path, *command)
        assert not loaded & (UI | PDF), (command, sorted(loaded & (UI | PDF)))
        assert "tui.readers" in loaded  # it did read
