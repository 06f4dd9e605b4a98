"""Business days under Exchange Act Rule 0-3: every day except Saturdays, Sundays and federal holidays.

The holidays come from the `holidays` package (kept in the user's cache folder, see `federal_calendar`):
the federal public holidays (5 U.S.C. 6103, with the observed days when one falls on a weekend) and the
days the federal government was closed by executive order (national days of mourning, Christmas Eve
closures), when EDGAR does not take filings either: counting those as business days would call a filing
late that the Commission treats as on time.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

from tui.checks.federal_calendar import federal_days

_EPOCH = date(1900, 1, 1)  # a Monday


@lru_cache(maxsize=256)
def _federal(year: int) -> frozenset[date]:
    return federal_days(year)  # read when a deadline is first counted, not with every command


def warm() -> None:
    """Read the calendar (from the user's cache folder, see `federal_calendar`; the first time, from the
    package). A process about to fork workers that check filings does it first: the workers inherit it
    instead of each reading it again."""
    _federal(date.today().year)


def is_business_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _federal(day.year)


@lru_cache(maxsize=1 << 14)  # a deadline is asked once per row and filing: the same dates again and again
def add_business_days(start: date, count: int) -> date:
    """The ``count``-th business day after ``start`` (``start`` itself never counts)."""
    day = start
    while count > 0:
        day += timedelta(days=1)
        if is_business_day(day):
            count -= 1
    return day


@lru_cache(maxsize=1 << 14)
def next_business_day(day: date) -> date:
    """``day`` itself when it is a business day, else the first business day after it (Rule 0-3(a))."""
    while not is_business_day(day):
        day += timedelta(days=1)
    return day


def _weekdays_through(day: date) -> int:
    """Monday-to-Friday days from a fixed Monday up to and including ``day``."""
    days = (day - _EPOCH).days
    weeks, rest = divmod(days + 1, 7)
    return weeks * 5 + min(rest, 5)


@lru_cache(maxsize=1 << 12)  # asked once per late filing: the same few date pairs again and again
def business_days_after(start: date, end: date) -> int:
    """How many business days after ``start`` ``end`` is (0 when ``end`` <= ``start``): the weekdays in
    (start, end], less the federal holidays among them (counted, not walked: a filing years late is cheap)."""
    if end <= start:
        return 0
    weekdays = _weekdays_through(end) - _weekdays_through(start)
    closed = sum(
        1
        for year in range(start.year, end.year + 1)
        for day in _federal(year)
        if start < day <= end and day.weekday() < 5
    )
    return weekdays - closed
