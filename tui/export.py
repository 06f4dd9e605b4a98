"""Stored filings written out for other programs: JSON (the interchange format with the store's id,
accession, filed date and review state in front) and CSV (one line per Table I/II row with the
filing's columns repeated on each; a filing without rows is one line with the row columns empty)."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TextIO

import orjson

from tui.checks.finding import Finding
from tui.csv_cells import neutralise
from tui.interchange import filing_to_dict
from tui.safe_text import json_for_terminal
from tui.store import StoredFiling

CSV_FILING_COLUMNS = (
    "filing_id", "accession", "form", "filed", "period", "issuer", "ticker", "issuer_cik", "owners", "owner_ciks",
    "relationships", "aff10b5_one", "reviewed", "reviewed_at", "note", "findings", "table",
)  # fmt: skip
CSV_ROW_COLUMNS = (
    "kind", "security_title", "conversion_or_exercise_price", "transaction_date", "deemed_execution_date",
    "form_type", "code", "equity_swap", "timeliness", "shares", "total_value", "price", "acquired_disposed",
    "exercise_date", "expiration_date", "underlying_title", "underlying_shares", "underlying_value",
    "shares_owned_following", "value_owned_following", "direct_indirect", "nature_of_ownership", "footnotes",
    "footnote_text",
)  # fmt: skip
CSV_COLUMNS = CSV_FILING_COLUMNS + CSV_ROW_COLUMNS
#: a filing's findings by id (the store keeps them with the summaries)
FindingsOf = Callable[[str], Sequence[Finding]]


def json_object(stored: StoredFiling, findings: Sequence[Finding] = ()) -> dict[str, Any]:
    """A stored filing for `export --format json` and `show --format json`: the interchange format
    (the same keys as `form4 parse --format json`) after the store's own fields and the review checks'
    findings (as `form4 check --format json` gives them)."""
    filing = stored.filing
    return {
        "id": stored.id,
        "accession": filing.accession_number,
        "filed": filing.filed_date.text if filing.filed_date else None,
        "reviewed": stored.state.reviewed,
        "reviewed_at": stored.state.reviewed_at,
        "note": stored.state.note,
        "findings": [f.to_dict() for f in findings],
        **filing_to_dict(filing),
    }


def _none(fid: str) -> Sequence[Finding]:
    return ()


def write_json(filings: Iterable[StoredFiling], stream: TextIO, findings: FindingsOf = _none) -> int:
    """The filings as one JSON array; returns how many were written."""
    docs = [json_object(stored, findings(stored.id)) for stored in filings]
    stream.write(json_for_terminal(orjson.dumps(docs, option=orjson.OPT_INDENT_2).decode()) + "\n")
    return len(docs)


def csv_lines(stored: StoredFiling, code: str | None = None, findings: Sequence[Finding] = ()) -> Iterator[list[str]]:
    """One line per row of the filing (only rows with transaction code ``code`` when given); a
    filing without rows gives one line with the row columns empty, so that every filing is there.
    The filing's findings are one cell, one "kind: message" a line."""
    filing, state = stored.filing, stored.state
    doc = filing_to_dict(filing)
    head = [
        stored.id,
        filing.accession_number,
        filing.form,
        filing.filed_date.text if filing.filed_date else None,
        filing.period_of_report.text if filing.period_of_report else None,
        filing.issuer.name,
        filing.issuer.ticker,
        filing.issuer.cik,
        "; ".join(o.name or "" for o in filing.owners),
        "; ".join(o.cik or "" for o in filing.owners),
        "; ".join(o.relationship for o in filing.owners),
        filing.aff10b5_one,
        state.reviewed,
        state.reviewed_at,
        state.note,
        "\n".join(f"{f.kind}: {f.message}" for f in findings),
    ]
    wanted = code.upper() if code else None
    lines = 0
    for table, rows in (("I", doc["non_derivative"]), ("II", doc["derivative"])):
        for row in rows:
            if wanted and (row.get("code") or "").upper() != wanted:
                continue
            values = [row.get(c) for c in CSV_ROW_COLUMNS[:-2]]
            refs = row["footnotes"]
            cited = dict.fromkeys(i for ids in refs.values() for i in ids)
            notes = "; ".join(f"{k}: {' '.join(v)}" for k, v in refs.items())
            text = "\n".join(f"{i}: {filing.footnotes.get(i, '')}" for i in cited)
            lines += 1
            yield [cell(v) for v in (*head, table, *values, notes, text)]
    if lines == 0 and not wanted:
        yield [cell(v) for v in head] + [""] * (len(CSV_ROW_COLUMNS) + 1)


def write_csv(
    filings: Iterable[StoredFiling], stream: TextIO, code: str | None = None, findings: FindingsOf = _none
) -> int:
    """The filings as CSV with a header line; returns how many filings were written."""
    writer = csv.writer(stream)
    writer.writerow(CSV_COLUMNS)
    written = 0
    for stored in filings:
        written += 1
        writer.writerows(csv_lines(stored, code, findings(stored.id)))
    return written


def cell(value: Any) -> str:
    """A value in a CSV cell: None is empty, booleans 1/0, the rest as written, except that a cell a
    spreadsheet would run as a formula gets a leading ' (see `tui.csv_cells`)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    return neutralise(str(value))


__all__ = ["CSV_COLUMNS", "csv_lines", "json_object", "write_csv", "write_json"]
