"""How fast filings are read and imported.

    python benchmarks/import_speed.py [CORPUS_DIR] [--repeat N] [--reimport N] [--files N]

Prints filings per second for parsing the corpus's XML and full-submission (.txt/.nc) files, with
edgartools parsing the same XML in the same run (the ``bench`` extra: ``pip install -e '.[bench]'``), in
CPU time and wall time; for a full import of the XML + submission files into a fresh store with 1 and 2
worker processes, alternated, with the ratio 2 workers / 1 worker; with ``--files N``, the same import of
N generated full submissions (the corpus replicated as ``scale.py`` makes them); then, for a store of
``--reimport`` distinct filings (variants of the corpus XML), how fast importing the same folder
again is: files unchanged, and files touched (same bytes, new modification time). Timings are interleaved
and the median of several repeats is quoted, because this machine is noisy: compare ratios (run it
nice'd: ``nice -n 10``).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.xml_rate import rate_lines, xml_rates  # noqa: E402
from tui.importer import import_paths  # noqa: E402
from tui.readers import read_bytes  # noqa: E402
from tui.store import open_store  # noqa: E402


def _rate(count: int, seconds: float) -> str:
    return f"{count / seconds:8.0f} filings/s  ({seconds * 1000 / count:.2f} ms each)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", type=Path, default=REPO.parent / "shared" / "corpus" / "filings")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--reimport", type=int, default=2000, metavar="N", help="filings for the re-import figures")
    parser.add_argument("--files", type=int, default=0, metavar="N", help="also import N generated submissions")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        parser.error(f"{args.corpus}: no such folder (pass the corpus folder)")

    xml = [p.read_bytes() for p in sorted(args.corpus.glob("*/source.xml"))]
    submissions = [p.read_bytes() for p in sorted(args.corpus.glob("*/source.txt"))]
    submissions += [p.read_bytes() for p in sorted(args.corpus.glob("*/source.nc"))]

    print(f"corpus: {args.corpus} ({len(xml)} XML, {len(submissions)} full submissions); best of {args.repeat}")
    for line in rate_lines(xml_rates(xml, args.repeat), len(xml)):
        print(line)
    ours_sub: list[float] = []
    for _ in range(args.repeat):
        started = time.process_time()
        for data in submissions:
            read_bytes(data)
        ours_sub.append(time.process_time() - started)
    print(f"parse full submission (CPU time) {_rate(len(submissions), min(ours_sub))}")

    sources = sorted(args.corpus.glob("*/source.*"))
    sources = [p for p in sources if p.suffix in (".xml", ".txt", ".nc")]
    _import_rates(f"the corpus's {len(sources)} XML, .txt and .nc files", sources, max(2, args.repeat // 2))
    if args.files:
        from benchmarks.scale import make_files

        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "files"
            make_files(args.files, folder)
            _import_rates(f"{args.files} generated full submissions", [folder], 2)
    if args.reimport:
        _reimport(args.corpus, args.reimport, max(1, args.repeat // 2))
    return 0


def _import_rates(label: str, sources: list[Path], repeat: int) -> None:
    """Import ``sources`` into a fresh store with 1 worker and with 2, alternated ``repeat`` times: the
    median wall time, the CPU time of this process and its workers, and the ratio 2 workers / 1."""
    times: dict[int, list[float]] = {1: [], 2: []}
    cpus: dict[int, list[float]] = {1: [], 2: []}
    with tempfile.TemporaryDirectory() as tmp:  # untimed: the first import in a process warms caches (calendars)
        import_paths(open_store(Path(tmp) / "db"), sources, workers=1)
    report = None
    for round_ in range(repeat):
        for workers in (1, 2) if round_ % 2 == 0 else (2, 1):  # each goes first in turn (warm-up costs)
            with tempfile.TemporaryDirectory() as tmp:
                before = _cpu()
                started = time.perf_counter()
                report = import_paths(open_store(Path(tmp) / "db"), sources, workers=workers)
                times[workers].append(time.perf_counter() - started)
                cpus[workers].append(_cpu() - before)
    assert report is not None
    load = os.getloadavg()[0]
    print(f"import {label} into a fresh store (load average {load:.1f}; {report.summary()}):")
    for workers in (1, 2):
        wall, cpu = statistics.median(times[workers]), statistics.median(cpus[workers])
        print(f"  {workers} worker(s): {_rate(report.imported, wall)} wall; {cpu:.2f} s CPU (main + workers)")
    ratio = statistics.median(times[1]) / statistics.median(times[2])
    print(f"  2 workers are {ratio:.2f}x the speed of 1 (wall)")


def _cpu() -> float:
    """CPU seconds of this process and its finished children (the import's workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _reimport(corpus: Path, count: int, repeat: int) -> None:
    """Import ``count`` variant files, then time importing the same folder again."""
    import re

    xml = [p.read_bytes() for p in sorted(corpus.glob("*/source.xml"))]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "files"
        folder.mkdir()
        for i in range(count):
            data = re.sub(rb"<rptOwnerName>[^<]*</rptOwnerName>", b"<rptOwnerName>Re Owner %d</rptOwnerName>" % i,
                          xml[i % len(xml)])  # fmt: skip
            (folder / f"v{i:06d}.xml").write_bytes(data)
        store_path = Path(tmp) / "db"
        first = import_paths(open_store(store_path), [folder], workers=2)
        for label, touch in (("unchanged files", False), ("touched files (same bytes)", True)):
            times = []
            for _ in range(repeat):
                if touch:
                    for path in folder.iterdir():
                        os.utime(path)
                started = time.perf_counter()
                report = import_paths(open_store(store_path), [folder], workers=2)
                times.append(time.perf_counter() - started)
            assert report.unchanged == first.imported, report.summary()
            print(f"re-import of {count} known files, {label}: {_rate(count, statistics.median(times))}")


if __name__ == "__main__":
    sys.exit(main())
