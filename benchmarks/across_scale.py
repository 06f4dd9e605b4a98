"""Across filings at scale (`scale.py --across N`): the row index, the insider view, the issuer view, the
screener and the screener's scrolling, on a store of N filings made from the corpus.

The store is written through `Store.import_records` (the copy-store path: no parsing, no checks) from
the corpus filings with new accession numbers, issuers, owners and dates (benchmark data only, in a
temporary folder). Templates with more rows are drawn more often, for about 10 rows a filing (1M rows
at 100k). One owner (CIK 9000001) has 500 filings; one issuer (ticker BIGCO) has 5,000 filings by 300
insiders; the rest spread over 2,000 issuers and 20,000 owners.

Each figure is the median (and worst) of several runs in one process after the index is open; the
index build (first open: every document read once) and the cached open (a fresh process) are timed
apart. The scroll stall is how late the event loop answers a 5 ms timer while the screener list is
paged through (Textual's Pilot, headless).
"""

from __future__ import annotations

import json
import random
import statistics
import subprocess
import sys
import time
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "filings"
sys.path.insert(0, str(REPO))

OWNER_CIK, ISSUER_CIK, ISSUER_TICKER = "9000001", "8000001", "BIGCO"


def build(n: int, folder: Path, seed: int = 7) -> dict[str, Any]:
    from tui.model import FiledDate, Filing, Issuer
    from tui.readers import read_file
    from tui.store import open_store
    from tui.store.api import Source
    from tui.store.documents import filing_doc, summary_doc

    templates = [read_file(p) for p in sorted(CORPUS.glob("*/source.xml"))]
    weights = [max(1, len(t.rows)) ** 0.8 for t in templates]
    rng = random.Random(seed)
    store = open_store(folder)
    started = time.perf_counter()
    rows = 0

    def records() -> Any:
        nonlocal rows
        for i in range(n):
            template: Filing = rng.choices(templates, weights)[0]
            if i % 20 == 0:  # 5,000 of 100,000
                issuer = Issuer(ISSUER_CIK, "Big Benchmark Corp", ISSUER_TICKER)
                k = rng.randrange(300)
                owner_cik, owner_name = str(6_000_000 + k), f"Insider{k} Bigco"
            else:
                k = rng.randrange(2_000)
                issuer = Issuer(str(5_000_000 + k), f"Issuer {k} Inc", f"T{k}")
                k = rng.randrange(20_000)
                owner_cik, owner_name = str(7_000_000 + k), f"Owner{k} Bench{k % 97}"
            step = max(1, n // 500)
            if i % step == 1 % step and i // step < 500:  # the owner with 500 filings
                owner_cik, owner_name = OWNER_CIK, "Benchmark Owner Fivehundred"
            shift = timedelta(days=rng.randrange(-3_000, 300))
            owners = tuple(replace(o, cik=owner_cik if j == 0 else o.cik, name=owner_name if j == 0 else o.name)
                           for j, o in enumerate(template.owners))  # fmt: skip

            def moved(row: Any, shift: timedelta = shift) -> Any:
                day = row.transaction_date.value if row.transaction_date else None
                return replace(row, transaction_date=FiledDate((day + shift).isoformat())) if day else row

            base = template.period_of_report.value if template.period_of_report else date(2020, 1, 1)
            filing = replace(
                template, issuer=issuer, owners=owners,
                non_derivative=tuple(moved(r) for r in template.non_derivative),
                derivative=tuple(moved(r) for r in template.derivative),
                period_of_report=FiledDate((base + shift).isoformat()),
                accession_number=f"9{i:09d}-26-{i % 1000000:06d}", filed_date=FiledDate((base + shift).isoformat()),
            )  # fmt: skip
            rows += len(filing.rows)
            fid = f"b{i:015d}"
            source = Source(f"/bench/{fid}.xml", f"{i:064x}", "xml", 3)
            yield summary_doc(fid, filing, source, f"bench-{i}"), filing_doc(fid, filing, source)

    batch: list[Any] = []
    for record in records():
        batch.append(record)
        if len(batch) >= 10_000:
            store.import_records(batch, {}, [])
            batch = []
    if batch:
        store.import_records(batch, {}, [])
    return {"filings": n, "rows": rows, "build_store_s": time.perf_counter() - started}


def _times(fn: Any, repeat: int = 5) -> dict[str, float]:
    """Wall and CPU seconds of ``repeat`` calls: the first (it makes what the index remembers: a column's
    order, the name search), the median and the worst of the others."""
    wall, cpu = [], []
    for _ in range(repeat):
        started, used = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - used)
    return {"first_s": wall[0], "median_s": statistics.median(wall[1:]), "max_s": max(wall[1:]),
            "first_cpu_s": cpu[0], "median_cpu_s": statistics.median(cpu[1:])}  # fmt: skip


