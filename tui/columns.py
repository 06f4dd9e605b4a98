"""The columns of Table I and Table II as a person reads them: header, the model fields a column
shows (and whose footnotes it carries), and how its value is written. Shared by `form4 show` and
the explorer, so both show the same table."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich.text import Text

from tui.formatting import cell, format_amount, format_date
from tui.model import DerivativeRow, Row


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    header: str
    #: model fields shown in this column; their footnote references are the cell's
    fields: tuple[str, ...]
    value: Callable[[Row], str]
    numeric: bool = False
    #: free text that may wrap in a narrow table (titles, nature of ownership); other cells do not
    wraps: bool = False

    def footnotes(self, row: Row) -> tuple[str, ...]:
        ids: list[str] = []
        for name in self.fields:
            for footnote_id in row.footnotes_of(name):
                if footnote_id not in ids:
                    ids.append(footnote_id)
        return tuple(ids)

    def render(self, row: Row) -> Text:
        return cell(self.value(row), self.footnotes(row))


def _v_column(row: Row) -> str:
    """The form's "V" column: a transaction reported voluntarily earlier than required."""
    return "V" if row.form_type == "5" or (row.timeliness or "").upper() == "E" else ""


def _amount_or_value(shares: str, value: str) -> Callable[[Row], str]:
    def render(row: Row) -> str:
        if getattr(row, shares) is not None:
            return format_amount(getattr(row, shares))
        return format_amount(getattr(row, value), money=True)

    return render


def _derivative(render: Callable[[DerivativeRow], str]) -> Callable[[Row], str]:
    def safe(row: Row) -> str:
        return render(row) if isinstance(row, DerivativeRow) else ""

    return safe


_TITLE = Column("title", "Security", ("security_title",), lambda r: r.security_title or "", wraps=True)
_DATE = Column("date", "Date", ("transaction_date",), lambda r: format_date(r.transaction_date))
_DEEMED = Column("deemed", "Deemed date", ("deemed_execution_date",), lambda r: format_date(r.deemed_execution_date))
_CODE = Column("code", "Code", ("code", "form_type", "equity_swap"), lambda r: r.code or "")
_V = Column("v", "V", ("timeliness",), _v_column)
_DIRECT = Column("direct", "D/I", ("direct_indirect",), lambda r: r.direct_indirect or "")
_NATURE = Column(
    "nature",
    "Nature of ownership",
    ("nature_of_ownership",),
    lambda r: r.nature_of_ownership or "",
    wraps=True,
)
_FOLLOWING = Column(
    "following",
    "Owned after",
    ("shares_owned_following", "value_owned_following"),
    _amount_or_value("shares_owned_following", "value_owned_following"),
    numeric=True,
)
_PRICE = Column("price", "Price", ("price",), lambda r: format_amount(r.price, money=True), numeric=True)

TABLE_I: tuple[Column, ...] = (
    _TITLE,
    _DATE,
    _DEEMED,
    _CODE,
    _V,
    Column("amount", "Amount", ("shares", "total_value"), _amount_or_value("shares", "total_value"), numeric=True),
    Column("ad", "(A)/(D)", ("acquired_disposed",), lambda r: r.acquired_disposed or ""),
    _PRICE,
    _FOLLOWING,
    _DIRECT,
    _NATURE,
)

TABLE_II: tuple[Column, ...] = (
    _TITLE,
    Column(
        "exercise_price",
        "Exercise price",
        ("conversion_or_exercise_price",),
        _derivative(lambda r: format_amount(r.conversion_or_exercise_price, money=True)),
        numeric=True,
    ),
    _DATE,
    _DEEMED,
    _CODE,
    _V,
    Column(
        "amount",
        "Number (A/D)",
        ("shares", "total_value", "acquired_disposed"),
        lambda r: (
            _amount_or_value("shares", "total_value")(r)
            + (f" ({r.acquired_disposed})" if r.acquired_disposed and (r.shares or r.total_value) else "")
        ).strip(),
        numeric=True,
    ),
    Column("exercisable", "Exercisable", ("exercise_date",), _derivative(lambda r: format_date(r.exercise_date))),
    Column("expiration", "Expires", ("expiration_date",), _derivative(lambda r: format_date(r.expiration_date))),
    Column(
        "underlying_title",
        "Underlying security",
        ("underlying_title",),
        _derivative(lambda r: r.underlying_title or ""),
        wraps=True,
    ),
    Column(
        "underlying_amount",
        "Underlying shares",
        ("underlying_shares", "underlying_value"),
        _derivative(_amount_or_value("underlying_shares", "underlying_value")),
        numeric=True,
    ),
    _PRICE,
    _FOLLOWING,
    _DIRECT,
    _NATURE,
)


def used_columns(rows: Sequence[Row], columns: Sequence[Column]) -> tuple[Column, ...]:
    """The columns these rows use, in the form's own order: a column empty in every row (a Form 3's
    holdings under Date, Code and Price) is left out; the security title always stays."""
    return tuple(
        column
        for column in columns
        if column.key == "title" or any(column.value(row) or column.footnotes(row) for row in rows)
    )
