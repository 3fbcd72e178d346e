"""Prompts break between words at the terminal's width: at 80 columns questionary cut the
walk's questions mid-word ("what does it cost the|m?", "(Enter to sk|ip)")."""

from __future__ import annotations

from salescoach.ui.prompts import fitted

ASKED = "In one sentence, what problem do you think they have and what does it cost them?"
TRIGGER = "What makes now a good time to call? Write the trigger you found."


def _drawn(message: str, instruction: str) -> list[str]:
    return f"? {message} {instruction}".split("\n")


def test_a_short_question_is_left_as_it_is() -> None:
    assert fitted("How warm is the lead?", "(↑/↓ and Enter)", width=80) == "How warm is the lead?"


def test_a_long_question_breaks_between_words_within_the_width() -> None:
    shown = fitted(ASKED, None, width=80)
    assert shown.split() == ASKED.split()  # every word whole, none lost
    assert "\n" in shown and shown.endswith("cost them?")
    assert all(len(line) <= 79 for line in f"? {shown}".split("\n"))


def test_an_instruction_that_would_not_fit_starts_a_line_of_its_own() -> None:
    shown = fitted(TRIGGER, "(Enter to skip)", width=80)
    drawn = _drawn(shown, "(Enter to skip)")
    assert drawn[-1].strip() == "(Enter to skip)"
    assert all(len(line) <= 79 for line in drawn)


def test_room_is_left_for_a_short_answer_after_the_instruction() -> None:
    asked = "Roughly how many employees does the company have? "
    shown = fitted(asked, "(a number; Enter to skip)", width=80)
    assert all(len(line) + len(" 40") <= 79 for line in _drawn(shown, "(a number; Enter to skip)"))


def test_a_wide_terminal_keeps_the_line_whole() -> None:
    assert fitted(TRIGGER, "(Enter to skip)", width=120) == TRIGGER
