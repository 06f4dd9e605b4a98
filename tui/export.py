"""Stored filings written out for other programs: JSON (the interchange format) and CSV (one line
per Table I/II row, the filing's columns repeated on each)."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from typing import Any, TextIO

import orjson

from tui.interchange import filing_to_dict
from tui.store import FilingSummary, Store

CSV_FILING_COLUMNS = ("filing_id", "accession", "form", "issuer", "ticker", "issuer_cik", "owners", "table")
CSV_ROW_COLUMNS = (
    "kind", "security_title", "conversion_or_exercise_price", "transaction_date", "deemed_execution_date",
    "form_type", "code", "equity_swap", "timeliness", "shares", "total_value", "price", "acquired_disposed",
    "exercise_date", "expiration_date", "underlying_title", "underlying_shares", "underlying_value",
    "shares_owned_following", "value_owned_following", "direct_indirect", "nature_of_ownership", "footnotes",
)  # fmt: skip


def write_json(store: Store, summaries: Sequence[FilingSummary], stream: TextIO) -> int:
    """The filings as a JSON array in the interchange format; returns how many were written."""
    docs = []
    for s in summaries:
        stored = store.get(s.id)
        if stored is not None:
            docs.append(filing_to_dict(stored.filing))
    stream.write(orjson.dumps(docs, option=orjson.OPT_INDENT_2).decode() + "\n")
    return len(docs)


def write_csv(store: Store, summaries: Sequence[FilingSummary], stream: TextIO) -> int:
    """One CSV line per Table I/II row; returns how many filings were written."""
    writer = csv.writer(stream)
    writer.writerow(CSV_FILING_COLUMNS + CSV_ROW_COLUMNS)
    written = 0
    for s in summaries:
        stored = store.get(s.id)
        if stored is None:
            continue
        written += 1
        doc = filing_to_dict(stored.filing)
        head = [s.id, s.accession or "", s.form, s.issuer or "", s.ticker or "", s.issuer_cik or "",
                "; ".join(s.owners)]  # fmt: skip
        for table, rows in (("I", doc["non_derivative"]), ("II", doc["derivative"])):
            for row in rows:
                values = [csv_value(row.get(c)) for c in CSV_ROW_COLUMNS[:-1]]
                notes = "; ".join(f"{k}: {' '.join(v)}" for k, v in row["footnotes"].items())
                writer.writerow([*head, table, *values, notes])
    return written


def csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)
