"""Business days under Exchange Act Rule 0-3: every day except Saturdays, Sundays and federal holidays.

The holidays come from the `holidays` package: the federal public holidays (5 U.S.C. 6103, with the
observed days when one falls on a weekend) and the days the federal government was closed by executive
order (national days of mourning, Christmas Eve closures), when EDGAR does not take filings either:
counting those as business days would call a filing late that the Commission treats as on time.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=256)
def _federal(year: int) -> frozenset[date]:
    calendar = holidays.country_holidays("US", years=year, categories=("public", "government"))
    return frozenset(calendar)


def is_business_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _federal(day.year)


def add_business_days(start: date, count: int) -> date:
    """The ``count``-th business day after ``start`` (``start`` itself never counts)."""
    day = start
    while count > 0:
        day += timedelta(days=1)
        if is_business_day(day):
            count -= 1
    return day


def next_business_day(day: date) -> date:
    """``day`` itself when it is a business day, else the first business day after it (Rule 0-3(a))."""
    while not is_business_day(day):
        day += timedelta(days=1)
    return day


def business_days_after(start: date, end: date) -> int:
    """How many business days after ``start`` ``end`` is (0 when ``end`` <= ``start``)."""
    count = 0
    day = start
    while day < end:
        day += timedelta(days=1)
        if is_business_day(day):
            count += 1
    return count
