"""CSV cells that a spreadsheet will not run: a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab
or a carriage return is a formula to Excel, LibreOffice and Google Sheets (``=HYPERLINK(...)`` leaks
data, ``+1+cmd|...`` runs a program). As OWASP recommends, such a cell gets a leading ``'``, which
the spreadsheet shows as text; plain numbers (``-5``, ``+1.5``, ``-1,000``) are left as they are so
that a sold share count stays a number.
"""

from __future__ import annotations

import re

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: a signed decimal number, optionally with thousands separators and an exponent
_PLAIN_NUMBER = re.compile(r"[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?([eE][+-]?\d+)?")


def is_plain_number(value: str) -> bool:
    return bool(value) and any(c.isdigit() for c in value) and _PLAIN_NUMBER.fullmatch(value) is not None


def neutralise(value: str) -> str:
    """``value`` as a CSV cell that no spreadsheet evaluates."""
    if value.startswith(_FORMULA_START) and not is_plain_number(value):
        return "'" + value
    return value
