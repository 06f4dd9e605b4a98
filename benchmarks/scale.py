"""Scale: does the store stay instant at 10,000 and 100,000 filings, compared with plain TinyDB?

    python benchmarks/scale.py [N ...] [--workdir DIR] [--no-ui] [--keep] [--commands-only] [--db postgresql://…]
    python benchmarks/scale.py [N ...] --checks
    python benchmarks/scale.py [N ...] --across    (the insider and issuer views, the screener: across_scale.py)

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
`--import-only` measures the import with 2 workers and then with 1 (the ratio), and the XML reader's
rate on the generated files against edgartools' in the same run (the `bench` extra), e.g.
`nice -n 10 python benchmarks/scale.py 10000 --import-only`.

It prints every figure and the ratio plain-TinyDB / ours. The machine is noisy: quote ratios.

With ``--db postgresql://user:password@host:port/dbname`` "ours" is the PostgreSQL store: for each N
a fresh database is created on that server (the user needs CREATEDB) and dropped afterwards unless
--keep. Both backends also measure 10 reviewers marking at once (10 processes, 50 marks each: the
median and 99th percentile of one mark). The explorer figures are measured on that database too.

With ``--checks`` it measures the review checks instead: the same import path with the checks and
without them (alternated, best of two each, each in a fresh process), on two data sets: the corpus's
owner histories copied N / 120 times, each copy with owner CIKs of its own and the filings' own dates
(`make_histories`: as many findings as the real filings have, 15 %), and the replicas above (one owner
per corpus CIK, random days: most filings a finding, the worst case); then the "has findings" and
"late filing" list filters over the store.
"""

from __future__ import annotations

import argparse
import json
import os
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
        _write_submission(folder / f"{i // 1000:04d}", accession, day.replace("-", ""), xml)
    return names


def _write_submission(sub: Path, accession: str, filed: str, xml: bytes) -> None:
    """A full-submission file of ``xml`` with the header fields the reader takes (filed: YYYYMMDD)."""
    header = (
        f"<SEC-DOCUMENT>{accession}.txt : {filed}\n<SEC-HEADER>\n"
        f"ACCESSION NUMBER:\t\t{accession}\nFILED AS OF DATE:\t\t{filed}\n</SEC-HEADER>\n"
        "<DOCUMENT>\n<TYPE>4\n<TEXT>\n<XML>\n"
    ).encode()
    sub.mkdir(exist_ok=True)
    (sub / f"{accession}.txt").write_bytes(header + xml + b"\n</XML>\n</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n")


_OWNER_CIK = re.compile(rb"<rptOwnerCik>\s*0*(\d+)\s*</rptOwnerCik>")
_FILED = re.compile(rb"(?:<FILING-DATE>|FILED AS OF DATE:\s*)(\d{8})")
_SIGNED = re.compile(rb"<signatureDate>\s*(\d{4}-\d{2}-\d{2})")


def make_histories(n: int, folder: Path, seed: int = 1) -> int:
    """N full-submission files that copy the corpus's owners' histories: copy r of every corpus filing
    has owner CIKs of its own (copy number and original CIK: a joint filing's owners stay together) and
    keeps the filing's own dates and filed date, so that each owner-issuer group is the corpus's, as
    consistent and as late as the real filings (unlike `make_files`, whose one owner per corpus CIK, files
    on random days and in random order, makes most filings a finding: a worst case). Returns the number
    of corpus filings copied each time."""
    rng = random.Random(seed)
    sources = [(p.read_bytes(), _filed_date(p.parent)) for p in sorted(CORPUS.glob("*/source.xml"))]
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        copy, (xml, filed) = divmod(i, len(sources))[0] + 1, sources[i % len(sources)]
        cik_of_copy = b"<rptOwnerCik>%03d%%07d</rptOwnerCik>" % copy
        xml = _OWNER_CIK.sub(lambda m, as_copy=cik_of_copy: as_copy % int(m.group(1)), xml)
        xml = _OWNER.sub(f"<rptOwnerName>{owner_name(rng)}</rptOwnerName>".encode(), xml)
        accession = f"98{i // 1000000:08d}-{copy % 100:02d}-{i % 1000000:06d}"
        _write_submission(folder / f"{i // 1000:04d}", accession, filed, xml)
    return len(sources)


