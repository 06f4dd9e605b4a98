"""The federal holidays and closures that the `holidays` package gives, kept in the user's cache folder.

Loading the package and its first US calendar costs a process about 0.2 s of CPU: more than the review
checks of a thousand filings, paid by every `form4 check` and by every import's writing process, for
filings that fall on the same few hundred days. So the days of FIRST_YEAR to YEARS_AHEAD years from now
are worked out from the package once, year by year as `business_days` asks for them, and kept in a
small file named after the installed package (its files' sizes and times: an upgrade that adds a day
of mourning makes a new file). A file that is missing, damaged or for other years is made again; one
that cannot be written only costs the next process the package's load. Years outside the file come from
the package.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import tempfile
from datetime import date
from functools import lru_cache
from pathlib import Path

import orjson

FIRST_YEAR = 1950
YEARS_AHEAD = 10
CATEGORIES = ("public", "government")
#: the package's files whose change means other days (its version, the United States' calendar)
_KEY_FILES = ("version.py", "countries/united_states.py")


def from_package(year: int) -> frozenset[date]:
    """The days of ``year`` as the `holidays` package gives them (the public holidays with their
    observed days, and the government's closures)."""
    import holidays

    return frozenset(holidays.country_holidays("US", years=year, categories=CATEGORIES))


def _package_key() -> str | None:
    """A name for the installed package's calendar, without importing it (None: not found)."""
    spec = importlib.util.find_spec("holidays")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations)))
    parts = []
    for name in _KEY_FILES:
        try:
            st = (folder / name).stat()
        except OSError:
            return None
        parts.append(f"{folder / name}:{st.st_size}:{st.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:20]


def _cache_file(key: str) -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("form4-explorer", appauthor=False)) / f"federal-days-{key}.json"


def _years() -> range:
    return range(FIRST_YEAR, date.today().year + YEARS_AHEAD + 1)


@lru_cache(maxsize=1)
def kept() -> dict[int, frozenset[date]]:
    """Every year of `_years` -> its days: read from the cache file, else from the package (and kept)."""
    years = _years()
    key = _package_key()
    path = _cache_file(key) if key is not None else None
    if path is not None:
        try:
            data = orjson.loads(path.read_bytes())
            found = {int(year): frozenset(date.fromisoformat(d) for d in days) for year, days in data.items()}
            if all(year in found for year in years):
                return found
        except (OSError, ValueError, TypeError, AttributeError):
            pass  # made again below
    found = {year: from_package(year) for year in years}
    if path is not None:
        _write(path, {str(year): sorted(d.isoformat() for d in days) for year, days in found.items()})
    return found


def _write(path: Path, data: dict[str, list[str]]) -> None:
    """Replace the cache file whole (another process may read it meanwhile); a failure is no error."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(orjson.dumps(data))
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        pass


def federal_days(year: int) -> frozenset[date]:
    """The federal holidays and closures of ``year``."""
    found = kept().get(year)
    return found if found is not None else from_package(year)
