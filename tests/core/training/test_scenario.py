"""Scenario role-play: branching on replies, points, feedback and the debrief."""

from __future__ import annotations

import random

import pytest

from salescoach.core.playbook.model import Reply, Scenario, Turn
from salescoach.core.training.scenario import MAX_TURNS, ScenarioRun, find_scenario, read_reply
from salescoach.errors import NotFoundError, UsageError
from tests.support.training import training_playbook


def _pick(run: ScenarioRun, text: str) -> None:
    run.choose(read_reply(run, text))


def test_a_good_reply_branches_to_the_comparison_turn() -> None:
    run = ScenarioRun(find_scenario(training_playbook(), "budget-call"), random.Random(1))
    assert run.current is not None and run.current.id == "opening"
    _pick(run, "What were you comparing it with?")
    assert run.current is not None and run.current.id == "comparison"
    _pick(run, "How many hours")
    assert run.finished
    assert (run.score, run.max_score, run.passed) == (6, 6, True)


def test_a_discount_branches_elsewhere_and_the_debrief_names_the_better_reply() -> None:
    run = ScenarioRun(find_scenario(training_playbook(), "budget-call"), random.Random(1))
    _pick(run, "I can give you twenty percent off today.")
    assert run.current is not None and run.current.id == "discount"
    _pick(run, "Fine, thirty percent then.")
    assert run.finished and run.score == -5 and run.max_score == 4
    assert run.share == 0.0 and not run.passed
    debrief = run.debrief()
    assert [t["turn"] for t in debrief["turns"]] == ["opening", "discount"]
    assert debrief["turns"][0]["best_reply"] == "What were you comparing it with?"
    assert debrief["turns"][0]["feedback"].startswith("Discounting before exploring")
    assert debrief["debrief"].startswith("Explore before you respond")


def test_replies_are_shuffled_by_the_seed_but_text_answers_do_not_care() -> None:
    scenario = find_scenario(training_playbook(), "budget-call")
    orders = {
        tuple(r.text for r in ScenarioRun(scenario, random.Random(s)).shown) for s in range(8)
    }
    assert len(orders) == 2
    assert (
        ScenarioRun(scenario, random.Random(3)).shown
        == ScenarioRun(scenario, random.Random(3)).shown
    )


def test_reply_numbers_and_bad_choices() -> None:
    run = ScenarioRun(find_scenario(training_playbook(), "gatekeeper"), random.Random(1))
    assert read_reply(run, 2) == 1
    for bad in ("3", "0", "", "something else entirely"):
        with pytest.raises(UsageError):
            read_reply(run, bad)


def test_scenarios_are_found_by_id_prefix_or_title() -> None:
    playbook = training_playbook()
    assert find_scenario(playbook, "gate").id == "gatekeeper"
    assert find_scenario(playbook, "The budget").id == "budget-call"
    assert find_scenario(playbook, "budget-cal").id == "budget-call"  # a unique start
    with pytest.raises(NotFoundError, match="no scenario 'budgte-call'") as caught:
        find_scenario(playbook, "budgte-call")
    assert caught.value.hint == "did you mean 'budget-call'?"


def test_a_loop_in_the_playbook_stops_after_max_turns() -> None:
    loop = Scenario(
        id="loop",
        title="Loop",
        context="c",
        start="a",
        debrief="d",
        turns=[
            Turn(
                id="a",
                buyer="again?",
                replies=[
                    Reply(text="yes", points=1, feedback="f", next="a"),
                    Reply(text="yes!", points=1, feedback="f", next="a"),
                ],
            )
        ],
    )
    run = ScenarioRun(loop, random.Random(1))
    while not run.finished:
        run.choose(0)
    assert len(run.results) == MAX_TURNS
