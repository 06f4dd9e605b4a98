"""10b5-1 disclosure (``plan_10b5_1``), on filings that have the box (the ``aff10b5One`` element, in
the forms since the Rule 10b5-1 amendments of 2023):

- the box is checked, but no footnote (nor the remarks) gives the date the plan was adopted
  (Form 4 General Instruction 10 asks for it);
- the box is not checked, but a footnote says a transaction was made under a Rule 10b5-1 plan.

A footnote that says the opposite ("not pursuant to a 10b5-1 plan", "the plan was terminated") is not
read as naming a plan the transactions were made under.
"""

from __future__ import annotations

import re
from functools import lru_cache

from tui.checks.finding import Finding, RowRef, row_ref
from tui.model import Filing

_RULE = re.compile(r"10\s*-?\s*b\s*-?\s*5\s*[-‐‑–—]?\s*1", re.IGNORECASE)
_PLAN = re.compile(r"\b(?:trading\s+(?:plan|arrangement)|sales?\s+plan|written\s+plan)\b", re.IGNORECASE)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE = re.compile(
    rf"\b{_MONTH}\s+(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?\d{{4}}\b"
    rf"|\b\d{{1,2}}\s+{_MONTH}\s+\d{{4}}\b"
    r"|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b",
    re.IGNORECASE,
)
_NEGATION = re.compile(r"\b(?:not|no|neither|nor|terminat\w*|cancel\w*|other\s+than)\b", re.IGNORECASE)
_SENTENCE = re.compile(r"(?<=[.;])\s+(?=[A-Z(])")


def _names_plan(text: str) -> bool:
    return bool(_RULE.search(text) or _PLAN.search(text))


# a filer's footnotes repeat from filing to filing, and most never name a plan: each text is read once
@lru_cache(maxsize=1 << 14)
def _dates_plan(text: str) -> bool:
    """The text names a plan and gives a date."""
    return _names_plan(text) and _DATE.search(text) is not None


@lru_cache(maxsize=1 << 14)
def _says_made_under_plan(text: str) -> bool:
    """A sentence names a Rule 10b5-1 plan and does not deny or end it."""
    if _RULE.search(text) is None:  # (no sentence of it can name the rule)
        return False
    return any(_RULE.search(s) and not _NEGATION.search(s) for s in _SENTENCE.split(text))


def _citing_rows(filing: Filing, note_id: str) -> tuple[RowRef, ...]:
    refs: list[RowRef] = []
    for index, row in enumerate(filing.rows):
        if any(note_id in ids for ids in row.footnotes.values()):
            refs.append(row_ref(filing, index))
    return tuple(refs)


def check_plan_10b5_1(filing: Filing) -> list[Finding]:
    if filing.aff10b5_one is None:
        return []
    notes = filing.footnotes
    if filing.aff10b5_one:
        if any(map(_dates_plan, notes.values())) or _dates_plan(filing.remarks or ""):
            return []
        naming = [i for i, t in notes.items() if _names_plan(t)]
        detail = (
            f": {', '.join(naming)} name{'s' if len(naming) == 1 else ''} the plan without a date" if naming else ""
        )
        return [
            Finding(
                "plan_10b5_1",
                f"The 10b5-1 box is checked, but no footnote gives the date the plan was adopted{detail}",
                fields=("aff10b5_one", "footnotes"),
            )
        ]
    saying = [note_id for note_id, text in notes.items() if _says_made_under_plan(text)]
    if not saying or not any(row.kind == "transaction" for row in filing.rows):
        return []
    return [
        Finding(
            "plan_10b5_1",
            f"Footnote {note_id} says transactions were made under a Rule 10b5-1 plan, "
            "but the 10b5-1 box is not checked",
            rows=_citing_rows(filing, note_id),
            fields=("aff10b5_one", "footnotes"),
        )
        for note_id in saying
    ]