def _filed_date(filing: Path) -> str:
    """YYYYMMDD: the filed date of the corpus filing's full submission, else its latest signature date
    (what EDGAR's date mostly is, and what the checks take where no filed date is known)."""
    for name in ("source.txt", "source.nc"):
        if (filing / name).is_file() and (found := _FILED.search((filing / name).read_bytes())):
            return found.group(1).decode()
    signed = _SIGNED.findall((filing / "source.xml").read_bytes())
    return max(signed).decode().replace("-", "") if signed else "20000101"


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# ------------------------------------------------------------------------------------------- phases
def phase_ours(store_path: str, names: list[str], ui: bool) -> dict[str, Any]:
    from tui.store import open_store

    cold: dict[str, float] = {}
    if store_path.startswith("postgresql"):  # a team store: its open without the local copy of the summaries
        os.environ["FORM4_PG_CACHE"] = "off"
        started = time.perf_counter()
        open_store(store_path).close()
        cold["open_no_copy"] = time.perf_counter() - started
        del os.environ["FORM4_PG_CACHE"]
        open_store(store_path).close()  # the copy is written (if it was missing)
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
        **cold,
    }
    result["peak_mb"] = peak_mb()
    if ui:  # in a process of its own, as a user's explorer would be
        result.update(_child("ui", store_path, json.dumps(names)))
    if ui and store_path.startswith("postgresql"):  # again without the local copy of the summaries
        cold = _child("ui", store_path, json.dumps(names), env={"FORM4_PG_CACHE": "off"})
        kept = ("launch_to_list", "whole_list", "loading_stall_max")
        result.update({f"{k}_no_copy": v for k, v in cold.items() if k in kept})
    return result


def _ui_figures(store_path: str, names: list[str]) -> dict[str, float]:
    """Launch-to-list, and the longest UI stall (how late the event loop answers a 5 ms timer) while
    a team store reads its whole list after the first page, while scrolling the list from end to end
    and while typing a search, driven by Textual's Pilot."""
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
        app = ExplorerApp(store_path, [], import_samples=False)  # a folder or a postgresql:// URL
        started = time.perf_counter()
        async with app.run_test(size=(160, 50)) as pilot:
            while not app.main.list_ready:
                await pilot.pause(0.01)
            launch = time.perf_counter() - started
            stop, lags = asyncio.Event(), []  # the screen while the rest of the list is read
            monitor = asyncio.create_task(lag_monitor(stop, lags))
            while len(app.main.filing_list.ids) < app.main.total:  # a team store shows its newest filings first
                await pilot.pause(0.01)
            whole = time.perf_counter() - started
            stop.set()
            await monitor
            loading_stall = max(lags, default=0.0)
            await pilot.pause(1.0)  # the name index is built in the background after the list shows
            scroll = await longest_stall(pilot, ["end", "home"] + ["pagedown"] * 100 + ["down"] * 100 + ["end"])
            word = names[0].split()[0].lower()
            typing = await longest_stall(pilot, ["slash", *word, *["backspace"] * len(word)])
            return {"launch_to_list": launch, "whole_list": whole, "loading_stall_max": loading_stall,
                    "scroll_stall_max": scroll[0],
                    "scroll_stall_p99": scroll[1], "typing_stall_max": typing[0],
                    "typing_stall_p99": typing[1]}  # fmt: skip

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


