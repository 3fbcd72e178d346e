"""Whatever a rep types or an answers file holds, the readers answer or raise UsageError."""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from salescoach.core.training.quiz import build_quiz, read_answer
from salescoach.core.training.scenario import ScenarioRun, find_scenario, read_reply
from salescoach.errors import UsageError
from salescoach.ui.training.train_prompts import read_answers_file
from tests.support.training import training_playbook

QUIZ = build_quiz(training_playbook(), random.Random(5), 5)
ANSWERS = st.one_of(
    st.text(max_size=60),
    st.integers(-5, 20),
    st.lists(st.one_of(st.text(max_size=12), st.integers(0, 9)), max_size=9),
    st.none(),
)


@given(st.sampled_from(QUIZ), ANSWERS)
def test_quiz_answers(question, raw) -> None:  # type: ignore[no-untyped-def]
    try:
        given_ = read_answer(question, raw, training_playbook())
    except UsageError:
        return
    assert all(0 <= i < len(question.choices) for i in given_)
    assert len(given_) == len(question.correct)


@given(ANSWERS)
def test_scenario_replies(raw) -> None:  # type: ignore[no-untyped-def]
    run = ScenarioRun(find_scenario(training_playbook(), "budget-call"), random.Random(1))
    try:
        index = read_reply(run, raw)
    except UsageError:
        return
    assert 0 <= index < len(run.shown)


@settings(max_examples=60)
@given(st.text(max_size=200), st.sampled_from([None, "objections"]))
def test_answers_files(tmp_path_factory, text: str, drill: str | None) -> None:  # type: ignore[no-untyped-def]
    file: Path = tmp_path_factory.mktemp("answers") / "a.yaml"
    file.write_text(text, encoding="utf-8")
    try:
        queues = read_answers_file(file, drill)
    except UsageError:
        return
    assert set(queues) <= {"objections", "steps", "scenario"}


def test_digits_from_other_scripts_are_not_choice_numbers() -> None:
    run = ScenarioRun(find_scenario(training_playbook(), "budget-call"), random.Random(1))
    for raw in ("²", "١"):
        try:
            read_reply(run, raw)
        except UsageError:
            continue
        raise AssertionError(f"{raw!r} was read as a number")
