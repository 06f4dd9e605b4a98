"""How fast filings are read and imported.

    python benchmarks/import_speed.py [CORPUS_DIR] [--repeat N] [--reimport N]

Prints filings per second for parsing the corpus's XML and full-submission (.txt/.nc) files, for a
full import of the XML + submission files into a fresh store (1 and 2 worker processes), and, where
edgartools is installed, the ratio against edgartools parsing the same XML; then, for a store of
``--reimport`` distinct filings (variants of the corpus XML), how fast importing the same folder
again is: files unchanged, and files touched (same bytes, new modification time). Timings are interleaved
and the median of several repeats is quoted, because this machine is noisy: compare ratios.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tui.importer import import_paths  # noqa: E402
from tui.readers import read_bytes  # noqa: E402
from tui.store import open_store  # noqa: E402


def _edgartools_parser() -> Callable[[str], object] | None:
    """edgartools' ownership parser, or None. It looks each owner up on sec.gov (Entity(cik)); this
    machine has no network, so that lookup is replaced by a stub and only parsing is measured."""
    try:
        os.environ.setdefault("EDGAR_IDENTITY", "form4-explorer benchmark bench@example.invalid")
        import edgar.ownership.owners as owners  # type: ignore[import-not-found]
        from edgar.ownership import Ownership  # type: ignore[import-not-found]
    except ImportError:
        return None

    class _OfflineEntity:
        def __init__(self, cik: int) -> None:
            self.data = type("Data", (), {"is_company": False})()

    owners.Entity = _OfflineEntity
    return Ownership.parse_xml


def _rate(count: int, seconds: float) -> str:
    return f"{count / seconds:8.0f} filings/s  ({seconds * 1000 / count:.2f} ms each)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", type=Path, default=REPO.parent / "shared" / "corpus" / "filings")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--reimport", type=int, default=2000, metavar="N", help="filings for the re-import figures")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        parser.error(f"{args.corpus}: no such folder (pass the corpus folder)")

    xml = [p.read_bytes() for p in sorted(args.corpus.glob("*/source.xml"))]
    submissions = [p.read_bytes() for p in sorted(args.corpus.glob("*/source.txt"))]
    submissions += [p.read_bytes() for p in sorted(args.corpus.glob("*/source.nc"))]
    xml_text = [b.decode("utf-8", "replace") for b in xml]
    edgartools = _edgartools_parser()

    ours_xml: list[float] = []
    ours_sub: list[float] = []
    theirs: list[float] = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        for data in xml:
            read_bytes(data)
        ours_xml.append(time.perf_counter() - started)
        started = time.perf_counter()
        for data in submissions:
            read_bytes(data)
        ours_sub.append(time.perf_counter() - started)
        if edgartools:
            started = time.perf_counter()
            for text in xml_text:
                edgartools(text)
            theirs.append(time.perf_counter() - started)

    print(f"corpus: {args.corpus} ({len(xml)} XML, {len(submissions)} full submissions); median of {args.repeat}")
    print(f"parse XML              {_rate(len(xml), statistics.median(ours_xml))}")
    print(f"parse full submission  {_rate(len(submissions), statistics.median(ours_sub))}")
    if edgartools:
        median_theirs = statistics.median(theirs)
        print(f"edgartools parse XML   {_rate(len(xml), median_theirs)}")
        ratio = median_theirs / statistics.median(ours_xml)
        print(f"ratio: form4-explorer is {ratio:.1f}x edgartools' speed on the same XML")
    else:
        print("edgartools not installed: no comparison (pip install edgartools)")

    sources = sorted(args.corpus.glob("*/source.*"))
    sources = [p for p in sources if p.suffix in (".xml", ".txt", ".nc")]
    for workers in (1, 2):
        times = []
        for _ in range(max(1, args.repeat // 2)):
            with tempfile.TemporaryDirectory() as tmp:
                started = time.perf_counter()
                report = import_paths(open_store(Path(tmp) / "db"), sources, workers=workers)
                times.append(time.perf_counter() - started)
        print(
            f"import into a fresh store, {workers} worker(s): {_rate(report.imported, statistics.median(times))}"
            f"  [{report.summary()} from {len(sources)} files]"
        )
    if args.reimport:
        _reimport(args.corpus, args.reimport, max(1, args.repeat // 2))
    return 0


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
