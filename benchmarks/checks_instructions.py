"""The review checks' share of an import, in instructions: noise-free, where wall and CPU time on this
shared 2-core machine drift by 20 % from one run to the next.

    python benchmarks/checks_instructions.py [N] [--data histories|replicas|both]

For each data set (`scale.make_histories` / `scale.make_files`, N files, default 2,000), it imports the
files into a fresh store with 2 workers, without and with the checks (`scale.phase_import`: without,
the store's findings keeper does nothing and the workers work out nothing), each run under valgrind's
cachegrind (Debian's ``valgrind`` package), after one import that is not counted (it writes the
bytecode the counted runs load), and prints the instructions per filing of the writing process and of
the workers, and the ratio with / without. The same code and files give the same counts to about 1 %
(how many files the importing process prepares itself before its pool starts depends on time).
Instructions are not time: the checks touch memos and digests spread over memory, so their CPU time is
a larger share than their instructions (compare `scale.py --checks`).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.scale import make_files, make_histories  # noqa: E402

_SUMMARY = re.compile(r"^summary:\s+(\d+)", re.MULTILINE)


def _env(work: Path) -> dict[str, str]:
    """The children's environment: their bytecode kept in ``work`` (made by the warm-up run), so that no
    measured process compiles a module (with PYTHONDONTWRITEBYTECODE set, every process would, and the
    compiling would count as the import's)."""
    env = {**os.environ, "PYTHONPYCACHEPREFIX": str(work / "pycache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _import_command(folder: Path, store: Path, checks: bool) -> list[str]:
    scale = str(ROOT / "benchmarks" / "scale.py")
    return [sys.executable, scale, "--phase", "import", str(folder), str(store), "1" if checks else "0"]


def warm_up(folder: Path, work: Path) -> None:
    """One import with the checks, not counted: it writes the bytecode of every module both runs load."""
    store = work / "store-warm-up"
    subprocess.run(_import_command(folder, store, True), check=True, capture_output=True, env=_env(work))
    shutil.rmtree(store, ignore_errors=True)


def counted_import(folder: Path, work: Path, checks: bool) -> tuple[int, int]:
    """(instructions of the writing process, of its workers) of one import of ``folder``."""
    out = work / f"cg-{int(checks)}"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    store = work / f"store-{int(checks)}"
    shutil.rmtree(store, ignore_errors=True)
    valgrind = ["valgrind", "--tool=cachegrind", "--cache-sim=no", f"--cachegrind-out-file={out}/cg.%p"]
    command = [*valgrind, *_import_command(folder, store, checks)]
    subprocess.run(command, check=True, capture_output=True, env=_env(work))
    counts = []
    for path in out.glob("cg.*"):
        found = _SUMMARY.search(path.read_text())
        counts.append((int(path.name.split(".")[1]), int(found.group(1)) if found else 0))
    counts.sort()  # the writing process started first: the lowest pid (the workers are its forks)
    return counts[0][1], sum(count for _, count in counts[1:])


def measure(label: str, folder: Path, n: int, work: Path) -> None:
    warm_up(folder, work)
    without, with_checks = counted_import(folder, work, False), counted_import(folder, work, True)
    thousands = [[round(part / n / 1000) for part in run] for run in (without, with_checks)]
    total = [sum(run) for run in thousands]
    print(
        f"{label}, {n:,} files, thousands of instructions a filing (writing process + workers): "
        f"without checks {thousands[0][0]} + {thousands[0][1]} = {total[0]}, "
        f"with {thousands[1][0]} + {thousands[1][1]} = {total[1]}: {total[1] / total[0]:.3f}x "
        f"(writing process {thousands[1][0] / thousands[0][0]:.2f}x, workers {thousands[1][1] / thousands[0][1]:.2f}x)",
        flush=True,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", nargs="?", type=int, default=2000)
    parser.add_argument("--data", choices=("histories", "replicas", "both"), default="both")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        print("checks_instructions: valgrind is not installed (Debian: apt-get install valgrind)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if args.data in ("histories", "both"):
            make_histories(args.n, work / "histories")
            measure("histories", work / "histories", args.n, work)
        if args.data in ("replicas", "both"):
            make_files(args.n, work / "replicas")
            measure("replicas", work / "replicas", args.n, work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
