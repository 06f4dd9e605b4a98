"""The federal calendar is the `holidays` package's, kept in the user's cache folder: read back
exactly, made again when the file is damaged or the package changes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import holidays
import pytest

from tui.checks import federal_calendar


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    federal_calendar.kept.cache_clear()
    yield tmp_path / "form4-explorer"
    federal_calendar.kept.cache_clear()


def _package(year: int) -> frozenset[object]:
    return frozenset(holidays.country_holidays("US", years=year, categories=("public", "government")))


def test_every_year_kept_is_the_packages_and_the_next_process_reads_it_without_the_package(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = federal_calendar.kept()
    assert set(made) == set(federal_calendar._years()) and min(made) == 1950
    for year, days in made.items():
        assert days == _package(year), year
    [kept_file] = cache.glob("federal-days-*.json")
    # another process: the file is read, the package is not asked
    federal_calendar.kept.cache_clear()

    def no_package(year: int) -> frozenset[object]:
        raise AssertionError(f"the package was asked for {year}")

    monkeypatch.setattr(federal_calendar, "from_package", no_package)
    assert federal_calendar.kept() == made
    assert federal_calendar.federal_days(2025) == _package(2025)  # the day of mourning for President Carter too
    assert kept_file.is_file()


def test_a_damaged_file_is_made_again(cache: Path) -> None:
    made = federal_calendar.kept()
    [kept_file] = cache.glob("federal-days-*.json")
    kept_file.write_bytes(kept_file.read_bytes()[:100])  # cut short
    federal_calendar.kept.cache_clear()
    assert federal_calendar.kept() == made
    assert kept_file.stat().st_size > 1000


def test_another_package_version_makes_a_file_of_its_own(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    federal_calendar.kept()
    federal_calendar.kept.cache_clear()
    monkeypatch.setattr(federal_calendar, "_package_key", lambda: "another-version")
    federal_calendar.kept()
    names = {p.name for p in cache.glob("federal-days-*.json")}
    assert "federal-days-another-version.json" in names and len(names) == 2


def test_years_outside_the_file_come_from_the_package(cache: Path) -> None:
    assert federal_calendar.federal_days(1930) == _package(1930)


def test_a_cache_folder_that_cannot_be_made_only_costs_the_package_load(cache: Path) -> None:
    cache.write_text("a file where the folder would be")
    assert federal_calendar.federal_days(2024) == _package(2024)
    assert federal_calendar.kept()[2021] == _package(2021)
