"""The one rule for hostile text: which characters are unsafe, how a typed value is refused,
how a file's text is cleaned, and how stored text is shown."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from salescoach.core.kernel.safe_text import (
    check_text,
    first_unsafe,
    indented,
    is_unsafe,
    neutralise,
    visible,
)
from salescoach.errors import UsageError

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


@pytest.mark.parametrize(
    "char",
    ["\x00", "\x07", "\x1b", "\r", "\x7f", "\x85", "\x9b", *BIDI, "\u200b", "\u200e", "\ufeff",
     "\u00ad", "\U000e0041"],
)  # fmt: skip
def test_controls_bidi_and_invisible_format_characters_are_unsafe(char: str) -> None:
    assert is_unsafe(char) and is_unsafe(char, multiline=True)


@pytest.mark.parametrize("char", ["a", "é", "ع", "\u2028", "\u2029", "\u200c", "\u200d", "😀"])
def test_letters_separators_and_joiners_are_kept(char: str) -> None:
    assert not is_unsafe(char)


def test_newlines_and_tabs_only_where_a_field_holds_lines() -> None:
    assert is_unsafe("\n") and is_unsafe("\t")
    assert not is_unsafe("\n", multiline=True) and not is_unsafe("\t", multiline=True)


def test_a_typed_value_is_refused_naming_the_field_and_the_code_point() -> None:
    with pytest.raises(UsageError, match=r"the task title contains .* \(U\+202E\)"):
        check_text("task title", "Call\u202eback")
    assert check_text("note", "a\r\nb\rc", multiline=True) == "a\nb\nc"


def test_a_files_text_loses_whole_terminal_sequences() -> None:
    assert neutralise("x\x1b[2Jy") == "xy"
    assert neutralise("\x1b]8;;http://evil.example\x07click\x1b]8;;\x07") == "click"
    assert neutralise("\x1b]0;title\x1b\\done") == "done"
    assert neutralise("a\x9b31mb\u202ec\x1bMd") == "abcd"
    assert neutralise("one\r\ntwo") == "one two"
    assert neutralise("one\r\ntwo\tthree", multiline=True) == "one\ntwo\tthree"


@given(st.text())
def test_cleaned_text_is_safe_and_cleaning_is_idempotent(text: str) -> None:
    for multiline in (False, True):
        clean = neutralise(text, multiline=multiline)
        assert first_unsafe(clean, multiline=multiline) is None
        assert neutralise(clean, multiline=multiline) == clean


@given(st.text())
def test_shown_text_holds_no_unsafe_character_and_loses_nothing_visible(text: str) -> None:
    shown = visible(text)
    assert first_unsafe(shown, multiline=True) is None
    if first_unsafe(text, multiline=True) is None:
        assert shown == text
    assert all(c in shown for c in text if not is_unsafe(c, multiline=True))
    assert visible(shown) == shown


def test_each_unsafe_character_is_shown_as_an_escape() -> None:
    assert visible("a\x1b[2Jb\u202ec\U000e0041\x85") == "a\\x1b[2Jb\\u202ec\\U000e0041\\x85"
    assert visible("line one\nline two\tend") == "line one\nline two\tend"


def test_later_lines_of_a_note_are_indented() -> None:
    assert indented("first\r\n2026-01-01 09:00  forged\rthird", "    ") == (
        "first\n    2026-01-01 09:00  forged\n    third"
    )


def test_every_format_character_but_the_joiners_is_unsafe() -> None:
    format_chars = [chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Cf"]
    assert {c for c in format_chars if not is_unsafe(c)} == {"\u200c", "\u200d"}


def test_the_quick_scan_finds_every_control_and_format_character() -> None:
    from salescoach.core.kernel.safe_text import _SUSPECT

    chars = [chr(c) for c in range(0x110000)]
    unsafe = [c for c in chars if unicodedata.category(c) in ("Cc", "Cf")]
    assert all(_SUSPECT.fullmatch(c) for c in unsafe)