def phase_marks(location: str, ids: list[str], reviewer: str) -> dict[str, Any]:
    """One reviewer marking ``ids`` one after the other (run 10 at once by concurrent_marks)."""
    from tui.store import open_store

    store = open_store(location, reviewer=reviewer)
    print("ready", flush=True)  # every reviewer's store is open: they start marking together
    sys.stdin.readline()
    times = []
    for fid in ids:
        started = time.perf_counter()
        store.set_reviewed(fid)
        times.append(time.perf_counter() - started)
    store.close()
    return {"times": times}


def phase_commits(location: str, count: int) -> dict[str, Any]:
    """The floor under a mark on this server and disk: ``count`` bare one-row INSERTs, each committed
    (autocommit) as a mark is, into a scratch table (run 10 at once by concurrent_marks)."""
    import psycopg

    with psycopg.connect(location, autocommit=True) as conn:
        print("ready", flush=True)
        sys.stdin.readline()
        times = []
        for _ in range(count):
            started = time.perf_counter()
            conn.execute("INSERT INTO form4_bench_commit (t) VALUES ('x')")
            times.append(time.perf_counter() - started)
    return {"times": times}


def bare_commits(location: str, clients: int) -> dict[str, float]:
    """The same as concurrent_marks with bare INSERT commits: what the disk's flush and the machine give."""
    import psycopg

    with psycopg.connect(location, autocommit=True) as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS form4_bench_commit (n bigserial, t text)")
    try:
        figures = concurrent_marks(location, [], reviewers=clients, phase="commits")
    finally:
        with psycopg.connect(location, autocommit=True) as conn:
            conn.execute("DROP TABLE IF EXISTS form4_bench_commit")
    return {f"bare_{clients}_{k.removeprefix('concurrent_mark_')}": v for k, v in figures.items() if "first" not in k}


def concurrent_marks(
    location: str, ids: list[str], reviewers: int = 10, each: int = 50, phase: str = "marks"
) -> dict[str, float]:
    """``reviewers`` processes marking ``each`` filings at once (overlapping): one mark's median and p99.
    Each opens its store first; they start marking together once all are open."""
    procs = []
    for r in range(reviewers):
        part = [ids[(r * 7 + k * 13) % len(ids)] for k in range(each)] if ids else []
        args = [json.dumps(part), f"bench{r}"] if phase == "marks" else [str(each)]
        command = [sys.executable, __file__, "--phase", phase, location, *args]
        procs.append(subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True))
    for proc in procs:  # each has opened the store (a process opening a big index is not yet marking)
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    for proc in procs:
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
    times: list[float] = []
    firsts: list[float] = []  # each process's first mark (its session's first call of the mark function)
    for proc in procs:
        out, _ = proc.communicate(timeout=600)
        assert proc.returncode == 0
        mine = json.loads(out.strip().splitlines()[-1])["times"]
        times += mine
        firsts.append(mine[0])
    times.sort()
    return {"concurrent_mark_median": statistics.median(times), "concurrent_mark_p99": times[int(len(times) * 0.99)],
            "concurrent_first_marks": statistics.median(firsts)}  # fmt: skip


def _pg_database(url: str, n: int) -> str:
    """A fresh database for this size on the server of ``url``; its URL."""
    from urllib.parse import urlsplit

    import psycopg

    name = f"form4_scale_{n}_{random.randrange(1 << 30):x}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return urlsplit(url)._replace(path=f"/{name}").geturl()


def _pg_drop(url: str, location: str) -> None:
    import psycopg
    from psycopg.conninfo import conninfo_to_dict

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{conninfo_to_dict(location)["dbname"]}" WITH (FORCE)')


