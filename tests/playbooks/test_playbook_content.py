"""The shipped playbooks are complete: every step filled, ten objection families with enough
phrasings, probing questions and responses, cadences for each outcome, and scenarios."""

from __future__ import annotations

import pytest

from salescoach.core.kernel.steps import STEP_IDS
from salescoach.core.playbook.loader import load_playbook
from salescoach.core.playbook.model import OBJECTION_IDS
from salescoach.paths import playbook_dirs

SHIPPED = ("b2b-saas", "field-sales", "services")


@pytest.mark.parametrize("name", SHIPPED)
def test_playbook_is_complete(name: str) -> None:
    playbook = load_playbook(name, playbook_dirs()).playbook
    assert [s.id for s in playbook.steps] == list(STEP_IDS)
    for step in playbook.steps:
        assert step.goal and len(step.guidance) >= 3 and len(step.checklist) >= 3, step.id
        assert step.questions, step.id
    assert sorted(o.id for o in playbook.objections) == sorted(OBJECTION_IDS)
    for objection in playbook.objections:
        phrasings = {p.strip().lower() for p in objection.phrasings}
        assert len(phrasings) >= 10, objection.id
        assert len(objection.probing_questions) >= 2, objection.id
        assert len(objection.responses) >= 2, objection.id
    assert {c.outcome for c in playbook.cadences} >= {"next_step", "won", "lost"}
    assert len(playbook.scenarios) >= 3
    assert playbook.personas and playbook.battlecards and playbook.drill_rubric


@pytest.mark.parametrize("name", SHIPPED)
def test_playbook_follows_the_conventions_other_features_read(name: str) -> None:
    playbook = load_playbook(name, playbook_dirs()).playbook
    questions = {q.id: q for _, q in playbook.questions()}
    assert questions["outcome"].choices == ["next_step", "won", "lost", "no_decision"]
    assert {"persona", "competitors", "loss_reason", "next_step_date"} <= set(questions)
    persona_choices = set(questions["persona"].choices or [])
    assert persona_choices == {p.id for p in playbook.personas}


def test_the_playbooks_are_distinct() -> None:
    phrasings = [
        {p for o in load_playbook(n, playbook_dirs()).playbook.objections for p in o.phrasings}
        for n in SHIPPED
    ]
    for i in range(len(phrasings)):
        for j in range(i + 1, len(phrasings)):
            assert len(phrasings[i] & phrasings[j]) < 5


@pytest.mark.parametrize("name", SHIPPED)
def test_an_open_question_earns_the_explore_stage(name: str) -> None:
    from salescoach.core.training.drills import score_response

    playbook = load_playbook(name, playbook_dirs()).playbook
    for objection in playbook.objections:
        score = score_response(
            "What did it cost you with that client?", playbook.drill_rubric, objection
        )
        explore = next(s for s in score.stages if s.stage == "explore")
        assert explore.points == explore.max_points > 0, objection.id
        assert {"?", "what"} <= set(explore.found)
