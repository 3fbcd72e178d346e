"""Scripted answers: the file first, then a person; with no one to ask, a lack fails or is noted."""

from __future__ import annotations

import pytest

from salescoach.core.kernel.script import Script
from salescoach.errors import MissingAnswersError


def test_answers_come_in_order_then_the_terminal_is_asked() -> None:
    script = Script({"steps": [1, 2]}, flag="--answers FILE", can_ask=True)
    assert script.next_answer("steps", "steps: 1") == (True, 1)
    assert script.next_answer("steps", "steps: 2") == (True, 2)
    assert script.next_answer("steps", "steps: 3") == (False, None)
    assert script.next_answer("scenario", "scenario: 1") == (False, None)


def test_with_no_one_to_ask_a_lacking_answer_stops_the_run_naming_it_and_the_flag() -> None:
    script = Script({"steps": []}, flag="--answers FILE", can_ask=False)
    assert script.is_empty()
    with pytest.raises(MissingAnswersError) as caught:
        script.next_answer("steps", "steps: answer to question 1")
    assert caught.value.missing == ["steps: answer to question 1"]
    assert caught.value.hint == "give them with --answers FILE"


def test_a_dry_run_notes_every_lacking_answer() -> None:
    missing: list[str] = []
    script = Script({}, flag="--answers FILE.yaml", can_ask=False, missing=missing)
    script.lacks("closing.outcome")
    script.lacks("follow_up.when")
    assert missing == ["closing.outcome", "follow_up.when"]
