"""Server text is shown, never obeyed: control characters written out, length bounded."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inspector.domain.plain_text import ELLIPSIS, bounded, one_line, show_controls


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x1b]0;PWNED\x07\x1b[2J", "\\x1b]0;PWNED\\x07\\x1b[2J"),
        ("line one\nforged line", "line one\\nforged line"),
        ("a\tb\rc", "a\\tb\\rc"),
        ("\x00\x7f\x85", "\\x00\\x7f\\x85"),
        ("abc\u202egnp.exe", "abc\\u202egnp.exe"),
        ("para\u2029graph", "para\\u2029graph"),
    ],
)
def test_control_characters_are_written_out(raw, shown):
    assert show_controls(raw) == shown


def test_line_breaks_can_be_kept_for_multi_line_places():
    assert show_controls("a\nb\tc\x1b", keep_line_breaks=True) == "a\nb\tc\\x1b"


def test_ordinary_text_emoji_and_right_to_left_script_are_left_alone():
    text = "Pairing 👩‍💻 session — שלום · Ünïcödé"
    assert show_controls(text) == text


@given(st.text())
def test_nothing_a_terminal_or_widget_would_obey_is_left(text):
    for character in show_controls(text):
        assert unicodedata.category(character) != "Cc"
        assert character not in "\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def test_bounded_cuts_with_an_ellipsis_and_keeps_short_text():
    assert bounded("short", 10) == "short"
    assert bounded("x" * 11, 10) == "x" * 9 + ELLIPSIS
    assert len(bounded("y" * 1_000_000)) == 300


@given(st.text(), st.integers(min_value=1, max_value=500))
def test_one_line_is_never_longer_than_its_limit(text, limit):
    shown = one_line(text, limit)
    assert len(shown) <= limit
    assert "\n" not in shown


def test_a_limit_below_one_is_refused():
    with pytest.raises(ValueError, match="at least 1"):
        bounded("text", 0)