def measure(folder: Path) -> dict[str, Any]:
    import resource

    from tui.across.identity import candidates
    from tui.across.insider import insider_history
    from tui.across.issuer import issuer_view
    from tui.across.screener import ScreenFilter, screen
    from tui.across.sync import open_index
    from tui.store import open_store

    store = open_store(folder)
    store.ids()  # the store's own index read apart
    started, used = time.perf_counter(), time.process_time()
    index = open_index(store)
    out: dict[str, Any] = {"index_open_s": time.perf_counter() - started, "index_rows": len(index),
                           "index_open_cpu_s": time.process_time() - used}  # fmt: skip
    out["index_mb"] = (
        sum(a.nbytes for a in index.rows.values()) + sum(a.nbytes for a in index.filings.values())
    ) / 2**20
    who = candidates(index, OWNER_CIK)[0]
    out["owner_filings"] = who.filings
    out["insider_view_s"] = _times(lambda: insider_history(index, candidates(index, OWNER_CIK)[0], store.states()))
    view = issuer_view(index, ISSUER_TICKER)
    out["issuer_filings"] = view.filings if view else 0
    out["issuer_view_s"] = _times(lambda: issuer_view(index, ISSUER_TICKER))
    filters = {
        "code S, value > $1M": ScreenFilter(codes=("S",), min_value=Decimal(1_000_000)),
        "ticker BIGCO, code P or S, sort value": ScreenFilter(codes=("P", "S"), ticker=ISSUER_TICKER),
        "officers, title contains 'ceo', 2019": ScreenFilter(
            roles=("officer",), title_contains="ceo", since=date(2019, 1, 1), until=date(2019, 12, 31)
        ),
        "insider by name, Table II": ScreenFilter(insider="Benchmark Owner Fivehundred", table=1),
        "everything, sort by ΔOwn": ScreenFilter(),
    }
    for label, flt in filters.items():
        sort = "value" if "value" in label else ("delta" if "ΔOwn" in label else "date")
        out[f"screen: {label}"] = _times(lambda f=flt, s=sort: screen(index, f, None, sort=s))
        out[f"screen: {label} (rows)"] = len(screen(index, flt, None, sort=sort))
    out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def scroll_stall(folder: Path) -> dict[str, float]:
    """The longest event-loop delay while paging the screener list (every transaction in the store)."""
    import asyncio

    from tui.explorer.app import ExplorerApp
    from tui.explorer.screens.screener_screen import ScreenerScreen

    async def run() -> dict[str, float]:
        app = ExplorerApp(folder, [], import_samples=False)
        async with app.run_test(size=(160, 50)) as pilot:
            while not app.main.list_ready:
                await pilot.pause(0.01)
            started = time.perf_counter()
            await pilot.press("T")
            while not (isinstance(app.screen, ScreenerScreen) and app.screen.list.index is not None):
                await pilot.pause(0.01)
            opened = time.perf_counter() - started
            lags: list[float] = []
            stop = asyncio.Event()

            async def monitor() -> None:
                loop = asyncio.get_running_loop()
                while not stop.is_set():
                    t = loop.time()
                    await asyncio.sleep(0.005)
                    lags.append(loop.time() - t - 0.005)

            task = asyncio.create_task(monitor())
            press_cpu = []
            for key in ["end", "home", *["pagedown"] * 100, *["down"] * 100, "end", *["pageup"] * 50]:
                used = time.thread_time()  # the app's thread: the key, the redraw (and the Pilot's own work)
                await pilot.press(key)
                press_cpu.append(time.thread_time() - used)
            press_cpu.sort()
            await pilot.pause(0.3)
            stop.set()
            await task
            lags.sort()
            rows = len(app.screen.list.rows) if isinstance(app.screen, ScreenerScreen) else 0
            return {"screener_open_s (index build or cache)": opened, "screener_rows": rows,
                    "scroll_stall_max_s": lags[-1], "scroll_stall_p99_s": lags[int(len(lags) * 0.99)],
                    "key_cpu_median_s": statistics.median(press_cpu),
                    "key_cpu_p99_s": press_cpu[int(len(press_cpu) * 0.99)], "key_cpu_max_s": press_cpu[-1]}  # fmt: skip

    return asyncio.run(run())


def _child(phase: str, folder: Path, *more: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, __file__, phase, str(folder), *more], capture_output=True, text=True, check=True, cwd=REPO
    )
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _loadavg() -> list[str]:
    return Path("/proc/loadavg").read_text().split()[:3]


def run(n: int, workdir: Path, phases: tuple[str, ...] = ("build", "first", "cached", "scroll")) -> None:
    """The phases in order (each in a fresh process): the store made (if absent), the first open (the cache
    removed: every document read), the cached open, the explorer's scrolling. ``--across-phases`` picks some,
    so that each locked run stays short."""
    import shutil

    folder = workdir / f"across-{n}"
    print(f"== across filings, {n:,} filings ==", flush=True)
    figures: dict[str, Any] = {}
    for phase in phases:
        loads = _loadavg()
        if phase == "build" and not (folder / "index.json").exists():
            figures["build"] = _child("build", folder, str(n))
        elif phase == "first":
            shutil.rmtree(folder / "cache", ignore_errors=True)
            figures["first open (build)"] = _child("measure", folder)
        elif phase == "cached":
            figures["second open (cache)"] = _child("measure", folder)
        elif phase == "scroll":
            figures["explorer"] = _child("scroll", folder)
        figures.setdefault("load averages", []).append([phase, loads, _loadavg()])
    print(json.dumps(figures, indent=2, default=str), flush=True)


def _main(argv: list[str]) -> int:
    phase, folder = argv[0], Path(argv[1])
    if phase == "run":  # across_scale.py run WORKDIR N [build,first,cached,scroll]
        run(
            int(argv[2]), folder, tuple(argv[3].split(",")) if len(argv) > 3 else ("build", "first", "cached", "scroll")
        )
        return 0
    if phase == "build":
        result = build(int(argv[2]) if len(argv) > 2 else 0, folder)
    elif phase == "measure":
        result = measure(folder)
    else:
        result = scroll_stall(folder)
    print(json.dumps(result, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
