"""HTML reader speed over EDGAR's pages in the corpus (the real edgar.html and every repro.html).

For every page, interleaved in one run (so machine noise hits both alike):
  * parse  -- lxml's HTML parser on the bytes (``tui.readers.html.parse_page``: the floor)
  * reader -- ``tui.readers.html.read_html(bytes)`` (parse + reading every part of the form)
Prints the median and mean per page (wall clock) and the CPU time per page (``time.process_time``:
on a shared, loaded machine it is far closer to what a quiet core gives than the wall clock), and the
ratio reader/parse, best of ``--repeat`` runs. Run it nice'd on a shared machine and quote the ratio.

    python benchmarks/html_speed.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus"


def main() -> int:
    from tui.readers.html import parse_page, read_html

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    paths = sorted(CORPUS.glob("filings/*/repro.html")) + sorted(CORPUS.glob("**/edgar.html"))
    if not paths:
        print(f"no pages under {CORPUS}", file=sys.stderr)
        return 1
    pages = [p.read_bytes() for p in paths]
    best: tuple[float, float, float] | None = None
    cpu_read = cpu_parse = float("inf")
    for _ in range(args.repeat):
        parse_ms: list[float] = []
        read_ms: list[float] = []
        for data in pages:
            t0 = time.perf_counter()
            parse_page(data)
            t1 = time.perf_counter()
            read_html(data)
            t2 = time.perf_counter()
            parse_ms.append((t1 - t0) * 1000)
            read_ms.append((t2 - t1) * 1000)
        run = (statistics.median(read_ms), statistics.fmean(read_ms), statistics.fmean(parse_ms))
        best = run if best is None or run[1] < best[1] else best
        started = time.process_time()
        for data in pages:
            read_html(data)
        cpu_read = min(cpu_read, (time.process_time() - started) * 1000 / len(pages))
        started = time.process_time()
        for data in pages:
            parse_page(data)
        cpu_parse = min(cpu_parse, (time.process_time() - started) * 1000 / len(pages))
    assert best is not None
    median, mean, parse = best
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{len(pages)} pages (load average {load:.1f}): read_html median {median:.2f} ms, mean {mean:.2f} ms "
          f"per page (wall); lxml parse alone {parse:.2f} ms; ratio {mean / parse:.1f}x")  # fmt: skip
    print(f"CPU time per page: read_html {cpu_read:.2f} ms, lxml parse alone {cpu_parse:.2f} ms; "
          f"ratio {cpu_read / cpu_parse:.1f}x")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
