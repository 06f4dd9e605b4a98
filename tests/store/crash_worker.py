"""Run by the crash tests in a child process, which they kill with SIGKILL at random moments.

python -m tests.store.crash_worker review STORE START   mark filings reviewed with notes START, START+1, …
                                                  printing "ack <id> <n>" once mark and note returned
python -m tests.store.crash_worker import STORE PATH...   import PATHs, printing "ack" after each batch
"""

from __future__ import annotations

import sys

from tui.importer import import_paths
from tui.store import open_store


def main(argv: list[str]) -> None:
    mode, path, *rest = argv
    store = open_store(path)
    print("ready", flush=True)
    if mode == "review":
        counter = int(rest[0])
        while True:
            for fid in store.ids():
                store.set_reviewed(fid, True)
                store.set_note(fid, str(counter))
                print(f"ack {fid} {counter}", flush=True)
                counter += 1
    elif mode == "import":
        report = import_paths(store, rest)
        print(f"ack {report.summary()}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
