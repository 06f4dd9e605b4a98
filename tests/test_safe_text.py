"""Item 1: text from a filing or a file name is inert on a terminal."""

from __future__ import annotations

import os

from tests.hostile import TERMINAL_ATTACK
from tui.safe_text import has_hidden, inert, inert_line, is_inert, shown_path, storable_path


def _no_controls(text: str) -> bool:
    return not any((ord(c) < 0x20 and c not in "\t\n") or 0x7F <= ord(c) <= 0x9F for c in text)


def test_escape_sequences_become_visible_text() -> None:
    attack = "\x1b[2J\x1b]52;c;ZWNobyBwd25lZA==\x07\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\"
    shown = inert(attack)
    assert _no_controls(shown)
    assert shown.startswith("\\x1b[2J\\x1b]52;c;")  # what the filer wrote stays readable
    assert "link" in shown


def test_c1_controls_and_del_are_escaped() -> None:
    shown = inert("a\u009b2Jb\u009dc\x7fd\x85e")
    assert shown == "a\\x9b2Jb\\x9dc\\x7fd\\x85e"


def test_tab_and_newline_kept_in_blocks_escaped_on_one_line() -> None:
    assert inert("line one\n\tline two") == "line one\n\tline two"
    assert inert_line("evil.xml\nfailed: good.xml: forged") == "evil.xml\\x0afailed: good.xml: forged"
    assert "\n" not in inert_line("a\nb\rc")


def test_bidi_overrides_and_zero_width_are_shown() -> None:
    name = "Evil\u202eLLC\u200b\u2066x\u2069"
    assert has_hidden(name)
    assert inert(name) == "Evil\\u202eLLC\\u200b\\u2066x\\u2069"
    assert not has_hidden("Müller & Søn")
    assert inert("Müller & Søn [b]x[/b] ✓") == "Müller & Søn [b]x[/b] ✓"  # ordinary text untouched


def test_filing_attack_string() -> None:
    shown = inert_line(TERMINAL_ATTACK)
    assert _no_controls(shown) and is_inert(shown) and not has_hidden(shown)


def test_file_names_that_are_not_utf8() -> None:
    name = os.fsdecode(b"bad-\xff\xfe-\x1b[31m.xml")
    assert shown_path(name) == "bad-\\xff\\xfe-\\x1b[31m.xml"
    assert storable_path(name) == "bad-\\xff\\xfe-\x1b[31m.xml"
    storable_path(name).encode("utf-8")  # no lone surrogate left
