"""Drill prompts driven through prompt_toolkit's pipe input, as a person would type them."""

from __future__ import annotations

import io
import random
from collections import deque
from collections.abc import Iterator

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from salescoach.core.kernel.script import Script
from salescoach.core.kernel.steps import STEP_IDS
from salescoach.core.training.drills import draw_objection_items
from salescoach.core.training.practice import Session, run_objections, run_quiz, run_scenario
from salescoach.core.training.quiz import build_quiz
from salescoach.core.training.scenario import find_scenario
from salescoach.ui.console import Terminal
from salescoach.ui.training.train_prompts import TrainingCoach
from tests.support.training import training_playbook

DOWN, ENTER = "\x1b[B", "\r"


@pytest.fixture
def typed() -> Iterator[object]:
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        yield pipe


def _coach(answers: dict[str, deque[object]] | None = None) -> tuple[TrainingCoach, io.StringIO]:
    out = io.StringIO()
    coach = TrainingCoach(
        Terminal(stdout=out, stderr=io.StringIO(), interactive=True),  # a person at a terminal
        training_playbook(),
        Script(answers or {}, flag="--answers FILE", can_ask=True),  # as if a person sat there
        to_stderr=False,
    )
    return coach, out


def test_a_typed_response_is_scored(typed) -> None:  # type: ignore[no-untyped-def]
    playbook = training_playbook()
    items = draw_objection_items(playbook, random.Random(1), 1, ["price"])
    typed.send_text("That makes sense. What are you comparing? The value. Does that help?" + ENTER)
    coach, out = _coach()
    session = Session(seed=1)
    run_objections(playbook, items, coach, session)
    assert session.results[0].score == session.results[0].max_score == 5
    assert "Model response" in out.getvalue()


def test_an_empty_response_is_asked_again(typed) -> None:  # type: ignore[no-untyped-def]
    playbook = training_playbook()
    items = draw_objection_items(playbook, random.Random(1), 1, ["price"])
    typed.send_text(ENTER + "fair" + ENTER)
    session = Session(seed=1)
    run_objections(playbook, items, _coach()[0], session)
    assert session.results[0].detail["response"] == "fair"


def test_scenario_replies_are_picked_with_arrow_keys(typed) -> None:  # type: ignore[no-untyped-def]
    playbook = training_playbook()
    scenario = find_scenario(playbook, "gatekeeper")
    rng = random.Random(4)
    typed.send_text(DOWN + ENTER)
    session = Session(seed=4)
    run = run_scenario(playbook, scenario, rng, _coach()[0], session)
    chosen = run.results[0].reply
    assert chosen.text.startswith(("It's about", "Just tell"))
    assert session.results[0].score == chosen.points


def test_answers_file_first_then_the_terminal(typed) -> None:  # type: ignore[no-untyped-def]
    playbook = training_playbook()
    quiz = build_quiz(playbook, random.Random(2), 2)
    order = list(STEP_IDS)
    typed.send_text(DOWN + ENTER)  # the second question comes from the terminal: choice 2
    session = Session(seed=2)
    run_quiz(playbook, quiz, _coach({"steps": deque([order])})[0], session)
    assert session.results[0].score == 7
    assert session.results[1].detail["given"] == [quiz[1].choices[1]]


def test_ctrl_c_is_an_exception_not_a_silent_none(typed) -> None:  # type: ignore[no-untyped-def]
    playbook = training_playbook()
    items = draw_objection_items(playbook, random.Random(1), 1)
    typed.send_text("\x03")
    with pytest.raises(KeyboardInterrupt):
        run_objections(playbook, items, _coach()[0], Session(seed=1))


def _narrow_coach(width: int) -> tuple[TrainingCoach, io.StringIO]:
    out = io.StringIO()
    term = Terminal(stdout=out, stderr=io.StringIO(), interactive=True, width=width)
    coach = TrainingCoach(
        term, training_playbook(), Script({}, flag="--answers FILE", can_ask=True), to_stderr=False
    )
    return coach, out


def test_a_quiz_menu_shows_its_choices_once(typed) -> None:  # type: ignore[no-untyped-def]
    playbook = training_playbook()
    quiz = [q for q in build_quiz(playbook, random.Random(2), 6) if q.kind != "order"][:1]
    typed.send_text(ENTER)
    coach, out = _narrow_coach(160)
    run_quiz(playbook, quiz, coach, Session(seed=2))
    assert f"1. {quiz[0].choices[0]}" not in out.getvalue()  # the menu shows them, not the view


def test_long_scenario_replies_are_listed_whole_above_a_short_menu(typed) -> None:  # type: ignore[no-untyped-def]
    playbook = training_playbook()
    scenario = find_scenario(playbook, "gatekeeper")
    typed.send_text(ENTER)
    coach, out = _narrow_coach(30)
    run_scenario(playbook, scenario, random.Random(4), coach, Session(seed=4))
    text = " ".join(out.getvalue().split())
    first = next(t for t in scenario.turns if t.id == scenario.start)
    assert all(f" {reply.text}" in text for reply in first.replies)
