"""Scale: does the store stay instant at 10,000 and 100,000 filings, compared with plain TinyDB?

    python benchmarks/scale.py [N ...] [--workdir DIR] [--no-ui] [--keep] [--commands-only]

For each N (default 10000 100000) it writes N full-submission files made by replicating the corpus
filings with distinct accession numbers, owner names and dates (benchmark data only, in a temporary
folder, never shipped), then measures, each side in a fresh process:

- ours: `form4 import` of the files (2 workers); opening the store; launching the explorer until the
  list shows; insider-name search (median and worst of 50 names); marking one filing reviewed;
  the longest UI stall while scrolling the list end to end and while typing a search; peak memory;
- plain TinyDB (default JSONStorage, one table holding every filing with its review flag, Query scans)
  doing the same work: one `insert_multiple` of every filing (its most favourable case), opening
  and listing, the same 50 searches (as a Query test over owner names), marking one filing.

It also times the commands on one filing as a script runs them (`form4 review/show/note ID`,
each a fresh process, median of 5), which must cost the same at any store size: compare the sizes.
`--commands-only` measures just those (and the import), e.g. `scale.py 1000 10000 --commands-only`.

It prints every figure and the ratio plain-TinyDB / ours. The machine is noisy: quote ratios.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "filings"
sys.path.insert(0, str(REPO))

FIRST = ["James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth",
         "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles", "Karen",
         "Wei", "Priya", "Olu", "Sven", "Mateo", "Aiko", "Fatima", "Dmitri", "Chen", "Ngozi"]  # fmt: skip
LAST = ["Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
        "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin",
        "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson",
        "Okafor", "Nakamura", "Lindqvist", "Petrov", "Ivanova", "Kowalski", "Haddad", "Singh", "Zhang",
        "Novak"]  # fmt: skip
_OWNER = re.compile(rb"<rptOwnerName>[^<]*</rptOwnerName>")
_PERIOD = re.compile(rb"<periodOfReport>[^<]*</periodOfReport>")


def owner_name(rng: random.Random) -> str:
    return f"{rng.choice(LAST)} {rng.choice(FIRST)} {rng.choice('ABCDEFGHJKLMNPRSTVW')} {rng.randint(1, 999)}"


def make_files(n: int, folder: Path, seed: int = 1) -> list[str]:
    """N full-submission files replicating the corpus; returns the owner names used (for searches)."""
    rng = random.Random(seed)
    sources = [p.read_bytes() for p in sorted(CORPUS.glob("*/source.xml"))]
    names: list[str] = []
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        xml = sources[i % len(sources)]
        name = owner_name(rng)
        names.append(name)
        xml = _OWNER.sub(b"<rptOwnerName>" + name.encode().replace(b"\\", b"\\\\") + b"</rptOwnerName>", xml)
        day = f"{2000 + rng.randint(0, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        xml = _PERIOD.sub(f"<periodOfReport>{day}</periodOfReport>".encode(), xml)
        accession = f"99{i // 1000000:08d}-{rng.randint(0, 99):02d}-{i % 1000000:06d}"
        header = (
            f"<SEC-DOCUMENT>{accession}.txt : {day.replace('-', '')}\n<SEC-HEADER>\n"
            f"ACCESSION NUMBER:\t\t{accession}\nFILED AS OF DATE:\t\t{day.replace('-', '')}\n</SEC-HEADER>\n"
            "<DOCUMENT>\n<TYPE>4\n<TEXT>\n<XML>\n"
        ).encode()
        sub = folder / f"{i // 1000:04d}"
        sub.mkdir(exist_ok=True)
        (sub / f"{accession}.txt").write_bytes(header + xml + b"\n</XML>\n</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n")
    return names


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# ------------------------------------------------------------------------------------------- phases
def phase_ours(store_path: str, names: list[str], ui: bool) -> dict[str, Any]:
    from tui.store import open_store

    started = time.perf_counter()
    store = open_store(store_path)
    ids = store.ids()
    opened = time.perf_counter() - started
    started = time.perf_counter()
    store.build_name_index()
    index_build = time.perf_counter() - started
    searches = []
    for name in names:
        started = time.perf_counter()
        found = store.search_ids(name)
        searches.append(time.perf_counter() - started)
        assert found, name
    marks = []
    for fid in ids[:: max(1, len(ids) // 20)][:20]:
        started = time.perf_counter()
        store.set_reviewed(fid)
        marks.append(time.perf_counter() - started)
    result: dict[str, Any] = {
        "open": opened,
        "name_index_build": index_build,
        "search_median": statistics.median(searches),
        "search_worst": max(searches),
        "mark_median": statistics.median(marks),
        "mark_worst": max(marks),
        "filings": len(ids),
    }
    result["peak_mb"] = peak_mb()
    if ui:  # in a process of its own, as a user's explorer would be
        result.update(_child("ui", store_path, json.dumps(names)))
    return result


def _ui_figures(store_path: str, names: list[str]) -> dict[str, float]:
    """Launch-to-list, and the longest UI stall (how late the event loop answers a 10 ms timer)
    while scrolling the list from end to end and while typing a search, driven by Textual's Pilot."""
    import asyncio

    from tui.explorer.app import ExplorerApp

    async def lag_monitor(stop: asyncio.Event, lags: list[float]) -> None:
        loop = asyncio.get_running_loop()
        while not stop.is_set():
            started = loop.time()
            await asyncio.sleep(0.005)
            lags.append(loop.time() - started - 0.005)

    async def longest_stall(pilot: Any, keys: list[str]) -> tuple[float, float]:
        stop, lags = asyncio.Event(), []
        monitor = asyncio.create_task(lag_monitor(stop, lags))
        for key in keys:
            await pilot.press(key)
        await pilot.pause(0.5)  # let the last filing's panes load and paint
        stop.set()
        await monitor
        lags.sort()
        return lags[-1], lags[int(len(lags) * 0.99)]

    async def run() -> dict[str, float]:
        app = ExplorerApp(Path(store_path), [], import_samples=False)
        started = time.perf_counter()
        async with app.run_test(size=(160, 50)) as pilot:
            while not app.main.list_ready:
                await pilot.pause(0.01)
            launch = time.perf_counter() - started
            await pilot.pause(1.0)  # the name index is built in the background after the list shows
            scroll = await longest_stall(pilot, ["end", "home"] + ["pagedown"] * 100 + ["down"] * 100 + ["end"])
            word = names[0].split()[0].lower()
            typing = await longest_stall(pilot, ["slash", *word, *["backspace"] * len(word)])
            return {"launch_to_list": launch, "scroll_stall_max": scroll[0], "scroll_stall_p99": scroll[1],
                    "typing_stall_max": typing[0], "typing_stall_p99": typing[1]}  # fmt: skip

    return asyncio.run(run())


