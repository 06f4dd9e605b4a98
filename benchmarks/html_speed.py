"""HTML reader speed over EDGAR's pages in the corpus (the real edgar.html and every repro.html).

For every page, interleaved in one run (so machine noise hits both alike):
  * parse  -- lxml's HTML parser on the bytes (``tui.readers.html.parse_page``: the floor)
  * reader -- ``tui.readers.html.read_html(bytes)`` (parse + reading every part of the form)
Prints the median and mean per page and the ratio reader/parse, best of ``--repeat`` runs.

    python benchmarks/html_speed.py [--repeat 5]
"""

from __future__ import annotations

import argparse
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
    assert best is not None
    median, mean, parse = best
    print(f"{len(pages)} pages: read_html median {median:.2f} ms, mean {mean:.2f} ms per page; "
          f"lxml parse alone {parse:.2f} ms; ratio {mean / parse:.1f}x")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
