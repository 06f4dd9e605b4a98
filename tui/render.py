"""The rich rendering of a filing for the terminal (`form4 show`, `form4 parse`): the header,
Tables I and II with the form's footnote marks on the cells that cite them, the footnotes."""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from tui.columns import TABLE_I, TABLE_II
from tui.formatting import footnote_label, format_date
from tui.model import Filing
from tui.safe_text import inert_values

#: rows of a table printed by `show` (the rest are counted; --format csv/tsv/json give them all)
MAX_ROWS_SHOWN = 1000


def print_filing(console: Console, filing: Filing) -> None:
    """A filing as rich tables, with the form's footnote marks on the cells that cite them. Every
    string of the filing is made inert first (`tui.safe_text`): nothing a filer wrote acts on the
    terminal."""
    filing = inert_values(filing)
    issuer = filing.issuer
    head = Table.grid(padding=(0, 2))
    head.add_column(style="bold")
    head.add_column()
    head.add_row("Form", Text(filing.form + ("  (amendment)" if filing.is_amendment else "")))
    cik = f"  CIK {issuer.cik}" if issuer.cik else ""
    head.add_row("Issuer", Text(f"{issuer.name or ''} [{issuer.ticker or ''}]{cik}"))
    head.add_row("Period of report", Text(format_date(filing.period_of_report)))
    if filing.date_of_original_submission:
        head.add_row("Original filed", Text(format_date(filing.date_of_original_submission)))
    if filing.accession_number:
        head.add_row("Accession", Text(filing.accession_number))
    for flag, label in (
        (filing.aff10b5_one, "Rule 10b5-1 plan box checked"),
        (filing.not_subject_to_section16, "No longer subject to Section 16"),
        (filing.no_securities_owned, "No securities beneficially owned"),
    ):
        if flag:
            head.add_row("", Text(label))
    for number, owner in enumerate(filing.owners, start=1):
        address = ", ".join(
            p for p in (owner.street1, owner.street2, owner.city, owner.state, owner.zip, owner.country) if p
        )
        head.add_row(f"Owner {number}", Text(f"{owner.name or ''}" + (f"  CIK {owner.cik}" if owner.cik else "")))
        head.add_row("", Text(address))
        if owner.relationship:
            head.add_row("", Text(owner.relationship))
    if filing.relationship is not None and len(filing.owners) > 1:  # printed for the filing as a whole
        head.add_row("Relationship", Text(filing.relationship.describe() or "(no box checked)"))
    console.print(head)
    for title, rows, columns in (
        ("Table I — non-derivative securities", filing.non_derivative, TABLE_I),
        ("Table II — derivative securities", filing.derivative, TABLE_II),
    ):
        if not rows:
            continue
        more = len(rows) - MAX_ROWS_SHOWN
        rows = rows[:MAX_ROWS_SHOWN]  # laying out 12,000 rows takes a minute; no reader scrolls them
        # columns empty in every row (no deemed dates, no indirect holdings …) are left out
        cells = [[column.render(row) for column in columns] for row in rows]
        shown = [i for i, column in enumerate(columns) if i == 0 or any(line[i].plain for line in cells)]
        table = Table(
            title=title, title_justify="left", title_style="bold", header_style="bold", box=box.SIMPLE_HEAD,
            pad_edge=False, collapse_padding=True,
        )  # fmt: skip
        needed = 0
        for i in shown:
            column = columns[i]
            # values (dates, amounts) keep their width; free text and headers wrap to fit
            widest = max(len(line[i].plain) for line in cells)
            word = max(len(w) for w in column.header.split())
            min_width = max(min(widest, 12) if column.wraps else widest, word)
            needed += min_width + 2
            table.add_column(
                column.header, justify="right" if column.numeric else "left", overflow="fold", min_width=min_width
            )
        for line in cells:
            table.add_row(*(line[i] for i in shown))
        if needed <= console.width:
            console.print(table)
            if more > 0:
                console.print(
                    Text(f"… and {more:,} more rows: `form4 show ID --format csv` writes every row", style="dim")
                )
            continue
        # too wide for this terminal: one block per row, "column: value", so nothing is cut off
        console.print(Text(title, style="bold"))
        for number, line in enumerate(cells, start=1):
            record = Table.grid(padding=(0, 2))
            record.add_column(style="bold", no_wrap=True)
            record.add_column(overflow="fold")
            for i in shown:
                if line[i].plain:
                    record.add_row(columns[i].header, line[i])
            console.print(Text(f"row {number}", style="dim"))
            console.print(record)
        if more > 0:
            console.print(Text(f"… and {more:,} more rows: `form4 show ID --format csv` writes every row", style="dim"))
    if filing.footnotes:
        console.print(Text("Explanation of responses", style="bold"))
        for footnote_id, text in filing.footnotes.items():
            console.print(Text(f"{footnote_label(footnote_id)} ", style="bold green") + Text(text))
    if filing.remarks:
        console.print(Text("Remarks: ", style="bold") + Text(filing.remarks))
    for signature in filing.signatures:
        console.print(Text(f"Signed: {signature.name or ''}  {format_date(signature.date)}"))