def phase_tinydb(db_path: str, names: list[str], ids: list[str]) -> dict[str, Any]:
    from tinydb import Query, TinyDB

    started = time.perf_counter()
    db = TinyDB(db_path)
    listing = sorted(db.all(), key=lambda d: d.get("date") or "", reverse=True)
    opened = time.perf_counter() - started
    searches = []
    q = Query()
    for name in names[:5]:  # each search scans the whole file: 5 are plenty to see the cost
        tokens = name.casefold().split()
        started = time.perf_counter()
        matches = q.owners.test(lambda owners, t=tokens: any(all(x in o.casefold() for x in t) for o in owners))
        found = db.search(matches)
        searches.append(time.perf_counter() - started)
        assert found
    marks = []
    for fid in ids[:3]:
        started = time.perf_counter()
        db.update({"reviewed": True}, q.id == fid)
        marks.append(time.perf_counter() - started)
    return {
        "open": opened,
        "search_median": statistics.median(searches),
        "search_worst": max(searches),
        "mark_median": statistics.median(marks),
        "mark_worst": max(marks),
        "filings": len(listing),
        "peak_mb": peak_mb(),
    }


def build_tinydb(folder: str, db_path: str) -> dict[str, Any]:
    """Plain TinyDB's import: parse the same files with the same reader (one process), then every
    filing (summary + full document + review flag) in one insert_multiple, its most favourable case."""
    from tinydb import TinyDB

    from tui.interchange import filing_to_dict
    from tui.readers import read_file
    from tui.store import filing_id

    started = time.perf_counter()
    docs = []
    for path in sorted(Path(folder).rglob("*.txt")):
        filing = read_file(path)
        docs.append({"id": filing_id(filing), "date": filing.filed_date.text if filing.filed_date else "",
                     "owners": list(filing.owner_names), "ticker": filing.issuer.ticker, "reviewed": False,
                     "filing": filing_to_dict(filing)})  # fmt: skip
    TinyDB(db_path).insert_multiple(docs)
    return {"insert": time.perf_counter() - started, "ids": [d["id"] for d in docs]}


