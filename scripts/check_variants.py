"""Read every printout that scripts/print_variants.py made and compare it, field by field, with its
filing's ground truth (``expected.json``), the way tests/readers/test_pdf.py does for the corpus's
printouts (tests/readers/compare.py: every field the page prints).

    python scripts/check_variants.py OUT [--jobs N] [--only SUBSTRING]

A printout must read exactly. The one accepted refusal is a table that the paper cuts off (the
page is wider than the paper at that scale: what is not printed cannot be read): the reader must
then say so, naming the table. Prints one line per failure, a tally of the fields that differ,
and the totals (files, fields compared, mismatches); exit status 1 when anything failed.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

#: the reader's reason for a table the paper cuts off (tui/readers/pdf/rows.py)
CUT_OFF = re.compile(r"column headers .*are not all in the PDF")


def check_one(entry: dict) -> dict:
    """One manifest entry -> {"name", "status": exact|cut|failed, "fields", "bad": [...]}."""
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    from tests.readers.compare import compare_counted
    from tui.interchange import filing_to_dict
    from tui.readers import ReadError, read_file

    pdf = Path(entry["pdf"])
    name = f"{Path(entry['source']).name}/{pdf.name}"
    out: dict = {"name": name, "status": "failed", "fields": 0, "bad": []}
    if entry.get("print_error") or not pdf.is_file():
        out["bad"] = [f"not printed ({entry.get('print_error', 'no file')})"]
        return out
    expected = json.loads((Path(entry["source"]) / "expected.json").read_text(encoding="utf-8"))
    try:
        bad, fields = compare_counted(expected, filing_to_dict(read_file(pdf)))
    except ReadError as exc:
        if CUT_OFF.search(str(exc)):
            out["status"] = "cut"
        else:
            out["bad"] = [f"refused: {exc}"]
        return out
    out.update(fields=fields, bad=bad, status="failed" if bad else "exact")
    return out


def check(manifest: list[dict], jobs: int = 1) -> tuple[list[dict], dict]:
    """Every entry checked; (results, totals)."""
    if jobs > 1:
        with ProcessPoolExecutor(jobs) as pool:
            results = list(pool.map(check_one, manifest, chunksize=4))
    else:
        results = [check_one(e) for e in manifest]
    totals = Counter(r["status"] for r in results)
    return results, {
        "files": len(results),
        "exact": totals["exact"],
        "cut": totals["cut"],
        "failed": totals["failed"],
        "fields": sum(r["fields"] for r in results),
        "mismatches": sum(len(r["bad"]) for r in results),
    }


def _field(line: str) -> str:
    """ "non_derivative[3].shares: expected …" -> "non_derivative[].shares" (for the tally)."""
    return re.sub(r"\[\d+\]", "[]", line.split(":", 1)[0])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path, help="the folder print_variants.py wrote (its manifest.json)")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--only", default="", help="check only the PDFs whose name contains this")
    args = parser.parse_args(argv)
    manifest = json.loads((args.out / "manifest.json").read_text(encoding="utf-8"))
    manifest = [e for e in manifest if args.only in e["pdf"]]
    started = time.monotonic()
    results, totals = check(manifest, args.jobs)
    tally: Counter[str] = Counter()
    for r in results:
        if r["status"] == "failed":
            print(f"FAIL {r['name']}: " + "; ".join(r["bad"][:4]) + (" …" if len(r["bad"]) > 4 else ""))
            tally.update(_field(b) for b in r["bad"])
    for field, n in tally.most_common():
        print(f"  {n:4d}  {field}")
    cut = [r["name"] for r in results if r["status"] == "cut"]
    for name in cut:
        print(f"CUT  {name}: refused, a table cut off by the paper")
    print(
        f"{totals['files']} PDFs: {totals['exact']} read exactly, {totals['cut']} refused (a table cut off by "
        f"the paper), {totals['failed']} failed; {totals['fields']:,} fields compared, {totals['mismatches']} "
        f"mismatches ({time.monotonic() - started:.0f} s)"
    )
    return 1 if totals["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
