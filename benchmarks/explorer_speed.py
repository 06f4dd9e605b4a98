"""How fast the explorer feels: launch to list, switching filings, scrolling a huge list.

    .venv/bin/python benchmarks/explorer_speed.py [--copies N] [--list-size N]

0. the time a fresh Python takes to import the explorer (paid once per launch, before the app);
1. the corpus (../shared/corpus/filings, XML only) imported into a temporary store: time from creating
   the app to the list shown with the first filing's panes filled (median of several launches), and the
   time from a key press (down) to the panes of the next filing updated and the screen repainted;
2. a store of N generated filings (copies of the corpus XML with distinct owner names and dates,
   written to a temporary folder and deleted afterwards): the same figures;
3. the filing list alone with a synthetic list of M summaries (default 100k): the time to render a
   frame after page down / end / home (the list renders only the visible rows).

Key-to-screen times drive the app headless and repaint the screen synchronously (the "screen updated"
point is when Textual's compositor has rendered the new frame; writing it to a real terminal is extra).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from textual import events

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tui.explorer.app import ExplorerApp  # noqa: E402
from tui.explorer.memory import freeze_long_lived_objects  # noqa: E402
from tui.explorer.widgets.filing_list import FilingList  # noqa: E402
from tui.importer import import_paths  # noqa: E402
from tui.store import FilingSummary, open_store  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpus" / "filings"
SIZE = (120, 40)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


async def _settle(pilot, app) -> None:  # type: ignore[no-untyped-def]
    """Process every queued message, then render a frame now (instead of at the next 60 Hz tick)."""
    await pilot._wait_for_screen()
    app.screen._on_timer_update()
    await pilot._wait_for_screen()
    app.screen._on_timer_update()


async def launch_and_switch(db: Path, switches: int = 20) -> tuple[float, list[float]]:
    started = time.perf_counter()
    app = ExplorerApp(db, import_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        while not (app.main.list_ready and app.main.details.shown):
            await asyncio.sleep(0.001)
        await _settle(pilot, app)
        launch = time.perf_counter() - started
        await pilot.pause(0.2)
        times = []
        for _ in range(min(switches, len(app.main.filing_list.ids) - 1)):
            begin = time.perf_counter()
            key = events.Key("down", None)
            key.set_sender(app)
            app._driver.send_message(key)  # type: ignore[union-attr]
            await asyncio.sleep(0)
            while app.main.details.shown != app.main.filing_list.highlighted:
                await asyncio.sleep(0)
            await _settle(pilot, app)
            times.append(time.perf_counter() - begin)
            await asyncio.sleep(0.03)
    return launch, times


async def held_key(db: Path, presses: int = 60, interval: float = 1 / 30) -> tuple[list[float], float]:
    """A down key held (30 repeats a second): how long each press waits before the list's cursor has
    moved (the list must never wait for the panes), and how long after the last press the panes show
    the filing the cursor stopped on."""
    app = ExplorerApp(db, import_samples=False)
    waits: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        while not (app.main.list_ready and app.main.details.shown):
            await asyncio.sleep(0.001)
        await pilot.pause(0.2)
        for _ in range(min(presses, len(app.main.filing_list.ids) - 1)):
            target = app.main.filing_list.cursor + 1
            begin = time.perf_counter()
            key = events.Key("down", None)
            key.set_sender(app)
            app._driver.send_message(key)  # type: ignore[union-attr]
            while app.main.filing_list.cursor != target:
                await asyncio.sleep(0.0005)
            app.screen._on_timer_update()  # the frame that shows the moved cursor
            waits.append(time.perf_counter() - begin)
            await asyncio.sleep(max(0.0, interval - (time.perf_counter() - begin)))
        stop = time.perf_counter()
        while app.main.details.shown != app.main.filing_list.highlighted:
            await asyncio.sleep(0.001)
        await _settle(pilot, app)
        settle = time.perf_counter() - stop
    return waits, settle


def import_time(runs: int = 5) -> float:
    """Seconds for a fresh Python to import the explorer (paid before the app starts drawing)."""
    times = []
    for _ in range(runs):
        begin = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import tui.cli, tui.explorer.app"], check=True, cwd=REPO)
        times.append(time.perf_counter() - begin)
    return statistics.median(times)


def report(label: str, db: Path, launches: int = 5) -> None:
    results = [asyncio.run(launch_and_switch(db, switches=20 if i == 0 else 0)) for i in range(launches)]
    launch_times = [r[0] for r in results]
    switch = results[0][1]
    print(f"{label}: launch to list shown: median {ms(statistics.median(launch_times))} "
          f"(min {ms(min(launch_times))}, max {ms(max(launch_times))}, {launches} launches)")  # fmt: skip
    waits, settle = asyncio.run(held_key(db))
    print(f"{label}: down held (30/s): cursor moved and drawn after median {ms(statistics.median(waits))}, "
          f"max {ms(max(waits))}; panes caught up {ms(settle)} after the last press")  # fmt: skip
    if switch:
        print(f"{label}: filing switch (down, panes updated and repainted): median {ms(statistics.median(switch))}, "
              f"max {ms(max(switch))} over {len(switch)} switches")  # fmt: skip


_OWNER = re.compile(r"(<rptOwnerName>)(.*?)(</rptOwnerName>)", re.S)
_DATE = re.compile(r"(<(?:periodOfReport|signatureDate)>)(\d{4}-\d{2}-\d{2})")
FIRST = ("ALEX", "SAM", "JORDAN", "RILEY", "CASEY", "MORGAN", "TAYLOR", "JAMIE", "ROBIN", "DREW")
LAST = ("NORTH", "WEST", "STONE", "RIVERS", "FIELD", "BROOK", "HALE", "MARSH", "GROVE", "LANE")


def generate_copies(target: Path, copies: int) -> int:
    """Copies of the corpus XML with distinct owner names and dates (so each is a distinct filing)."""
    sources = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(CORPUS.glob("*/source.xml"))]
    rng = random.Random(4)
    for number in range(copies):
        text = sources[number % len(sources)]
        name = f"{rng.choice(LAST)} {rng.choice(FIRST)} {number}"
        text = _OWNER.sub(lambda m, name=name: m.group(1) + name + m.group(3), text)
        day = f"20{10 + number % 15:02d}-{1 + number % 12:02d}-{1 + number % 28:02d}"
        text = _DATE.sub(lambda m, day=day: m.group(1) + day, text)
        (target / f"copy-{number:06d}.xml").write_text(text, encoding="utf-8")
    return copies


async def scroll_frames(count: int) -> dict[str, list[float]]:
    """A bare FilingList with ``count`` synthetic filings: time to render a frame after each move."""
    from textual.app import App, ComposeResult

    summaries = {
        f"{i:016x}": FilingSummary(
            id=f"{i:016x}",
            form="4",
            date=f"20{10 + i % 15:02d}-{1 + i % 12:02d}-{1 + i % 28:02d}",
            period=None,
            filed=None,
            accession=None,
            ticker=f"T{i % 997}",
            issuer=f"Issuer number {i % 5003} Inc.",
            issuer_cik=None,
            owners=(f"OWNER {i}", "SECOND OWNER"),
            codes=("S", "M"),
            rows=3,
            source_format="xml",
        )
        for i in range(count)
    }
    ids = list(summaries)

    class ListApp(App[None]):
        CSS_PATH = str(REPO / "tui" / "explorer" / "app.tcss")

        def compose(self) -> ComposeResult:
            yield FilingList()

    app = ListApp()
    times: dict[str, list[float]] = {"set_items": [], "pagedown": [], "down": [], "end/home": []}
    async with app.run_test(size=SIZE) as pilot:
        filing_list = app.query_one(FilingList)
        begin = time.perf_counter()
        filing_list.set_items(ids, summaries, reviewed=set(ids[::7]))
        freeze_long_lived_objects()  # as the app does for a big list
        await _settle(pilot, app)
        times["set_items"].append(time.perf_counter() - begin)
        filing_list.focus()
        for action, label, repeat in (
            (filing_list.action_page_down, "pagedown", 200),
            (filing_list.action_cursor_down, "down", 200),
            (filing_list.action_last, "end/home", 5),
            (filing_list.action_first, "end/home", 5),
        ):
            for _ in range(repeat):
                begin = time.perf_counter()
                action()
                await _settle(pilot, app)
                times[label].append(time.perf_counter() - begin)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--copies", type=int, default=3000, help="generated filings for the big store (0: skip)")
    parser.add_argument("--list-size", type=int, default=100_000, help="synthetic rows for the scrolling test")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"the corpus is not here ({CORPUS}); it comes with the project's shared folder", file=sys.stderr)
        return 2
    print(f"python start + import of the explorer: median {ms(import_time())} (add it to the launch figures)")
    with tempfile.TemporaryDirectory(prefix="form4-bench-") as tmp:
        tmp_path = Path(tmp)
        db = tmp_path / "corpus-store"
        store = open_store(db)
        import_paths(store, [str(p) for p in sorted(CORPUS.glob("*/source.xml"))], workers=2)
        print(f"corpus store: {len(store)} filings")
        store.close()
        report("corpus", db)
        if args.copies:
            folder = tmp_path / "copies"
            folder.mkdir()
            generate_copies(folder, args.copies)
            big = tmp_path / "big-store"
            begin = time.perf_counter()
            store = open_store(big)
            imported = import_paths(store, [str(folder)], workers=2)
            print(f"big store: {len(store)} filings ({imported.summary()}; import {time.perf_counter() - begin:.1f} s)")
            store.close()
            shutil.rmtree(folder)
            report(f"{args.copies} filings", big, launches=3)
    if args.list_size:
        times = asyncio.run(scroll_frames(args.list_size))
        print(f"filing list with {args.list_size:,} rows: set_items + first frame {ms(times['set_items'][0])}")
        for label in ("pagedown", "down", "end/home"):
            values = times[label]
            median, worst = ms(statistics.median(values)), ms(max(values))
            print(f"  {label}: frame median {median}, max {worst} ({len(values)} moves)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
