"""The iCalendar writer: escaping and folding by RFC 5545, checked against icalendar."""

from __future__ import annotations

import icalendar
from hypothesis import example, given, settings
from hypothesis import strategies as st

from salescoach.core.planning import ics

# Any text a rep might type, including the characters iCalendar treats specially.
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=300,
)


def expected_text(value: str) -> str:
    """What survives: TEXT holds no control characters but tab and newline."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(" " if (ord(c) < 32 and c not in "\t\n") or c == "\x7f" else c for c in value)


@settings(max_examples=200, deadline=None)
@given(TEXT)
@example("Call back; then e-mail, with the \\ price\nand terms")
@example("é" * 80)
@example("😀" * 40)
def test_escaped_and_folded_text_round_trips_through_icalendar(value: str) -> None:
    text = ics.calendar(
        [
            ics.component(
                "VTODO", [("UID", "task-1@salescoach"), ("SUMMARY", ics.escape_text(value))]
            )
        ],
        prodid="-//test//EN",
    )
    assert text.endswith("\r\n")
    physical = text.split("\r\n")[:-1]
    assert all(len(line.encode("utf-8")) <= 75 for line in physical)
    assert "\n" not in text.replace("\r\n", "")  # no bare line feeds
    assert "\r" not in text.replace("\r\n", "")
    parsed = icalendar.Calendar.from_ical(text)
    (todo,) = parsed.walk("VTODO")
    assert str(todo["SUMMARY"]) == expected_text(value)


@given(st.text(max_size=500))
def test_unfolding_gives_back_the_content_line(line: str) -> None:
    line = line.replace("\r", "").replace("\n", "")
    parts = ics.fold(line)
    assert all(len(p.encode("utf-8")) <= 75 for p in parts)
    assert all(p.startswith(" ") for p in parts[1:])
    assert ics.unfold("\r\n".join(parts)) == [line]


def test_escaping_follows_the_rfc() -> None:
    assert ics.escape_text("a,b;c\\d\ne\r\nf") == "a\\,b\\;c\\\\d\\ne\\nf"


def test_folding_never_splits_a_character() -> None:
    parts = ics.fold("SUMMARY:" + "€" * 60)  # 3 octets each: 75 would split the 23rd
    assert [len(p.encode()) for p in parts] == [8 + 3 * 22, 1 + 3 * 24, 1 + 3 * 14]
    assert "".join(p[1:] for p in parts[1:]) == "€" * 38
