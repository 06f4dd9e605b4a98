"""A fetch from start to end: list what the targets filed, skip what the store already has, download the
rest into the user's folder, import it. Every failure is one line and the rest goes on."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import platformdirs

from tui.fetch.client import EdgarClient, FetchError
from tui.fetch.config import FetchSettings
from tui.fetch.listings import (
    OWNERSHIP_FORMS,
    FilingRef,
    ListingError,
    normalise_cik,
    parse_columns,
    parse_master_index,
    parse_submissions,
    parse_tickers,
    select,
)
from tui.importer import ImportReport, default_workers, import_paths
from tui.store import Store

#: (phase, done, total, detail): phase is "list", "download" or "import"
FetchProgress = Callable[[str, int, int, str], None]


@dataclass(frozen=True, slots=True)
class FetchRequest:
    """What to fetch: tickers and CIKs (issuers or reporting owners), or every filing of some days."""

    targets: tuple[str, ...] = ()
    days: tuple[date, ...] = ()
    since: date | None = None
    until: date | None = None
    forms: tuple[str, ...] = OWNERSHIP_FORMS
    amendments: bool = True

    def __post_init__(self) -> None:
        if not self.targets and not self.days:
            raise ValueError("nothing to fetch: give tickers or CIKs, or a day")
        if self.since and self.until and self.since > self.until:
            raise ValueError(f"--since {self.since} is after --until {self.until}")


@dataclass(slots=True)
class FetchReport:
    listed: int = 0
    in_store: int = 0
    in_folder: int = 0
    downloaded: int = 0
    bytes: int = 0
    failures: list[str] = field(default_factory=list)
    imported: ImportReport | None = None
    paths: list[Path] = field(default_factory=list)
    cancelled: bool = False

    def summary(self) -> str:
        parts = [f"{self.listed} listed", f"{self.in_store} already in the store", f"{self.downloaded} downloaded"]
        if self.in_folder:
            parts.append(f"{self.in_folder} already in the folder")
        if self.imported is not None:
            parts.append(f"{self.imported.imported} imported")
            parts += [f"{n} {what}" for n, what in ((self.imported.updated, "updated"), (self.imported.unchanged,
                      "unchanged")) if n]  # fmt: skip
        parts.append(f"{len(self.failures)} failed")
        return ", ".join(parts) + (" (cancelled)" if self.cancelled else "")


def default_folder(store: Store) -> Path:
    """Where fetched filings are kept unless the user says: beside the store, ``<store>-filings``
    (a store that is not a folder, e.g. a database server: ``filings`` in the user data folder)."""
    path = getattr(store, "path", None)
    if isinstance(path, Path):
        return path.parent / f"{path.name}-filings"
    return platformdirs.user_data_path("form4-explorer", appauthor=False) / "filings"


def days_between(first: date, last: date) -> tuple[date, ...]:
    """The weekdays from ``first`` to ``last`` (EDGAR publishes no daily index on weekends)."""
    out = []
    day = first
    while day <= last:
        if day.weekday() < 5:
            out.append(day)
        day += timedelta(days=1)
    return tuple(out)


class _Lister:
    def __init__(self, client: EdgarClient, request: FetchRequest, failures: list[str]) -> None:
        self.client = client
        self.request = request
        self.failures = failures
        self.urls = client.settings.urls
        self._tickers: dict[str, str] | None = None

    def tickers(self) -> dict[str, str]:
        if self._tickers is None:
            url = self.urls.tickers()
            try:
                self._tickers = parse_tickers(self.client.get_json(url))
            except ListingError as exc:
                raise FetchError(url, str(exc)) from None
        return self._tickers

    def cik_of(self, target: str) -> str | None:
        target = target.strip()
        if target.isdigit():
            try:
                return normalise_cik(target)
            except ValueError:
                self.failures.append(f"CIK {target}: not a CIK (at most ten digits)")
                return None
        try:
            tickers = self.tickers()
            # EDGAR writes class shares with a dash (BRK-B); people often type a dot
            cik = tickers.get(target.upper()) or tickers.get(target.upper().replace(".", "-"))
        except FetchError as exc:
            self.failures.append(f"ticker {target}: the company tickers file could not be read: {exc}")
            return None
        if cik is None:
            self.failures.append(f"ticker {target}: not in EDGAR's company tickers file")
        return cik

    def by_cik(self, cik: str) -> list[FilingRef]:
        req = self.request
        url = self.urls.submissions(cik)
        try:
            refs, pages = parse_submissions(self.client.get_json(url), cik)
        except ListingError as exc:
            self.failures.append(f"{url}: {exc}")
            return []
        except FetchError as exc:
            self.failures.append(f"CIK {int(cik)}: {exc}" if exc.status == 404 else str(exc))
            return []
        for page in pages:
            if not page.overlaps(req.since, req.until):
                continue
            page_url = self.urls.submissions_page(page.name)
            try:
                refs.extend(parse_columns(self.client.get_json(page_url), cik))
            except (FetchError, ListingError) as exc:
                self.failures.append(str(exc) if isinstance(exc, FetchError) else f"{page_url}: {exc}")
        return refs

    def by_day(self, day: date) -> list[FilingRef]:
        url = self.urls.daily_index(day)
        try:
            data = self.client.get_bytes(url)
            return parse_master_index(data.decode("latin-1"))
        except FetchError as exc:
            if exc.status in (403, 404):
                self.failures.append(f"{day}: no daily index ({exc.reason.split(':')[0]}; a holiday, or not yet out?)")
            else:
                self.failures.append(str(exc))
        except ListingError as exc:
            self.failures.append(f"{url}: {exc}")
        return []


def list_filings(
    client: EdgarClient, request: FetchRequest, failures: list[str], progress: FetchProgress | None = None
) -> list[FilingRef]:
    """Every wanted filing of the request, each accession once, newest first."""
    lister = _Lister(client, request, failures)
    refs: list[FilingRef] = []
    sources: list[str | date] = [*request.targets, *request.days]
    for done, source in enumerate(sources, start=1):
        if isinstance(source, date):
            refs.extend(lister.by_day(source))
        else:
            cik = lister.cik_of(source)
            if cik is not None:
                refs.extend(lister.by_cik(cik))
        if progress:
            progress("list", done, len(sources), str(source))
    since, until = request.since, request.until
    return select(refs, request.forms, request.amendments, since, until)


def fetch_filings(
    store: Store,
    request: FetchRequest,
    settings: FetchSettings,
    *,
    folder: Path | None = None,
    client: EdgarClient | None = None,
    progress: FetchProgress | None = None,
    cancel: threading.Event | None = None,
) -> FetchReport:
    """Fetch what ``request`` asks into ``folder`` (default: beside the store) and import it into ``store``."""
    folder = folder or default_folder(store)
    report = FetchReport()
    own_client = client is None
    http = client or EdgarClient(settings)
    try:
        refs = list_filings(http, request, report.failures, progress)
        report.listed = len(refs)
        todo: list[FilingRef] = []
        for ref in refs:
            if store.resolve(ref.accession) is not None:
                report.in_store += 1
                continue
            target = folder / f"{ref.accession}.txt"
            if target.is_file():  # downloaded before, not imported (an interrupted run): no need to ask again
                report.in_folder += 1
                report.paths.append(target)
            else:
                todo.append(ref)
        _download_all(http, todo, folder, report, progress, cancel, settings.workers)
    finally:
        if own_client:
            http.close()
    if report.paths:
        total = len(report.paths)

        def on_import(done: int, _total: int, path: str) -> None:
            if progress:
                progress("import", done, total, path)

        report.imported = import_paths(store, report.paths, workers=default_workers(), progress=on_import)
        report.failures.extend(str(f) for f in report.imported.failures)
    return report


def _download_all(
    client: EdgarClient,
    todo: Sequence[FilingRef],
    folder: Path,
    report: FetchReport,
    progress: FetchProgress | None,
    cancel: threading.Event | None,
    workers: int,
) -> None:
    total = len(todo)
    if progress:
        progress("download", 0, total, "")
    if not todo:
        return
    urls = client.settings.urls
    pending: dict[Future[int], FilingRef] = {}
    queue = list(reversed(todo))
    done = 0
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="form4-fetch") as pool:
        while queue or pending:
            while queue and len(pending) < workers and not (cancel and cancel.is_set()):
                ref = queue.pop()
                dest = folder / f"{ref.accession}.txt"
                pending[pool.submit(client.download, urls.archive(ref.archive_path()), dest)] = ref
            if not pending:
                break
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                ref = pending.pop(future)
                done += 1
                try:
                    report.bytes += future.result()
                except FetchError as exc:
                    report.failures.append(f"{ref.accession} ({ref.form}, filed {ref.filed}): {exc}")
                else:
                    report.downloaded += 1
                    report.paths.append(folder / f"{ref.accession}.txt")
                if progress:
                    progress("download", done, total, ref.accession)
    report.cancelled = bool(cancel and cancel.is_set() and queue)
