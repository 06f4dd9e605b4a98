"""Every message the explorer showed in a notification, kept whole: an import's failures (all of them,
file by file) and the store's problems stay readable after the notification vanishes (`m`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from tui.explorer.import_digest import relative_name
from tui.importer import ImportReport


@dataclass(frozen=True)
class Entry:
    when: datetime
    title: str
    lines: tuple[str, ...] = ()


@dataclass
class Journal:
    entries: list[Entry] = field(default_factory=list)

    def add(self, title: str, *lines: str) -> None:
        self.entries.append(Entry(datetime.now().astimezone(), title, tuple(lines)))

    def add_import(self, report: ImportReport, roots: list[str]) -> None:
        """The import's summary and every failure, one line each (file: reason)."""
        lines = [f"{relative_name(f.path, roots)}: {f.reason}" for f in report.failures]
        self.add(f"Import of {'; '.join(roots)}: {report.summary()}", *lines)
