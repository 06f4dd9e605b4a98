"""Characters -> words (tui/readers/pdf/words.py)."""

from __future__ import annotations

from tests.readers.pdf.synthetic import char
from tui.readers.pdf.words import BLACK, BLUE, GREEN, colour_class, has_space_chars, words_from_chars


def _chars(text: str, x0: float, top: float = 100.0, **kw) -> list[dict]:
    out = []
    for i, c in enumerate(text):
        out.append(char(c, x0 + 4.0 * i, top, **kw))
    return out


def test_colour_classes_rgb_cmyk_and_grey() -> None:
    assert colour_class((0, 0, 1)) == BLUE
    assert colour_class((0.0, 0.0, 0.6)) == BLUE
    assert colour_class((0, 0.5, 0)) == GREEN
    assert colour_class((1, 1, 0, 0)) == BLUE  # CMYK: cyan + magenta ink is blue
    assert colour_class((1, 0, 0, 0)) == BLACK  # cyan alone is not the values' blue
    assert colour_class((0, 0, 0)) == BLACK
    assert colour_class((0.5,)) == BLACK  # a grey level
    assert colour_class(None) == BLACK


def test_a_space_character_ends_a_word_and_is_remembered() -> None:
    chars = [*_chars("ab", 10), char(" ", 18, 100), *_chars("cd", 22)]
    words = words_from_chars(chars, 0)
    assert [w.text for w in words] == ["ab", "cd"]
    assert words[0].space_after and not words[1].space_after
    assert has_space_chars(words)


def test_a_gap_wider_than_the_char_gap_splits_without_a_space() -> None:
    # 8 pt glyphs 4 pt wide: a gap of 0.12 em = 0.96 pt splits, 0.5 pt does not
    chars = _chars("ab", 10) + _chars("cd", 18.5)
    assert [w.text for w in words_from_chars(chars, 0)] == ["abcd"]
    chars = _chars("ab", 10) + _chars("cd", 19.2)
    assert [w.text for w in words_from_chars(chars, 0)] == ["ab", "cd"]
    assert not has_space_chars(words_from_chars(chars, 0))


def test_a_change_of_colour_size_or_baseline_splits() -> None:
    blue_then_black = _chars("12", 10) + _chars("$", 18, colour=(0, 0, 0))
    assert [(w.text, w.colour) for w in words_from_chars(blue_then_black, 0)] == [("12", BLUE), ("$", BLACK)]
    bigger = _chars("ab", 10) + _chars("c", 18, size=10)
    assert len(words_from_chars(bigger, 0)) == 2
    raised = _chars("ab", 10) + _chars("c", 18, top=96)  # 4 pt higher: 0.5 em > 0.3 em
    assert len(words_from_chars(raised, 0)) == 2


def test_glyphs_whose_centre_is_off_the_page_are_dropped() -> None:
    chars = _chars("ab", 10, top=790)  # centre at 794 on a 792 pt page
    assert words_from_chars(chars, 0, page_height=792.0) == []
    assert len(words_from_chars(chars, 0)) == 1


def test_words_carry_their_page_and_stream_position() -> None:
    words = words_from_chars([*_chars("ab", 10), char(" ", 18, 100), *_chars("cd", 22)], 3, seq=40)
    assert [(w.page, w.seq) for w in words] == [(3, 40), (3, 41)]
