"""How a command writes records for people and for scripts: a rich table on a terminal, plain
tab-separated lines into a pipe (no header, one record a line), or `--format csv|json`."""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TextIO

import orjson

from tui.csv_cells import neutralise
from tui.safe_text import inert_line, json_for_terminal

FORMATS = ("table", "tsv", "csv", "json")


def add_format_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default=None,
        help="table (the default on a terminal), tsv (the default into a pipe or file: one tab-separated "
        "line per record, no header), csv (with a header), json (an array of objects)",
    )


def chosen_format(args: argparse.Namespace, stream: TextIO | None = None) -> str:
    """The format asked for, else a table on a terminal and TSV anywhere else."""
    if args.format:
        return str(args.format)
    stream = stream or sys.stdout
    return "table" if stream.isatty() else "tsv"


def tsv_cell(value: Any) -> str:
    """A value on one TSV field: tabs and line breaks become spaces, None is empty, booleans 1/0,
    other control characters shown as escapes (`tui.safe_text`)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, list | tuple):
        value = "; ".join(str(v) for v in value)
    return inert_line(" ".join(str(value).replace("\t", " ").splitlines()))


def csv_cell(value: Any) -> str:
    """A CSV cell; one a spreadsheet would run as a formula gets a leading ' (`tui.csv_cells`)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, list | tuple):
        return neutralise("; ".join(str(v) for v in value))
    return neutralise(str(value))


def write_records(
    fmt: str, fields: Sequence[str], records: Iterable[Mapping[str, Any]], stream: TextIO | None = None
) -> None:
    """Records (dicts with at least ``fields``) as tsv, csv or json on ``stream`` (stdout)."""
    stream = stream or sys.stdout
    if fmt == "json":
        rows = [{f: r.get(f) for f in fields} for r in records]
        stream.write(json_for_terminal(orjson.dumps(rows, option=orjson.OPT_INDENT_2).decode()) + "\n")
    elif fmt == "csv":
        writer = csv.writer(stream)
        writer.writerow(fields)
        writer.writerows([csv_cell(r.get(f)) for f in fields] for r in records)
    elif fmt == "tsv":
        for r in records:
            stream.write("\t".join(tsv_cell(r.get(f)) for f in fields) + "\n")
    else:
        raise ValueError(f"not a record format: {fmt}")