def _child(phase: str, *args: str, env: dict[str, str] | None = None) -> dict[str, Any]:
    command = [sys.executable, __file__, "--phase", phase, *args]
    out = subprocess.run(command, check=True, capture_output=True, text=True, env={**os.environ, **(env or {})})
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
    picked = ids[:: max(1, len(ids) // repeat)][:repeat]  # filings spread over the store (and its shards)
    accessions = [store.summary(fid).accession or fid for fid in picked]
    del store
    figures: dict[str, float] = {}
    for label, template in ONE_FILING_COMMANDS:
        times = []
        for fid, accession in zip(picked, accessions, strict=True):
            argv = [a.format(id=fid, accession=accession) for a in template]
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "tui", "--db", str(store_path), *argv],
                           check=True, capture_output=True, cwd=REPO)  # fmt: skip
            times.append(time.perf_counter() - started)
        figures[label] = statistics.median(times)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    figures["(python -c pass)"] = time.perf_counter() - started
    figures.update(_child("one-filing", str(store_path), json.dumps(ids[:: max(1, len(ids) // 21)][:21])))
    return figures


def phase_one_filing(store_path: str, ids: list[str]) -> dict[str, float]:
    """The store's part of a one-filing command, in process, on filings spread over the store: open
    as the CLI does (lazily), then mark or get; and the same opened as before (the whole index read)."""
    from tui.store import open_store

    figures = {}
    for lazy in (True, False):
        marks, shows = [], []
        for i, fid in enumerate(ids):
            started = time.perf_counter()
            open_store(store_path, lazy=lazy).set_reviewed(fid[:10], i % 2 == 0)
            marks.append(time.perf_counter() - started)
            started = time.perf_counter()
            assert open_store(store_path, lazy=lazy).get(fid) is not None
            shows.append(time.perf_counter() - started)
        how = "lazily (the CLI)" if lazy else "reading the index"
        figures[f"in process, open {how} + mark"] = statistics.median(marks)
        figures[f"in process, open {how} + get"] = statistics.median(shows)
    return figures


def _fmt(seconds: float) -> str:
    return f"{seconds * 1000:9.1f} ms" if seconds < 10 else f"{seconds:9.1f} s "


def run_size(
    n: int,
    workdir: Path,
    ui: bool,
    keep: bool,
    commands_only: bool = False,
    db: str | None = None,
    plain_too: bool = True,
    import_only: bool = False,
    via_tinydb: bool = False,
    build_only: bool = False,
    measure_db: str | None = None,
    one_worker: bool = True,
) -> None:
    rng = random.Random(n)
    folder = workdir / f"files-{n}"
    store_path = workdir / f"store-{n}"
    tiny_path = workdir / f"tinydb-{n}.json"
    for p in (store_path, tiny_path):
        shutil.rmtree(p, ignore_errors=True) if p.is_dir() else p.unlink(missing_ok=True)
    print(f"\n== {n:,} filings ==", flush=True)
    made = not folder.is_dir() and not measure_db  # (files found in --workdir are the user's: never removed)
    if made:
        started = time.perf_counter()
        make_files(n, folder)
        print(f"made {n:,} submission files in {time.perf_counter() - started:.0f} s", flush=True)

    def clean_up() -> None:
        if not keep:
            if made:
                shutil.rmtree(folder, ignore_errors=True)
            shutil.rmtree(store_path, ignore_errors=True)
            tiny_path.unlink(missing_ok=True)

    all_names = make_names(n)
    queries = [all_names[i] for i in rng.sample(range(n), 50)]
    queries = [" ".join(reversed(q.split()[:2])).lower() for q in queries]  # "james smith" order/case

    if measure_db:  # a database built by an earlier run (--build-only --keep): measure only
        location, ours_import = measure_db, float("nan")
    else:
        location = _pg_database(db, n) if db else str(store_path)
        ours_import = _build(folder, store_path, location, n, via_tinydb=bool(db) and via_tinydb)
    if build_only:
        print(f"built: {location}", flush=True)
        return
    if not db and not measure_db and one_worker:  # (--two-workers-only: the 100k import fills a 15-minute slot)
        _xml_figures(folder)
    if import_only:
        if one_worker:
            _import_one_worker(folder, workdir / f"store-{n}-1", n, ours_import)
        clean_up()
        return
    if not db:
        print("one filing, a fresh process each (median of 5):")
        for label, seconds in time_commands(store_path).items():
            print(f"  {label:26} {_fmt(seconds)}", flush=True)
    if commands_only:
        clean_up()
        return
    ours = _child("ours", location, json.dumps(queries), "1" if ui else "0")
    ours_ids = _child("ids", location)["ids"]
    ours.update(concurrent_marks(location, ours_ids))
    if db:
        ours.update(bare_commits(location, 1))
        ours.update(bare_commits(location, 10))
    if plain_too:
        built = _child("tinydb-build", str(folder), str(tiny_path))
        plain = _child("tinydb", str(tiny_path), json.dumps(queries), json.dumps(built["ids"][:: max(1, n // 3)][:3]))
    else:  # --no-plain: ours only (the ratio column is then meaningless)
        built = {"insert": float("nan")}
        plain = dict.fromkeys(("open", "search_median", "search_worst", "mark_median", "mark_worst"), float("nan"))
        plain["peak_mb"] = float("nan")

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
    print(f"{'10 reviewers marking, median':28} {_fmt(ours['concurrent_mark_median'])}")
    print(f"{'10 reviewers marking, p99':28} {_fmt(ours['concurrent_mark_p99'])}  (each one's first mark, median: "
          f"{_fmt(ours['concurrent_first_marks']).strip()})")  # fmt: skip
    if db:
        for clients in (1, 10):
            median, p99 = (_fmt(ours[f"bare_{clients}_{k}"]).strip() for k in ("median", "p99"))
            print(f"{f'bare INSERT+COMMIT, {clients} at once':28} median {median}, p99 {p99}  (the floor: the "
                  "disk's flush, the machine)")  # fmt: skip
    print(f"(ours: {'PostgreSQL at ' + location.split('@')[-1] if db else 'TinyDB folder'})")
    for key, label in (("open_no_copy", "open, no local copy"), ("launch_to_list", "explorer launch to list"),
                       ("whole_list", "  the whole list"), ("launch_to_list_no_copy", "  no local copy: launch"),
                       ("whole_list_no_copy", "  no local copy: whole list"),
                       ("loading_stall_max", "longest stall, list loading"),
                       ("loading_stall_max_no_copy", "  no local copy"),
                       ("scroll_stall_max", "longest stall, scrolling"),
                       ("scroll_stall_p99", "  99th percentile"), ("typing_stall_max", "longest stall, typing"),
                       ("typing_stall_p99", "  99th percentile")):  # fmt: skip
        if key in ours:
            print(f"{label:28} {_fmt(ours[key])}")
    print(f"{'peak memory':28} {ours['peak_mb']:9.0f} MB {plain['peak_mb']:10.0f} MB  (store work; the explorer: "
          f"{ours.get('ui_peak_mb', 0):.0f} MB)")  # fmt: skip
    if db and not keep and not measure_db:
        _pg_drop(db, location)
    clean_up()


def _build(folder: Path, store_path: Path, location: str, n: int, via_tinydb: bool) -> float:
    """`form4 import` of the files into ``location``; with ``via_tinydb`` into a TinyDB folder first, then
    `form4 copy-store` of it into the database (the same filings, findings and states: the way to build a
    big team store on a slow machine, the import's review checks run once in one process)."""
    started, cpu = time.perf_counter(), _children_cpu()
    target = str(store_path) if via_tinydb else location
    subprocess.run([sys.executable, "-m", "tui", "--db", target, "import", "--workers", "2", str(folder)],
                   check=True, capture_output=True, cwd=REPO)  # fmt: skip
    took = time.perf_counter() - started
    into = " into TinyDB" if via_tinydb else ""
    print(f"{'import (form4, 2 workers)':28} {_fmt(took)}  ({n / took:,.0f} files/s; "
          f"{_children_cpu() - cpu:.0f} s CPU; {_load()}){into}", flush=True)  # fmt: skip
    if via_tinydb:
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "tui", "copy-store", str(store_path), location],
                       check=True, capture_output=True, cwd=REPO)  # fmt: skip
        copied = time.perf_counter() - started
        print(f"{'copy-store into PostgreSQL':28} {_fmt(copied)}  (verified; {_load()})", flush=True)
        took += copied
    return took


def make_names(n: int, seed: int = 1) -> list[str]:
    """The owner names make_files(n) used, without writing files (same random sequence)."""
    rng = random.Random(seed)
    names = []
    for _ in range(n):
        names.append(owner_name(rng))
        rng.randint(0, 25), rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 99)
    return names


def _children_cpu() -> float:
    """CPU seconds of the finished child processes (an import and its workers)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _load() -> str:
    return f"load average {os.getloadavg()[0]:.1f}"


def _xml_figures(folder: Path, count: int = 1000) -> None:
    """The XML reader against edgartools on the ownership XML of the first ``count`` files, in this run."""
    from benchmarks.xml_rate import ownership_xml, rate_lines, xml_rates

    xml = [ownership_xml(p.read_bytes()) for p in sorted(folder.rglob("*.txt"))[:count]]
    for line in rate_lines(xml_rates(xml, 3), len(xml)):
        print(line, flush=True)


def _import_one_worker(folder: Path, store_path: Path, n: int, two_workers: float) -> None:
    shutil.rmtree(store_path, ignore_errors=True)
    started, cpu = time.perf_counter(), _children_cpu()
    subprocess.run([sys.executable, "-m", "tui", "--db", str(store_path), "import", "--workers", "1", str(folder)],
                   check=True, capture_output=True, cwd=REPO)  # fmt: skip
    one = time.perf_counter() - started
    print(f"{'import (form4, 1 worker)':28} {_fmt(one)}  ({n / one:,.0f} files/s; "
          f"{_children_cpu() - cpu:.0f} s CPU; {_load()}); "
          f"2 workers are {one / two_workers:.2f}x the speed of 1")  # fmt: skip
    shutil.rmtree(store_path, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="*", type=int, default=[10_000, 100_000])
    parser.add_argument("--workdir", type=Path, help="where to build the data (default: a temporary folder)")
    parser.add_argument("--no-ui", action="store_true", help="skip the explorer measurements")
    parser.add_argument(
        "--keep", action="store_true", help="keep the files and stores it made (files already in --workdir always stay)"
    )
    parser.add_argument("--no-plain", action="store_true", help="skip the plain TinyDB comparison")
    parser.add_argument("--db", metavar="URL", help="measure a PostgreSQL store on this server (see above)")
    parser.add_argument(
        "--checks", action="store_true", help="only the review checks: import with and without them, the filters"
    )
    parser.add_argument("--commands-only", action="store_true", help="only the import and the one-filing commands")
    parser.add_argument("--import-only", action="store_true", help="only the import (2 workers, then 1) and XML rates")
    parser.add_argument(
        "--via-tinydb", action="store_true", help="with --db: build the database by copy-store from a TinyDB import"
    )
    parser.add_argument(
        "--two-workers-only", action="store_true", help="with --import-only: the import with 2 workers alone"
    )
    parser.add_argument("--build-only", action="store_true", help="only build the store (with --keep: measure later)")
    parser.add_argument("--measure-db", metavar="URL", help="measure this database built earlier (with --db)")
    parser.add_argument(
        "--across", action="store_true", help="only the across-filings views (benchmarks/across_scale.py)"
    )
    parser.add_argument(
        "--across-phases", default="build,first,cached,scroll", metavar="P,P",
        help="with --across: which of build,first,cached,scroll (one locked run each stays short)",
    )  # fmt: skip
    if sys.argv[1:2] == ["--phase"]:  # a measuring child process
        return _run_phase(sys.argv[2], sys.argv[3:])
    args = parser.parse_args()
    if not CORPUS.is_dir():
        parser.error(f"{CORPUS}: the corpus is needed to make the benchmark data")
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="form4-scale-"))
    for n in args.sizes:
        if args.checks:
            run_checks(n, workdir)
            continue
        if args.across:
            from benchmarks.across_scale import run as run_across

            run_across(n, workdir, tuple(p for p in args.across_phases.split(",") if p))
            continue
        run_size(
            n,
            workdir,
            ui=not args.no_ui,
            keep=args.keep,
            commands_only=args.commands_only,
            db=args.db,
            plain_too=not args.no_plain,
            import_only=args.import_only,
            via_tinydb=args.via_tinydb,
            build_only=args.build_only,
            measure_db=args.measure_db,
            one_worker=not args.two_workers_only,
        )
    return 0


def phase_import(folder: str, store_path: str, checks: bool) -> dict[str, Any]:
    """The import path of `form4 import` (2 workers) in this process, with or without the review checks
    (without: the store's findings keeper does nothing; for this comparison only)."""
    from tui.importer import import_paths
    from tui.store import ListFilter, open_store

    if not checks:
        import tui.importer
        from tui.store.findings import FindingsKeeper
        from tui.store.tinydb_pending import PendingChecks

        FindingsKeeper.updates = lambda self, *args, **kwargs: {}  # type: ignore[method-assign,assignment,misc]
        # nothing waits for the bulk's end either: else the end would load and check every filing
        PendingChecks.add = lambda self, ids: None  # type: ignore[method-assign,assignment,misc]
        tui.importer.precheck = lambda filing: None  # type: ignore[assignment,return-value]  # (the workers fork)
        tui.importer.warm_calendar = lambda: None  # type: ignore[assignment]
    started = time.perf_counter()
    report = import_paths(open_store(store_path), [folder], workers=2)
    wall = time.perf_counter() - started
    cpu = _cpu()
    with_findings = len(open_store(store_path).list_ids(ListFilter(has_findings=True))) if checks else 0
    return {
        "import": wall,
        "cpu": cpu,
        "imported": report.imported,
        "peak_mb": peak_mb(),
        "with_findings": with_findings,
    }


def _cpu() -> float:
    """CPU seconds of this process and its finished children (the import workers): on a shared machine
    the work done, where wall time also counts the other users' turns."""
    me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


def phase_findings(store_path: str) -> dict[str, Any]:
    """The review-check filters over the whole store: has findings, and one kind (median and worst of 20)."""
    from tui.store import ListFilter, open_store

    store = open_store(store_path)
    result: dict[str, Any] = {}
    for label, flt in (
        ("has_findings", ListFilter(has_findings=True)),
        ("late", ListFilter(finding_kind="late_filing")),
    ):
        times = []
        for _ in range(21):
            started = time.process_time()  # CPU time: the machine's other users do not count
            found = store.list_ids(flt)
            times.append(time.process_time() - started)
        result[f"{label}_first"] = times.pop(0)  # builds the findings index (the explorer warms it beforehand)
        result[f"{label}_median"], result[f"{label}_worst"], result[f"{label}_count"] = (
            statistics.median(times), max(times), len(found),
        )  # fmt: skip
    # the same query over ten times as many summaries (the store's documents copied under new ids): the
    # filter at 100k without a 100k import, which this shared machine cannot afford
    from tui.store.query import SummaryIndex
    from tui.store.tinydb_store import TinyDBStore

    assert isinstance(store, TinyDBStore)
    docs = store._index.docs
    bigger = {f"{fid}-{copy}": {**doc, "id": f"{fid}-{copy}"} for copy in range(10) for fid, doc in docs.items()}
    index = SummaryIndex(bigger)
    index.ids()
    times = []
    for _ in range(21):
        started = time.process_time()
        found = index.list_ids(ListFilter(has_findings=True))
        times.append(time.process_time() - started)
    result["x10_first"] = times.pop(0)
    result["x10_count"], result["x10_median"], result["x10_worst"] = len(bigger), statistics.median(times), max(times)
    return result


def run_checks(n: int, workdir: Path) -> None:
    """`--checks`: the import with and without the review checks (on two data sets), and the findings filters."""
    print(f"\n== {n:,} filings: review checks ==", flush=True)
    histories = workdir / f"histories-{n}"
    if not histories.is_dir():
        make_histories(n, histories)
    replicas = workdir / f"files-{n}"
    if not replicas.is_dir():
        make_files(n, replicas)
    for label, folder in (
        ("the corpus's owner histories copied (their own dates and filed dates, each copy its own owners)", histories),
        ("replicas on random days, one owner per corpus CIK (most filings a finding: the worst case)", replicas),
    ):
        print(f"-- {label}", flush=True)
        _checks_ratio(n, folder, workdir / f"store-checks-{folder.name}")
    found = _child("findings", str(workdir / f"store-checks-files-{n}-1"))
    print("filters (CPU time of the query):")
    print(f"list has-findings:  first {_fmt(found['has_findings_first'])} (builds the findings index), then median "
          f"{_fmt(found['has_findings_median'])}, worst {_fmt(found['has_findings_worst'])}"
          f" ({found['has_findings_count']:,} filings)")  # fmt: skip
    print(f"list late_filing:   first {_fmt(found['late_first'])}, then median {_fmt(found['late_median'])}, worst "
          f"{_fmt(found['late_worst'])} ({found['late_count']:,} filings)")  # fmt: skip
    print(f"has-findings over {found['x10_count']:,} summaries (the store's, copied x10): first "
          f"{_fmt(found['x10_first'])}, then median {_fmt(found['x10_median'])}, "
          f"worst {_fmt(found['x10_worst'])}")  # fmt: skip


def _checks_ratio(n: int, folder: Path, stores: Path) -> None:
    """The import of ``folder`` without and with the checks, alternated (the machine's load drifts)."""
    imports: dict[bool, list[dict[str, Any]]] = {True: [], False: []}
    for checks in (False, True, False, True):
        store_path = Path(f"{stores}-{int(checks)}")
        shutil.rmtree(store_path, ignore_errors=True)
        imports[checks].append(_child("import", str(folder), str(store_path), "1" if checks else "0"))
    for key, label in (("import", "wall"), ("cpu", "CPU, main process + workers")):
        best = {k: min(r[key] for r in v) for k, v in imports.items()}
        runs = {k: ", ".join(_fmt(r[key]).strip() for r in v) for k, v in imports.items()}
        print(f"import {label}: without checks {_fmt(best[False])} ({runs[False]}), with {_fmt(best[True])} "
              f"({runs[True]}): {best[True] / best[False]:.2f}x (best of two each)")  # fmt: skip
    with_findings = imports[True][-1]["with_findings"]
    print(f"filings with findings: {with_findings:,} of {n:,} ({with_findings / n:.0%})")


def _run_phase(phase: str, argv: list[str]) -> int:
    if phase == "import":
        result = phase_import(argv[0], argv[1], argv[2] == "1")
    elif phase == "findings":
        result = phase_findings(argv[0])
    elif phase == "ui":
        result = _ui_figures(argv[0], json.loads(argv[1]))
        result["ui_peak_mb"] = peak_mb()
    elif phase == "one-filing":
        result = phase_one_filing(argv[0], json.loads(argv[1]))
    elif phase == "ours":
        result = phase_ours(argv[0], json.loads(argv[1]), argv[2] == "1")
    elif phase == "commits":
        result = phase_commits(argv[0], int(argv[1]))
    elif phase == "marks":
        result = phase_marks(argv[0], json.loads(argv[1]), argv[2])
    elif phase == "ids":
        from tui.store import open_store

        result = {"ids": open_store(argv[0]).ids()[:2000]}
    elif phase == "tinydb-build":
        result = build_tinydb(argv[0], argv[1])
    else:
        result = phase_tinydb(argv[0], json.loads(argv[1]), json.loads(argv[2]))
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
