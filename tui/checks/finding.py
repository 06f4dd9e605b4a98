"""The record every check returns: what kind of finding, one plain sentence with the numbers, and the
rows, fields and other filings it concerns (so the explorer can highlight the cells and jump to them)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, get_args

from tui.model import Filing, Row

Kind = Literal[
    "late_filing",
    "holdings_arithmetic",
    "holdings_continuity",
    "code_direction",
    "plan_10b5_1",
    "amendment",
]
KINDS: tuple[Kind, ...] = get_args(Kind)

Table = Literal["table1", "table2"]
#: a row of a filing: ("table1", i) is ``filing.non_derivative[i]``, ("table2", i) ``filing.derivative[i]``
RowRef = tuple[Table, int]


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing a reviewer should look at. ``rows`` x ``fields`` are the cells it concerns (fields are
    model field names: "shares_owned_following", "code", …; filing-level fields stand alone, e.g.
    "aff10b5_one"); ``related`` are the store ids of the other filings it compares with."""

    kind: Kind
    message: str
    rows: tuple[RowRef, ...] = ()
    fields: tuple[str, ...] = ()
    related: tuple[str, ...] = ()

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        """Pickled as its five values (a frozen dataclass with slots pickles through Python-level state
        methods, and an import worker sends a filing's own findings to the store's process)."""
        return _finding, (self.kind, self.message, self.rows, self.fields, self.related)

    def to_dict(self) -> dict[str, Any]:
        """The public JSON shape: {"kind", "message", "rows": [["table1", 0]…], "fields", "related"}."""
        return {
            "kind": self.kind,
            "message": self.message,
            "rows": [[table, index] for table, index in self.rows],
            "fields": list(self.fields),
            "related": list(self.related),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Finding:
        kind = data["kind"]
        if kind not in KINDS:
            raise ValueError(f"unknown finding kind {kind!r}")
        rows: list[RowRef] = []
        for table, index in data.get("rows", ()):
            if table not in ("table1", "table2"):
                raise ValueError(f"unknown table {table!r}")
            rows.append((table, int(index)))
        return cls(
            kind=kind,
            message=str(data["message"]),
            rows=tuple(rows),
            fields=tuple(str(f) for f in data.get("fields", ())),
            related=tuple(str(r) for r in data.get("related", ())),
        )


def _finding(
    kind: Kind, message: str, rows: tuple[RowRef, ...], fields: tuple[str, ...], related: tuple[str, ...]
) -> Finding:
    found = object.__new__(Finding)
    for name, value in (("kind", kind), ("message", message), ("rows", rows), ("fields", fields), ("related", related)):
        object.__setattr__(found, name, value)
    return found


@dataclass(frozen=True, slots=True)
class Known:
    """A filing with its store id: what the checks that compare filings take."""

    id: str
    filing: Filing


def row_ref(filing: Filing, index: int) -> RowRef:
    """The RowRef of ``filing.rows[index]`` (Table I rows first, then Table II)."""
    count = len(filing.non_derivative)
    return ("table1", index) if index < count else ("table2", index - count)


def tables_of(filing: Filing) -> tuple[tuple[Table, tuple[Row, ...]], tuple[Table, tuple[Row, ...]]]:
    """Table I and Table II with their names, for a walk that gives each row its RowRef as it goes
    (``enumerate`` of each: cheaper than `row_ref` for every row of ``filing.rows``)."""
    return ("table1", filing.non_derivative), ("table2", filing.derivative)


def row_label(ref: RowRef) -> str:
    """("table2", 0) -> "Table II row 1" (people count rows from 1)."""
    table, index = ref
    return f"Table {'I' if table == 'table1' else 'II'} row {index + 1}"


def row_labels(refs: Sequence[RowRef]) -> str:
    """ "Table I rows 1, 2 and 4; Table II row 1"."""
    parts: list[str] = []
    for table in ("table1", "table2"):
        numbers = [str(i + 1) for t, i in refs if t == table]
        if not numbers:
            continue
        name = f"Table {'I' if table == 'table1' else 'II'}"
        listed = numbers[0] if len(numbers) == 1 else ", ".join(numbers[:-1]) + " and " + numbers[-1]
        parts.append(f"{name} row{'s' if len(numbers) > 1 else ''} {listed}")
    return "; ".join(parts)
