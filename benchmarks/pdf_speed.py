"""PDF reader speed against pdfplumber's bare page parse, over the corpus printouts.

For every PDF, interleaved in one run (so machine noise hits both alike):
  * bare  -- ``pdfplumber.open`` + ``page.chars`` on every page (the floor any pdfplumber reader pays)
  * reader -- ``tui.readers.pdf.read_pdf(bytes)`` (pypdfium2 pre-check + parse + layout)
Prints per-engine means, the overall ratio reader/bare, and a simple parse rate with 1 and 2 worker
processes (``concurrent.futures.ProcessPoolExecutor``).

    python benchmarks/pdf_speed.py [--limit N] [--no-pool]
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared"


def corpus_pdfs() -> list[Path]:
    pdfs = sorted((SHARED / "corpus" / "filings").glob("*/*.pdf"))
    pdfs += sorted((SHARED / "seed").glob("*/*.pdf"))
    return pdfs


def bare(data: bytes) -> int:
    import pdfplumber

    n = 0
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            n += len(page.chars)
    return n


def reader(data: bytes) -> object:
    from tui.readers.pdf import read_pdf

    return read_pdf(data)


def _parse_file(path: str) -> bool:
    from tui.readers.pdf import read_pdf

    read_pdf(Path(path).read_bytes())
    return True


def pool_rate(paths: list[Path], workers: int) -> float:
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        list(pool.map(_parse_file, [str(p) for p in paths], chunksize=4))
    return len(paths) / (time.perf_counter() - start)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=0, help="only the first N PDFs")
    ap.add_argument("--no-pool", action="store_true", help="skip the 1/2-worker parse rates")
    args = ap.parse_args()
    paths = corpus_pdfs()
    if args.limit:
        paths = paths[: args.limit]
    if not paths:
        sys.exit(f"no PDFs under {SHARED}")
    # warm up imports and caches
    data0 = paths[0].read_bytes()
    bare(data0)
    reader(data0)
    per_engine: dict[str, list[tuple[float, float]]] = {}
    for i, path in enumerate(paths):
        data = path.read_bytes()
        timings = {}
        order = ("bare", "reader") if i % 2 == 0 else ("reader", "bare")
        for name in order:
            start = time.perf_counter()
            (bare if name == "bare" else reader)(data)
            timings[name] = time.perf_counter() - start
        per_engine.setdefault(path.name, []).append((timings["reader"], timings["bare"]))
    print(f"{'PDF kind':26} {'n':>4} {'reader ms':>10} {'bare ms':>9} {'ratio':>6}")
    all_r = all_b = 0.0
    count = 0
    for name, rows in sorted(per_engine.items()):
        r = sum(t for t, _ in rows)
        b = sum(t for _, t in rows)
        all_r += r
        all_b += b
        count += len(rows)
        print(f"{name:26} {len(rows):4d} {1000 * r / len(rows):10.1f} {1000 * b / len(rows):9.1f} {r / b:6.2f}")
    ratios = [t / b for rows in per_engine.values() for t, b in rows]
    print(
        f"{'all':26} {count:4d} {1000 * all_r / count:10.1f} {1000 * all_b / count:9.1f} {all_r / all_b:6.2f}"
        f"   (median per-file ratio {statistics.median(ratios):.2f})"
    )
    if not args.no_pool:
        for workers in (1, 2):
            print(f"parse rate, {workers} worker process(es): {pool_rate(paths, workers):.1f} PDFs/s")
        for workers in (1, 2):
            rate, summary = import_rate(paths, workers)
            print(f"form4 import into a fresh store, {workers} worker process(es): {rate:.1f} PDFs/s  [{summary}]")


def import_rate(paths: list[Path], workers: int) -> tuple[float, str]:
    """The whole import path (read, parse, deduplicate, store) of the PDFs into a fresh store."""
    import tempfile

    from tui.importer import import_paths
    from tui.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        report = import_paths(open_store(Path(tmp) / "db"), paths, workers=workers)
        return len(paths) / (time.perf_counter() - started), report.summary()


if __name__ == "__main__":
    main()
