"""Holdings arithmetic (``holdings_arithmetic``): within one filing, each transaction's "owned
following" must be the previous transaction's on the same line plus the shares acquired or minus the
shares disposed (Table I, and Table II for rows of the same derivative).

Nothing is guessed: a holding row, or a row whose figures are not plain numbers, breaks the chain; a
figure repeated unchanged on consecutive rows is the filer reporting one total for them (common on
Forms 5), not arithmetic; a difference within the rounding of fractional figures (one unit of the last
decimal filed) is rounding; and a footnote on the figure that states the difference exactly ("Includes
3,019 shares acquired under the employee stock purchase plan") explains it.
"""

from __future__ import annotations

from decimal import Decimal
from operator import attrgetter

from tui.checks.finding import Finding, RowRef, Table, row_label, tables_of
from tui.checks.lines import (
    AMOUNTS,
    describe_line,
    explained_by_footnote,
    line_words,
    signed_shares,
    within_rounding,
)
from tui.formatting import format_number
from tui.model import Filing, Row


def _n(value: Decimal) -> str:
    return format_number(value)


_kind = attrgetter("kind")


def figure_notes(filing: Filing, row: Row) -> list[str]:
    """The footnote ids cited by a row's owned-following figure or its shares."""
    return [*row.footnotes_of("shares_owned_following"), *row.footnotes_of("shares")]


def check_holdings_arithmetic(filing: Filing) -> list[Finding]:
    findings: list[Finding] = []
    if [*map(_kind, filing.non_derivative), *map(_kind, filing.derivative)].count("transaction") < 2:
        return findings  # no two transactions: nothing to add up
    last: dict[str, tuple[Table, int, Decimal] | None] = {}  # a line's last transaction
    for (table, rows), words in zip(tables_of(filing), line_words(filing), strict=True):
        for index, row in enumerate(rows):
            key = words[index].as_filed  # (see `Words`)
            figure = row.shares_owned_following
            after = AMOUNTS[figure.text] if figure is not None else None
            transaction = row.kind == "transaction"
            previous = last.get(key)
            last[key] = (table, index, after) if transaction and after is not None else None
            if previous is None or after is None or not transaction:
                continue
            change = signed_shares(row)
            if change is None:
                continue
            previous_after = previous[2]
            expected = previous_after + change
            # (the figures are finite: their difference is 0 exactly when they are equal)
            if after == expected or (after == previous_after and change != 0):
                continue
            difference = after - expected
            ref: RowRef = (table, index)
            previous_ref: RowRef = (previous[0], previous[1])
            notes = figure_notes(filing, row)
            if within_rounding(difference, previous_after, change, after) or explained_by_footnote(
                difference, [filing.footnotes.get(n, "") for n in notes]
            ):
                continue
            verb = f"plus {_n(change)} acquired" if change >= 0 else f"minus {_n(-change)} disposed"
            cited = f"; footnote {', '.join(notes)} on the row does not give the difference" if notes else ""
            findings.append(
                Finding(
                    "holdings_arithmetic",
                    f"{row_label(ref)} ({describe_line(row)}): {_n(previous_after)} owned after "
                    f"row {previous_ref[1] + 1} {verb} is {_n(expected)}, but the row reports "
                    f"{_n(after)} owned after (difference {'+' if difference > 0 else ''}{_n(difference)}){cited}",
                    rows=(previous_ref, ref),
                    fields=("shares_owned_following", "shares"),
                )
            )
    return findings
