"""What each hostile file costs `form4` (peak memory of the process and its children, wall time):
`form4 parse FILE` on each file tests/hostile.py makes, then one `form4 import` of a folder holding
all of them and good filings. Prints one line per run; the figures go into the README's
Reliability section.

    python benchmarks/hostile_costs.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests import hostile  # noqa: E402


def run(args: list[str]) -> tuple[float, float, int, str]:
    """(peak RSS in MB of the process tree waited for, seconds, exit code, last stderr line)."""
    started = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "tui", *args], cwd=REPO, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)  # fmt: skip
    assert proc.stderr is not None
    err = proc.stderr.read().decode(errors="replace")
    _pid, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    lines = [line for line in err.splitlines() if line.strip()]
    return usage.ru_maxrss / 1024, time.monotonic() - started, proc.returncode, lines[-1] if lines else ""


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="form4-hostile-") as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        files = [
            hostile.flate_bomb_pdf(folder), hostile.glyph_flood_pdf(folder), hostile.many_pages_pdf(folder),
            hostile.long_pdf(folder), hostile.sparse_file(folder), hostile.huge_xml(folder), hostile.xml_bomb(folder),
            hostile.deep_xml(folder), hostile.fifo(folder), hostile.dev_zero_link(folder),
            hostile.variant_xml(folder, "overflow.xml", shares="1e999999999", owner="Overflow"),
            hostile.variant_xml(folder, "digits.xml", shares="9" * 5000, owner="Digits"),
            hostile.variant_xml(folder, "attack.xml", owner=hostile.TERMINAL_ATTACK),
        ]  # fmt: skip
        for n in range(3):
            hostile.variant_xml(folder, f"good-{n}.xml", owner=f"Good Owner {n}")
        deep = hostile.deep_folder(folder, 1100)
        db = str(Path(tmp) / "db")
        print(f"{'what':<32} {'peak MB':>8} {'seconds':>8}  exit  last line")
        for path in files:
            mb, seconds, code, line = run(["--db", db, "parse", str(path)])
            print(f"parse {path.name:<26} {mb:8.0f} {seconds:8.1f}  {code:>4}  {line[-90:]}")
        mb, seconds, code, line = run(["--db", db, "import", "--workers", "1", str(folder)])
        print(f"{'import of the whole folder':<32} {mb:8.0f} {seconds:8.1f}  {code:>4}  {line[-90:]}")
        hostile.remove_deep_folder(deep)
        for sample in sorted((REPO / "sample_filings").glob("*.pdf"))[:2]:
            mb, seconds, code, line = run(["--db", db, "parse", str(sample)])
            print(f"parse {sample.name[:26]:<26} {mb:8.0f} {seconds:8.1f}  {code:>4}  (a real printout, for scale)")


if __name__ == "__main__":
    main()
