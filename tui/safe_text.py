"""Text from a filing or a file name made inert for a terminal: the one function every output path
(CLI tables, `failed:` lines, the explorer's panes, its Source line and notifications) passes such
text through before it is shown.

Rich and Textual drop only BEL, BS, VT, FF and CR; every other control character would reach the
terminal raw, and ESC (C0) or CSI/OSC (C1, legal in XML 1.0 as U+009B, U+009D) start sequences that
clear the screen, write the clipboard (OSC 52) or make links (OSC 8). Here each of them is shown as
a visible escape (``\\x1b``, ``\\x9b``), so what the filer wrote stays readable and nothing acts.
Bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069) and zero-width characters, which
can make a name read differently from what it is, are shown the same way (``\\u202e``).

Only tab and, where a value may span lines, newline pass through; :func:`inert_line` turns newlines
and tabs into escapes too, for values that must stay on one line (a file name in a `failed:` line
must not forge a second line).
"""

from __future__ import annotations

import dataclasses
import os
import re
from typing import Any, TypeVar, cast

#: C0 controls, DEL and C1 controls
_CONTROL = "\x00-\x1f\x7f-\x9f"
#: bidi embeddings/overrides (U+202A-U+202E), isolates (U+2066-U+2069), the marks LRM/RLM/ALM,
#: zero-width space/joiners, word joiner and invisible operators, the BOM used as ZWNBSP
_INVISIBLE = "\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
#: unpaired surrogates (a file name that is not UTF-8 decodes with surrogateescape to these)
_SURROGATE = "\ud800-\udfff"

_BLOCK = re.compile(f"[{_CONTROL}{_INVISIBLE}{_SURROGATE}]")
_HIDDEN = re.compile(f"[{_INVISIBLE}]")
_KEEP_IN_BLOCK = frozenset("\t\n")


def _escape(char: str) -> str:
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def _escape_match(match: re.Match[str]) -> str:
    return _escape(match.group())


def _escape_unless_layout(match: re.Match[str]) -> str:
    char = match.group()
    return char if char in _KEEP_IN_BLOCK else _escape(char)


def inert(text: str | None) -> str:
    """``text`` with every control, bidi-override and zero-width character shown as an escape;
    tab and newline are kept (for footnotes, remarks and addresses that span lines)."""
    if not text:
        return ""
    return _BLOCK.sub(_escape_unless_layout, text)


def inert_line(text: str | None) -> str:
    """Like :func:`inert`, and newline and tab are escaped too: the value stays on one line."""
    if not text:
        return ""
    return _BLOCK.sub(_escape_match, text)


def is_inert(text: str) -> bool:
    """True when ``text`` holds nothing that :func:`inert_line` would change."""
    return _BLOCK.search(text) is None


def has_hidden(text: str) -> bool:
    """True when ``text`` holds a bidi override or a zero-width character (a name to flag)."""
    return _HIDDEN.search(text) is not None


def shown_path(path: str | os.PathLike[str]) -> str:
    """A file name as it can be printed on one line: bytes that are not UTF-8 (surrogate-escaped
    by Python) as ``\\xNN``, controls and hidden characters escaped, newlines included."""
    raw = os.fsencode(path)
    return inert_line(raw.decode("utf-8", "backslashreplace"))


def storable_path(path: str | os.PathLike[str]) -> str:
    """A file name as valid Unicode for JSON (orjson refuses lone surrogates): bytes that are not
    UTF-8 become ``\\xNN``. Only for recording where a filing came from, never for opening it."""
    raw = os.fsencode(path)
    return raw.decode("utf-8", "backslashreplace")


T = TypeVar("T")


def inert_values(value: T) -> T:
    """A copy of ``value`` (a Filing, a summary: frozen dataclasses, tuples, lists, dicts, strings)
    with every string passed through :func:`inert`: what a display path calls once on a filing
    before it draws any of it. Values with nothing to escape are returned as they are (no copy)."""
    return cast(T, _inert_any(value))


#: what `inert` changes: the block pattern without tab and newline
_UNSAFE_IN_BLOCK = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_INVISIBLE}{_SURROGATE}]")
_FIELDS: dict[type, tuple[str, ...]] = {}


def _init_fields(cls: type) -> tuple[str, ...]:
    names = _FIELDS.get(cls)
    if names is None:
        names = _FIELDS[cls] = tuple(f.name for f in dataclasses.fields(cls) if f.init)
    return names


def _inert_any(value: Any) -> Any:
    """Strings made inert, containers and dataclasses rebuilt only where something changed."""
    if isinstance(value, str):
        return _BLOCK.sub(_escape_unless_layout, value) if _UNSAFE_IN_BLOCK.search(value) else value
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, tuple | list):
        items = [_inert_any(v) for v in value]
        if all(a is b for a, b in zip(items, value, strict=True)):
            return value
        return items if isinstance(value, list) else type(value)(items)
    if isinstance(value, dict):
        pairs = [(_inert_any(k), _inert_any(v)) for k, v in value.items()]
        same = all(a is k and b is v for (a, b), (k, v) in zip(pairs, value.items(), strict=True))
        return value if same else type(value)(pairs)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for name in _init_fields(type(value)):
            old = getattr(value, name)
            new = _inert_any(old)
            if new is not old:
                changes[name] = new
        return dataclasses.replace(value, **changes) if changes else value
    return value


_JSON_UNSAFE = re.compile(f"[\x7f-\x9f{_INVISIBLE}]")


def json_for_terminal(text: str) -> str:
    """JSON text (as orjson writes it: C0 already escaped) with DEL, C1 and the hidden characters
    written as ``\\uXXXX`` escapes: the same JSON value, nothing a terminal would act on."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
