"""Rule 0-3 business days: the federal holidays come from the holidays package."""

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from tui.checks.business_days import add_business_days, business_days_after, is_business_day, next_business_day


def test_weekends_and_federal_holidays_are_not_business_days():
    assert not is_business_day(date(2020, 10, 12))  # Columbus Day
    assert not is_business_day(date(2021, 6, 18))  # Juneteenth 2021 (a Saturday) observed on Friday
    assert not is_business_day(date(2016, 2, 15))  # Washington's Birthday
    assert not is_business_day(date(2023, 6, 10))  # a Saturday
    assert is_business_day(date(2023, 6, 13))


def test_days_the_government_was_closed_by_executive_order_do_not_count():
    assert not is_business_day(date(2025, 1, 9))  # national day of mourning for President Carter
    assert add_business_days(date(2025, 1, 7), 2) == date(2025, 1, 10)


def test_counting():
    # a Friday transaction before Columbus Day: Tuesday is the first business day, Wednesday the second
    assert add_business_days(date(2020, 10, 9), 2) == date(2020, 10, 14)
    assert add_business_days(date(2023, 6, 10), 2) == date(2023, 6, 13)  # Saturday -> Monday, Tuesday
    assert next_business_day(date(2016, 2, 14)) == date(2016, 2, 16)  # Sunday, then the holiday
    assert business_days_after(date(2023, 12, 8), date(2023, 12, 19)) == 7  # the example


def test_years_outside_the_kept_calendar_come_from_the_package():
    assert not is_business_day(date(1949, 11, 24))  # Thanksgiving 1949, a Thursday
    assert is_business_day(date(1949, 11, 25))
    assert not is_business_day(date(2051, 7, 4))  # Independence Day, a Tuesday
    assert is_business_day(date(2051, 7, 5))


def test_once_the_calendar_is_kept_warming_it_does_not_load_the_holidays_package(tmp_path: Path) -> None:
    code = "import sys; from tui.checks import warm_calendar; warm_calendar(); print('holidays' in sys.modules)"
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    runs = [
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env) for _ in "12"
    ]
    assert [r.stdout.strip() for r in runs] == ["True", "False"]  # the first process made the file from the package
