"""The step quiz, generated from the playbook."""

from __future__ import annotations

import random

import pytest

from salescoach.core.kernel.steps import STEP_IDS
from salescoach.core.training.quiz import (
    QuizResult,
    build_quiz,
    exit_question,
    order_question,
    question_for,
    read_answer,
    situation_question,
    situations,
)
from salescoach.errors import UsageError
from tests.support.training import training_playbook


def test_the_order_question_is_shuffled_and_scored_by_position() -> None:
    playbook = training_playbook()
    question = order_question(playbook, random.Random(3))
    assert sorted(question.choices) == sorted(s.title for s in playbook.steps)
    assert list(question.choices) != [s.title for s in playbook.steps]
    right = read_answer(question, list(STEP_IDS), playbook)
    assert QuizResult(question, right).score == 7
    swapped = [STEP_IDS[1], STEP_IDS[0], *STEP_IDS[2:]]
    result = QuizResult(question, read_answer(question, swapped, playbook))
    assert (result.score, result.max_score, result.passed) == (5, 7, True)


def test_order_answers_by_letter_and_their_errors() -> None:
    playbook = training_playbook()
    question = order_question(playbook, random.Random(3))
    letters = " ".join("ABCDEFG"[i] for i in question.correct)
    assert read_answer(question, letters, playbook) == question.correct
    with pytest.raises(UsageError, match="exactly once"):
        read_answer(question, "A A B C D E F", playbook)
    with pytest.raises(UsageError, match="cannot read"):
        read_answer(question, "A B C D E F Z", playbook)


def test_order_letters_may_be_typed_together_or_with_commas() -> None:
    playbook = training_playbook()
    question = order_question(playbook, random.Random(3))
    together = "".join("ABCDEFG"[i] for i in question.correct)
    assert read_answer(question, together, playbook) == question.correct
    assert read_answer(question, together.lower(), playbook) == question.correct
    assert read_answer(question, ",".join(together), playbook) == question.correct
    assert read_answer(question, ", ".join(together), playbook) == question.correct
    with pytest.raises(UsageError, match=r"give the letters A-G in order, e\.g\. ABCDEFG"):
        read_answer(question, together[:-1] + "Z", playbook)
    with pytest.raises(UsageError, match="exactly once, by letter in order"):
        read_answer(question, "AABCDEF", playbook)


def test_situations_come_from_the_steps_own_lines() -> None:
    playbook = training_playbook()
    lines = situations(playbook)
    assert "Decision maker identified by name" in lines["preparation"]
    assert "Who signs the contract?" in lines["preparation"]
    question = situation_question(playbook, playbook.step("preparation"), random.Random(1))
    assert question.key == "steps:situation:preparation"
    assert question.correct == (1,)
    for answer in ("2", "preparation", "Preparation"):
        assert QuizResult(question, read_answer(question, answer, playbook)).score == 1
    assert QuizResult(question, read_answer(question, "approach", playbook)).score == 0


def test_exit_criteria_question_has_one_right_answer() -> None:
    playbook = training_playbook()
    question = exit_question(playbook, playbook.step("closing"), random.Random(4))
    assert len(question.choices) == 4
    assert question.choices[question.correct[0]] == "The deal has a recorded outcome"
    others = set(question.choices) - {"The deal has a recorded outcome"}
    closing_criteria = {c.text for c in playbook.step("closing").exit_criteria}
    assert not others & closing_criteria


def test_a_quiz_starts_with_the_order_and_is_repeatable() -> None:
    playbook = training_playbook()
    quiz = build_quiz(playbook, random.Random(9), 6)
    assert len(quiz) == 6 and quiz[0].kind == "order"
    assert {q.kind for q in quiz[1:]} <= {"situation", "exit"}
    assert quiz == build_quiz(playbook, random.Random(9), 6)


def test_review_keys_rebuild_their_question() -> None:
    playbook = training_playbook()
    question = question_for(playbook, "steps:exit:approach", random.Random(2))
    assert question.kind == "exit" and question.key == "steps:exit:approach"
    with pytest.raises(UsageError):
        question_for(playbook, "steps:situation:nowhere", random.Random(2))


def test_bad_choice_numbers_are_refused() -> None:
    playbook = training_playbook()
    question = exit_question(playbook, playbook.step("closing"), random.Random(4))
    for bad in ("0", "5", "", "the moon"):
        with pytest.raises(UsageError):
            read_answer(question, bad, playbook)
