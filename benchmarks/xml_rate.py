"""The XML reader's rate against edgartools' on the same XML, measured in one run (imported by
import_speed.py and scale.py; not a script of its own).

Both sides are timed interleaved, best of ``repeat`` rounds, in CPU time (``time.process_time``) and in
wall time: on a shared, loaded machine the CPU time is far closer to what a quiet core gives, and the
ratio is what to quote. edgartools is the ``bench`` extra (``pip install -e '.[bench]'``).
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from typing import Any

_XML_BLOCK = re.compile(rb"<XML>\s*(.*?)\s*</XML>", re.S | re.I)


def edgartools_parser() -> Callable[[str], object] | None:
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
    return Ownership.parse_xml  # type: ignore[no-any-return]


def ownership_xml(data: bytes) -> bytes:
    """The ownership XML of a file: the file itself, or the <XML> block of a full submission."""
    match = _XML_BLOCK.search(data) if data.lstrip()[:1] == b"<" and b"<XML>" in data[:65536].upper() else None
    return match.group(1) if match else data


def xml_rates(xml: list[bytes], repeat: int = 5) -> dict[str, Any]:
    """Filings per second of ``tui.readers.read_bytes`` and of edgartools on the same XML documents:
    {"ours_cpu", "ours_wall", "theirs_cpu", "theirs_wall"} in seconds per document (best round), and the
    load average when it ran."""
    from tui.readers import read_bytes

    theirs = edgartools_parser()
    text = [b.decode("utf-8", "replace") for b in xml]
    best: dict[str, float] = {}

    def timed(key: str, run: Callable[[], None]) -> None:
        wall, cpu = time.perf_counter(), time.process_time()
        run()
        for suffix, seconds in (("wall", time.perf_counter() - wall), ("cpu", time.process_time() - cpu)):
            name = f"{key}_{suffix}"
            best[name] = min(best.get(name, float("inf")), seconds / len(xml))

    for _ in range(repeat):
        timed("ours", lambda: [read_bytes(d) for d in xml] and None)
        if theirs is not None:
            timed("theirs", lambda: [theirs(t) for t in text] and None)  # type: ignore[misc]
    best["load"] = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return best


def rate_lines(figures: dict[str, Any], count: int) -> list[str]:
    """The figures as printed lines."""
    ours_cpu, ours_wall = figures["ours_cpu"], figures["ours_wall"]
    lines = [f"parse ownership XML ({count} documents, load average {figures['load']:.1f}): "
             f"{1 / ours_cpu:,.0f} filings/s in CPU time ({ours_cpu * 1000:.2f} ms each), "
             f"{1 / ours_wall:,.0f}/s wall"]  # fmt: skip
    if "theirs_cpu" in figures:
        theirs_cpu, theirs_wall = figures["theirs_cpu"], figures["theirs_wall"]
        lines.append(f"edgartools Ownership.parse_xml, same XML: {1 / theirs_cpu:,.0f} filings/s in CPU time, "
                     f"{1 / theirs_wall:,.0f}/s wall; ratio: form4-explorer is {theirs_cpu / ours_cpu:.1f}x "
                     f"edgartools (CPU), {theirs_wall / ours_wall:.1f}x (wall)")  # fmt: skip
    else:
        lines.append("edgartools not installed: no comparison (pip install -e '.[bench]')")
    return lines
