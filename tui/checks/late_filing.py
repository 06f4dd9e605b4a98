"""Late filing (``late_filing``): was the form filed by its deadline?

- Form 4: before the end of the second business day after the day the transaction was executed
  (Exchange Act §16(a)(2)(C), Rule 16a-3(g)(1)); where the filing gives a deemed execution date
  (Rule 16a-3(g)(2)-(3): 10b5-1 plans and discretionary transactions), that date counts instead.
- Form 3: within 10 days after the event that made the person an insider (Rule 16a-3(a)).
- Form 5: within 45 days after the issuer's fiscal year end (Rule 16a-3(f)).
- A deadline on a Saturday, Sunday or federal holiday moves to the next business day (Rule 0-3(a)).

The filed date comes from the full submission's header; where only the XML or a PDF is known, the
latest signature date stands in (a form is not filed before it is signed) and the finding says so.
Rows the filer reports on a Form 4 ahead of time are not held to the two-day deadline: Form 5 items
(``transactionFormType`` 5, timeliness E, code V; small acquisitions L and acquisitions by will W; gifts G
until the 2023 amendments made them Form 4 items on 2023-02-27), and rows whose footnote says they are
reported under Rule 16a-2(a) (transactions before the issuer registered). The filer's own "L" (late) mark on a
row is a finding in itself. Amendments are not checked: an /A is filed after its original by nature.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache
from operator import attrgetter

from tui.checks.business_days import add_business_days, business_days_after, next_business_day
from tui.checks.finding import Finding, RowRef, row_labels, tables_of
from tui.checks.lines import BASE_FORMS, DATES
from tui.model import Filing, Row

#: codes that may wait for the Form 5 when they are reported on a Form 4 (General Instruction 4 / Rule 16a-6)
_FORM5_CODES = frozenset({"V", "L", "W"})
#: from this day bona fide gifts (G) are due on Form 4 within two business days (Release 34-96492)
_GIFTS_ON_FORM4_FROM = date(2023, 2, 27)
#: a transaction before the issuer's Section 12 registration, reported under Rule 16a-2(a) on the first
#: Form 4 due after it: no two-day deadline runs from its date
_BEFORE_REGISTRATION = re.compile(r"16a-2\s*\(a\)", re.IGNORECASE)
_FORM3_DAYS = 10
_timeliness = attrgetter("timeliness")
_TWO_DAYS = timedelta(days=2)
_FORM5_DAYS = 45


def _filed(filing: Filing) -> tuple[date | None, bool]:
    """(filed date, whether it is the signature date standing in for it)."""
    filed_date = filing.filed_date
    if filed_date is not None and (filed := DATES[filed_date.text]) is not None:
        return filed, False
    signed = [s.date.value for s in filing.signatures if s.date is not None and s.date.value is not None]
    return (max(signed), True) if signed else (None, False)


def _filed_words(filed: date, stand_in: bool) -> str:
    return f"Signed {filed} (no filed date known: the signature date stands in)" if stand_in else f"Filed {filed}"


@lru_cache(maxsize=1 << 12)  # a filer's footnotes repeat from filing to filing
def _before_registration(text: str) -> bool:
    return _BEFORE_REGISTRATION.search(text) is not None


def _on_form4_deadline(filing: Filing, row: Row) -> bool:
    """Whether a Form 4 row is held to the two-business-day deadline."""
    if row.kind != "transaction" or row.transaction_date is None:
        return False
    cited = {note for ids in row.footnotes.values() for note in ids}
    if any(_before_registration(filing.footnotes.get(note, "")) for note in cited):
        return False
    if (row.form_type or "").strip() == "5" or (row.timeliness or "").strip().upper() == "E":
        return False
    code = (row.code or "").strip().upper()
    if code in _FORM5_CODES:
        return False
    executed = row.transaction_date.value
    return not (code == "G" and executed is not None and executed < _GIFTS_ON_FORM4_FROM)


def _form4(filing: Filing, filed: date, stand_in: bool) -> list[Finding]:
    late: list[tuple[date, date, RowRef, str]] = []
    dues: dict[date, date] = {}
    for table, rows in tables_of(filing):
        for index, row in enumerate(rows):
            if row.kind != "transaction":
                continue
            # the date the deadline runs from, and the field it comes from
            deemed = row.deemed_execution_date
            if deemed is not None and (executed := DATES[deemed.text]) is not None:
                field_name = "deemed_execution_date"
            else:
                when = row.transaction_date
                executed, field_name = (DATES[when.text] if when is not None else None), "transaction_date"
            # two business days are at least two calendar days: a filing within those is on time
            if executed is None or filed <= executed + _TWO_DAYS:
                continue
            due = dues.get(executed)
            if due is None:
                due = dues[executed] = add_business_days(executed, 2)
            if filed > due and _on_form4_deadline(filing, row):
                late.append((executed, due, (table, index), field_name))
    if not late:
        return []
    executed, due, _, field_name = min(late)
    what = "deemed execution date" if field_name == "deemed_execution_date" else "transaction"
    days = business_days_after(executed, filed)
    message = f"{_filed_words(filed, stand_in)}, {days} business days after the {executed} {what} (due {due})" + (
        f"; {len(late)} rows late: {row_labels([r for *_, r, _ in late])}" if len(late) > 1 else ""
    )
    fields = tuple(dict.fromkeys(f for *_, f in late))
    return [Finding("late_filing", message, rows=tuple(r for *_, r, _ in late), fields=fields)]


def _month_end(day: date) -> bool:
    """Only a month's last day is taken for a fiscal year end; any other date (a 52-53-week year's end, or
    a transaction date written as the period) gets the lenient bound below."""
    return (day + timedelta(days=1)).month != day.month


def _year_after(day: date) -> date:
    return day.replace(year=day.year + 1, day=28 if (day.month, day.day) == (2, 29) else day.day)


@lru_cache(maxsize=1 << 12)  # periods repeat across filings (year ends above all)
def _calendar_due(base: str, period: date) -> tuple[date, str]:
    """A Form 3's or 5's deadline for ``period``, and the words that say what it is due for."""
    if base == "3":
        due = next_business_day(period + timedelta(days=_FORM3_DAYS))
        return due, f"the {period} event (due within {_FORM3_DAYS} days: {due})"
    if _month_end(period):
        due = next_business_day(period + timedelta(days=_FORM5_DAYS))
        return due, f"the fiscal year ended {period} (due within {_FORM5_DAYS} days: {due})"
    # the period given is not a fiscal year end: the year it reports ended within a year after it
    latest_end = _year_after(period) - timedelta(days=1)
    due = next_business_day(latest_end + timedelta(days=_FORM5_DAYS))
    return due, (
        f"the fiscal year that includes {period} (the period given is not a year end; even a year "
        f"ending {latest_end} was due within {_FORM5_DAYS} days: {due})"
    )


def _calendar_deadline(filing: Filing, base: str, filed: date, stand_in: bool) -> list[Finding]:
    period = DATES[filing.period_of_report.text] if filing.period_of_report else None
    if period is None:
        return []
    due, what = _calendar_due(base, period)
    if filed <= due:
        return []
    days = (filed - due).days
    return [
        Finding(
            "late_filing",
            f"{_filed_words(filed, stand_in)}, {days} days after the deadline for {what}",
            fields=("period_of_report",),
        )
    ]


def _filer_marked_late(filing: Filing) -> list[Finding]:
    if not any(map(_timeliness, filing.non_derivative)) and not any(map(_timeliness, filing.derivative)):
        return []  # (most rows say nothing of their timeliness)
    refs: list[RowRef] = [
        (table, index)
        for table, rows in tables_of(filing)
        for index, row in enumerate(rows)
        if row.timeliness and row.timeliness.strip().upper() == "L"
    ]
    if not refs:
        return []
    return [
        Finding(
            "late_filing",
            f"The filer marks {row_labels(refs)} as reported late (timeliness L)",
            rows=tuple(refs),
            fields=("timeliness",),
        )
    ]


def check_late_filing(filing: Filing) -> list[Finding]:
    if filing.is_amendment:
        return []
    findings: list[Finding] = []
    filed, stand_in = _filed(filing)
    if filed is not None:
        base = BASE_FORMS[filing.form]
        if base == "4":
            findings = _form4(filing, filed, stand_in)
        elif base in ("3", "5"):
            findings = _calendar_deadline(filing, base, filed, stand_in)
    marked = _filer_marked_late(filing)
    return findings + marked if marked else findings