def _child(phase: str, *args: str) -> dict[str, Any]:
    command = [sys.executable, __file__, "--phase", phase, *args]
    out = subprocess.run(command, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


#: the commands on one filing, timed as a script runs them; "{id}" is a filing in the store
ONE_FILING_COMMANDS = (
    ("review", ["review", "{id}"]),
    ("review --undo", ["review", "{id}", "--undo"]),
    ("show", ["show", "{id}"]),
    ("show by accession", ["show", "{accession}"]),
    ("note", ["note", "{id}", "benchmark note"]),
)


def time_commands(store_path: Path, repeat: int = 5) -> dict[str, float]:
    """Median wall time of each one-filing command, each run a fresh `python -m tui` process."""
    from tui.store import open_store

    store = open_store(store_path)
    ids = store.ids()
    fid = ids[len(ids) // 2]
    accession = store.summary(fid).accession or fid
    del store
    figures: dict[str, float] = {}
    for label, template in ONE_FILING_COMMANDS:
        argv = [a.format(id=fid, accession=accession) for a in template]
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "tui", "--db", str(store_path), *argv],
                           check=True, capture_output=True, cwd=REPO)  # fmt: skip
            times.append(time.perf_counter() - started)
        figures[label] = statistics.median(times)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    figures["(python -c pass)"] = time.perf_counter() - started
    figures.update(_child("one-filing", str(store_path), fid))
    return figures


def phase_one_filing(store_path: str, fid: str, repeat: int = 21) -> dict[str, float]:
    """The store's part of a one-filing command, in process: open as the CLI does, then mark / show."""
    from tui.store import open_store

    marks, shows = [], []
    for i in range(repeat):
        started = time.perf_counter()
        open_store(store_path, lazy=True).set_reviewed(fid[:10], i % 2 == 0)
        marks.append(time.perf_counter() - started)
        started = time.perf_counter()
        assert open_store(store_path, lazy=True).get(fid) is not None
        shows.append(time.perf_counter() - started)
    return {"in process: open + mark": statistics.median(marks), "in process: open + get": statistics.median(shows)}


def _fmt(seconds: float) -> str:
    return f"{seconds * 1000:9.1f} ms" if seconds < 10 else f"{seconds:9.1f} s "


