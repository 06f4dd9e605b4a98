"""The failures of an import in a few lines, for the notification that ends it."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from tui.importer import ImportReport
from tui.safe_text import inert_line, shown_path

#: failures listed by name in the import notification
FAILURES_SHOWN = 3


def import_message(report: ImportReport, samples: bool, roots: list[str]) -> str:
    """What the notification at the end of an import says."""
    if samples:
        message = f"First run: imported the bundled sample filings (sample_filings/): {report.summary()}"
    else:
        message = f"Import done: {report.summary()}"
    if report.failures:
        message += "\n" + failure_digest(report, roots) + "\nm: every failure, file by file"
    return message


def failure_digest(report: ImportReport, roots: list[str]) -> str:
    """How many per reason, then the first few files (named relative to the folder imported, so the
    names fit in a notification)."""
    reasons = Counter(f.reason for f in report.failures)
    lines = [f"{count} × {inert_line(reason)}" for reason, count in reasons.most_common(3)]
    if len(reasons) > 3:
        lines.append(f"… {len(reasons) - 3} other reasons")
    for failure in report.failures[:FAILURES_SHOWN]:
        name = shown_path(relative_name(failure.path, roots))
        lines.append(f"• {name}" if len(reasons) == 1 else f"• {name}: {inert_line(failure.reason)}")
    if report.failed > FAILURES_SHOWN:
        lines.append(f"… and {report.failed - FAILURES_SHOWN} more")
    return "\n".join(lines)


def relative_name(path: str, roots: list[str]) -> str:
    for root in roots:
        try:
            relative = Path(path).relative_to(root)
        except ValueError:
            continue
        return str(relative) if str(relative) != "." else Path(path).name
    return path
