"""The screener's filter as one line of text, as typed in the explorer:

    code=S,P ticker=TSLA value>1000000 price<=50 since=2024-01-01 until=2024-12-31 filed>=2024-02-01
    ad=D table=I role=director,officer title=ceo plan=yes insider="Elon Musk" findings=no reviewed=no

Words are ``name=value`` (``value`` and ``price`` also take ``>``, ``>=``, ``<``, ``<=``; ``filed`` too).
"""

from __future__ import annotations

import re
import shlex
from dataclasses import replace
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from tui.across.rows import ROLE_BITS
from tui.across.screener import ScreenFilter

_WORD = re.compile(r"^([a-z_0-9]+)(>=|<=|=|>|<)(.*)$", re.IGNORECASE)
_YES, _NO = ("yes", "y", "true", "1", "on"), ("no", "n", "false", "0", "off")


class FilterError(ValueError):
    """A word of the filter line that means nothing (the message says which and why)."""


def parse_filter(text: str) -> ScreenFilter:
    try:
        words = shlex.split(text)
    except ValueError as exc:
        raise FilterError(f"unbalanced quotes ({exc})") from None
    changes: dict[str, Any] = {}
    for word in words:
        match = _WORD.match(word)
        if not match:
            raise FilterError(f"{word!r}: write name=value (e.g. code=S, value>1000000)")
        name, op, value = match.group(1).lower(), match.group(2), match.group(3)
        changes.update(_one(name, op, value, word))
    return replace(ScreenFilter(), **changes)


def _one(name: str, op: str, value: str, word: str) -> dict[str, Any]:
    if name in ("value", "price"):
        number = _number(value, word)
        if op == "=":
            return {f"min_{name}": number, f"max_{name}": number}
        return {f"{'min' if op.startswith('>') else 'max'}_{name}": number}
    if name in ("date", "filed") and op != "=":
        prefix = "" if name == "date" else "filed_"
        return {f"{prefix}{'since' if op.startswith('>') else 'until'}": _date(value, word)}
    if op != "=":
        raise FilterError(f"{word!r}: only value, price, date and filed take < or >")
    if name in ("since", "until", "filed_since", "filed_until"):
        return {name: _date(value, word)}
    if name == "code":
        return {"codes": tuple(c.strip().upper() for c in value.split(",") if c.strip())}
    if name == "ad":
        if value.upper() not in ("A", "D"):
            raise FilterError(f"{word!r}: ad is A or D")
        return {"acquired_disposed": value.upper()}
    if name == "table":
        if value.upper() not in ("I", "II", "1", "2"):
            raise FilterError(f"{word!r}: table is I or II")
        return {"table": 0 if value.upper() in ("I", "1") else 1}
    if name == "role":
        roles = tuple(r.strip().lower().replace("10%", "ten_percent") for r in value.split(",") if r.strip())
        unknown = [r for r in roles if r not in ROLE_BITS]
        if unknown:
            raise FilterError(f"{word!r}: a role is one of {', '.join(ROLE_BITS)}")
        return {"roles": roles}
    if name in ("title", "ticker", "insider"):
        return {{"title": "title_contains"}.get(name, name): value or None}
    if name in ("plan", "findings", "reviewed"):
        return {{"findings": "has_findings"}.get(name, name): _flag(value, word)}
    raise FilterError(f"{word!r}: no filter {name!r}")


def _number(text: str, word: str) -> Decimal:
    try:
        return Decimal(text.replace(",", "").replace("$", "").replace("_", ""))
    except InvalidOperation:
        raise FilterError(f"{word!r}: {text!r} is not a number") from None


def _date(text: str, word: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise FilterError(f"{word!r}: {text!r} is not a date (YYYY-MM-DD)") from None


def _flag(text: str, word: str) -> bool:
    if text.lower() in _YES:
        return True
    if text.lower() in _NO:
        return False
    raise FilterError(f"{word!r}: yes or no")