def run_size(n: int, workdir: Path, ui: bool, keep: bool, commands_only: bool = False) -> None:
    rng = random.Random(n)
    folder = workdir / f"files-{n}"
    store_path = workdir / f"store-{n}"
    tiny_path = workdir / f"tinydb-{n}.json"
    for p in (store_path, tiny_path):
        shutil.rmtree(p, ignore_errors=True) if p.is_dir() else p.unlink(missing_ok=True)
    print(f"\n== {n:,} filings ==", flush=True)
    if not folder.is_dir():
        started = time.perf_counter()
        make_files(n, folder)
        print(f"made {n:,} submission files in {time.perf_counter() - started:.0f} s", flush=True)
    all_names = make_names(n)
    queries = [all_names[i] for i in rng.sample(range(n), 50)]
    queries = [" ".join(reversed(q.split()[:2])).lower() for q in queries]  # "james smith" order/case

    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "tui", "--db", str(store_path), "import", "--workers", "2", str(folder)],
                   check=True, capture_output=True, cwd=REPO)  # fmt: skip
    ours_import = time.perf_counter() - started
    print(f"{'import (form4, 2 workers)':28} {_fmt(ours_import)}")
    print("one filing, a fresh process each (median of 5):")
    for label, seconds in time_commands(store_path).items():
        print(f"  {label:26} {_fmt(seconds)}", flush=True)
    if commands_only:
        if not keep:
            shutil.rmtree(folder, ignore_errors=True)
            shutil.rmtree(store_path, ignore_errors=True)
        return
    ours = _child("ours", str(store_path), json.dumps(queries), "1" if ui else "0")
    built = _child("tinydb-build", str(folder), str(tiny_path))
    plain = _child("tinydb", str(tiny_path), json.dumps(queries), json.dumps(built["ids"][:: max(1, n // 3)][:3]))

    rows = [
        ("import (parse + store)", ours_import, built["insert"], "ours: form4 import, 2 workers; plain: 1 process"),
        ("open store, list ready", ours["open"], plain["open"], ""),
        ("name search, median of 50", ours["search_median"], plain["search_median"], "plain: 5 searches"),
        ("name search, worst", ours["search_worst"], plain["search_worst"], ""),
        ("mark reviewed, median", ours["mark_median"], plain["mark_median"], ""),
        ("mark reviewed, worst", ours["mark_worst"], plain["mark_worst"], ""),
    ]
    print(f"{'':28} {'form4':>12} {'plain TinyDB':>13} {'ratio':>8}")
    for label, a, b, note in rows:
        print(f"{label:28} {_fmt(a)} {_fmt(b):>13} {b / a:7.0f}x  {note}")
    print(f"{'name index build (once)':28} {_fmt(ours['name_index_build'])}")
    for key, label in (("launch_to_list", "explorer launch to list"), ("scroll_stall_max", "longest stall, scrolling"),
                       ("scroll_stall_p99", "  99th percentile"), ("typing_stall_max", "longest stall, typing"),
                       ("typing_stall_p99", "  99th percentile")):  # fmt: skip
        if key in ours:
            print(f"{label:28} {_fmt(ours[key])}")
    print(f"{'peak memory':28} {ours['peak_mb']:9.0f} MB {plain['peak_mb']:10.0f} MB  (store work; the explorer: "
          f"{ours.get('ui_peak_mb', 0):.0f} MB)")  # fmt: skip
    if not keep:
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(store_path, ignore_errors=True)
        tiny_path.unlink(missing_ok=True)


def make_names(n: int, seed: int = 1) -> list[str]:
    """The owner names make_files(n) used, without writing files (same random sequence)."""
    rng = random.Random(seed)
    names = []
    for _ in range(n):
        names.append(owner_name(rng))
        rng.randint(0, 25), rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 99)
    return names


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="*", type=int, default=[10_000, 100_000])
    parser.add_argument("--workdir", type=Path, help="where to build the data (default: a temporary folder)")
    parser.add_argument("--no-ui", action="store_true", help="skip the explorer measurements")
    parser.add_argument("--keep", action="store_true", help="keep the generated files and stores")
    parser.add_argument("--commands-only", action="store_true", help="only the import and the one-filing commands")
    if sys.argv[1:2] == ["--phase"]:  # a measuring child process
        return _run_phase(sys.argv[2], sys.argv[3:])
    args = parser.parse_args()
    if not CORPUS.is_dir():
        parser.error(f"{CORPUS}: the corpus is needed to make the benchmark data")
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="form4-scale-"))
    for n in args.sizes:
        run_size(n, workdir, ui=not args.no_ui, keep=args.keep, commands_only=args.commands_only)
    return 0


def _run_phase(phase: str, argv: list[str]) -> int:
    if phase == "ui":
        result = _ui_figures(argv[0], json.loads(argv[1]))
        result["ui_peak_mb"] = peak_mb()
    elif phase == "one-filing":
        result = phase_one_filing(argv[0], argv[1])
    elif phase == "ours":
        result = phase_ours(argv[0], json.loads(argv[1]), argv[2] == "1")
    elif phase == "tinydb-build":
        result = build_tinydb(argv[0], argv[1])
    else:
        result = phase_tinydb(argv[0], json.loads(argv[1]), json.loads(argv[2]))
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
