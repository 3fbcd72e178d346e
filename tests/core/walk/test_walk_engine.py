"""The walk engine on its own: no terminal, no store; answers come from a scripted object."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from salescoach.core.planning.cadence import PlannedTask
from salescoach.core.walk.engine import Walk
from salescoach.core.walk.protocol import Between, Marker, NullRecorder, Unmet
from salescoach.core.walk.state import (
    NoteRecord,
    ObjectionRecord,
    StepRecord,
    TaskRecord,
    WalkState,
)
from salescoach.errors import UsageError
from tests.support.today import TODAY
from tests.support.walk import FULL, Scripted, Seq, walkthrough


class Spy(NullRecorder):
    """Records what the engine hands over, and a JSON copy of the state at each call."""

    def __init__(self) -> None:
        self.events: list[tuple[str, Any]] = []
        self.saved: list[dict[str, Any]] = []

    def _save(self, state: WalkState) -> None:
        self.saved.append(json.loads(json.dumps(state.to_dict())))

    def progress(self, state: WalkState) -> None:
        self._save(state)

    def objection(self, state: WalkState, record: ObjectionRecord) -> None:
        self.events.append(("objection", record))
        self._save(state)

    def note(self, state: WalkState, record: NoteRecord) -> None:
        self.events.append(("note", record))
        self._save(state)

    def step_finished(self, state: WalkState, record: StepRecord) -> None:
        self.events.append(("step", record))
        self._save(state)

    def tasks_saved(self, state: WalkState, tasks: list[TaskRecord]) -> None:
        self.events.append(("tasks", list(tasks)))
        self._save(state)


def make(
    answerer: Scripted,
    *,
    first: str = "prospecting",
    state: WalkState | None = None,
    recorder: Spy | None = None,
    **extra: Any,
) -> Walk:
    return Walk(
        playbook=walkthrough(),
        state=state or WalkState.start("walkthrough", 1, first, TODAY.isoformat()),
        answerer=answerer,
        recorder=recorder or Spy(),
        today=TODAY,
        lead_label="Ada (ACME)",
        **extra,
    )


def steps(recorder: Spy) -> list[StepRecord]:
    return [r for kind, r in recorder.events if kind == "step"]


def test_a_full_walk_goes_through_seven_steps_and_records_each() -> None:
    spy = Spy()
    script = Scripted()
    state = make(script, recorder=spy).run()
    assert state.finished and state.phase == "done"
    assert [r.step for r in steps(spy)] == list(walkthrough().steps[i].id for i in range(7))
    assert [v.number for v in script.shown] == [1, 2, 3, 4, 5, 6, 7]
    assert script.recorded_steps == [r.step for r in steps(spy)]  # told after each record
    assert script.asked == [
        "fit",
        "size",
        "warmth",
        "persona",
        "competitors",
        "pain",
        "outcome",
        "next_step_date",
        "referral",
    ]
    assert steps(spy)[0].answers == {"fit": True, "size": 40}
    closing = steps(spy)[5]
    assert closing.answers == {"outcome": "next_step", "next_step_date": "2026-03-18"}
    assert state.outcome == {
        "outcome": "next_step",
        "next_step_date": "2026-03-18",
        "on": "2026-03-11",
    }


def test_conditional_questions_follow_earlier_answers() -> None:
    script = Scripted(answers={**FULL, "fit": False, "outcome": "lost", "loss_reason": "budget"})
    make(script).run()
    assert "size" not in script.asked
    assert "next_step_date" not in script.asked
    assert "loss_reason" in script.asked


def test_unmet_exit_criteria_ask_and_moving_on_is_recorded_as_skipped() -> None:
    spy = Spy()
    script = Scripted(answers={**FULL, "fit": False}, confirm={"approach": []})
    make(script, recorder=spy).run()
    first, approach = steps(spy)[0], steps(spy)[2]
    assert script.unmet_seen[:2] == [["The lead fits"], ["They agreed to a conversation"]]
    assert first.criteria_skipped and not first.criteria[0].met
    assert first.criteria[0].how == "condition"
    assert approach.criteria[0].how == "not_confirmed" and approach.criteria_skipped
    preparation = steps(spy)[1]
    assert preparation.criteria[0].met and not preparation.criteria_skipped


def test_redo_asks_the_step_again_with_the_earlier_answers_as_defaults() -> None:
    script = Scripted(answers={**FULL, "fit": Seq([False, True])}, unmet=[Unmet.REDO])
    spy = Spy()
    make(script, recorder=spy).run()
    assert script.asked[:4] == ["fit", "warmth", "fit", "size"]
    assert script.defaults["fit"] is False  # the second time, the first answer is the default
    assert steps(spy)[0].answers == {"fit": True, "size": 40}
    assert not steps(spy)[0].criteria_skipped


def test_stopping_at_unmet_criteria_leaves_the_walk_open_there() -> None:
    script = Scripted(answers={**FULL, "fit": False}, unmet=[Unmet.STOP])
    state = make(script).run()
    assert not state.finished
    assert (state.step_id, state.phase) == ("prospecting", "criteria")
    assert state.answers == {"fit": False}


def test_a_walk_resumes_at_the_question_it_stopped_on_from_saved_json() -> None:
    spy = Spy()
    script = Scripted(interrupt_at="competitors")
    with pytest.raises(KeyboardInterrupt):
        make(script, recorder=spy).run()
    saved = WalkState.from_dict(spy.saved[-1])
    assert saved.step_id == "preparation" and saved.answers["persona"] == "finance"
    again = Scripted()
    resumed = make(again, state=saved, recorder=spy).run(resumed=True)
    assert resumed.finished
    assert again.asked[0] == "competitors"  # persona is not asked twice
    assert again.shown[0].resumed
    assert [(q.id, v) for q, v in again.shown[0].given] == [("persona", "finance")]
    assert [r.step for r in steps(spy)].count("prospecting") == 1


def test_an_objection_in_the_middle_of_a_question_is_handled_then_the_question_asked_again() -> (
    None
):
    spy = Spy()
    script = Scripted(
        answers={**FULL, "pain": Seq([Marker.OBJECTION, "Slow quotes"])},
        said=["honestly it's too expensive for us"],
        picks=["price"],
        results=["partly"],
    )
    make(script, recorder=spy).run()
    objections = [r for kind, r in spy.events if kind == "objection"]
    assert objections == [
        ObjectionRecord("approach", "price", "honestly it's too expensive for us", "partly")
    ]
    assert script.asked.count("pain") == 2
    assert steps(spy)[2].answers == {"pain": "Slow quotes"}


def test_the_objections_step_loops_until_the_buyer_has_nothing_more() -> None:
    spy = Spy()
    script = Scripted(
        said=["we are busy this quarter", "no budget", None],
        picks=["timing", None],
        results=["resolved", "not_resolved"],
    )
    state = make(script, recorder=spy).run()
    assert [(o.step, o.objection, o.result) for o in state.objections] == [
        ("objections", "timing", "resolved"),
        ("objections", None, "not_resolved"),
    ]


def test_between_steps_the_rep_can_log_an_objection_or_a_note_or_stop() -> None:
    spy = Spy()
    script = Scripted(
        between=[Between.NEXT, Between.NOTE, Between.OBJECTION, Between.STOP],
        notes=["  Ask about their CRM  "],
        said=["send me something"],
        picks=["timing"],
    )
    state = make(script, recorder=spy).run()
    assert not state.finished and state.step_id == "approach"
    assert state.notes == [NoteRecord("preparation", "Ask about their CRM")]
    assert state.objections[0].step == "preparation"
    assert [r.step for r in steps(spy)] == ["prospecting", "preparation"]


def test_follow_up_proposes_the_cadence_and_the_agreed_next_step() -> None:
    spy = Spy()
    script = Scripted()
    state = make(script, recorder=spy).run()
    assert [(t.title, t.due) for t in script.proposed] == [
        ("Agreed next step with Ada (ACME)", date(2026, 3, 18)),
        ("Send the recap", date(2026, 3, 12)),
        ("Check in", date(2026, 3, 16)),  # three business days after Wednesday
    ]
    assert [t.kept for t in state.tasks] == [True, True, True]
    assert state.tasks_reviewed


def test_the_rep_edits_and_drops_proposed_tasks() -> None:
    def review(proposed: list[PlannedTask]) -> list[PlannedTask | None]:
        first = proposed[0]
        return [
            None,
            proposed[1].with_due(date(2026, 3, 13)),
            first.__class__(**{**proposed[2].__dict__, "title": "Call Ada back"}),
        ]

    state = make(Scripted(review=review)).run()
    kept = [(t.title, t.due, t.kept, t.edited) for t in state.tasks]
    assert kept == [
        ("Agreed next step with Ada (ACME)", "2026-03-18", False, False),
        ("Send the recap", "2026-03-13", True, True),
        ("Call Ada back", "2026-03-16", True, True),
    ]


def test_won_and_lost_get_their_own_cadences() -> None:
    won = make(Scripted(answers={**FULL, "outcome": "won", "deal_value": 1200})).run()
    assert [t.title for t in won.tasks] == ["Onboarding check"]
    lost = make(Scripted(answers={**FULL, "outcome": "lost", "loss_reason": "price"})).run()
    assert [(t.title, t.due) for t in lost.tasks] == [("Revisit", "2026-06-09")]


def test_follow_up_questions_can_wait_until_after_the_follow_up() -> None:
    spy = Spy()
    state = make(Scripted(follow_up=False), recorder=spy).run()
    assert not state.finished
    assert (state.step_id, state.phase, state.tasks_reviewed) == ("follow_up", "questions", True)
    again = Scripted()
    done = make(again, state=WalkState.from_dict(spy.saved[-1])).run(resumed=True)
    assert done.finished and again.asked == ["referral"] and again.proposed == []


def test_a_walk_starting_at_follow_up_uses_the_earlier_outcome_and_skips_scheduled_tasks() -> None:
    script = Scripted()
    state = make(
        script,
        first="follow_up",
        prior_outcome={"outcome": "next_step", "on": "2026-03-09"},
        existing_task_keys=frozenset({"after_call:0:2026-03-09"}),
    ).run()
    assert [t.title for t in script.already] == ["Send the recap"]
    assert [(t.title, t.due) for t in state.tasks] == [("Check in", "2026-03-12")]


def test_no_outcome_means_nothing_to_schedule() -> None:
    script = Scripted()
    state = make(script, first="follow_up").run()
    assert script.proposed == [] and state.tasks == [] and state.finished


def test_defaults_come_from_the_leads_answers_under_their_recorded_field() -> None:
    script = Scripted()
    make(script, lead_answers={"employees": 250, "persona": "nobody-now"}).run()
    assert script.defaults["size"] == 250
    assert script.defaults["persona"] is None  # no longer one of the choices


def test_a_skipped_question_keeps_the_leads_answer_for_conditions() -> None:
    script = Scripted(answers={k: v for k, v in FULL.items() if k != "fit"})
    state = make(script, lead_answers={"fit": True}).run()
    assert "size" in script.asked  # its condition reads the lead's earlier `fit`
    assert "fit" in state.skipped


def test_state_survives_json_and_refuses_what_it_cannot_read() -> None:
    state = WalkState.start("walkthrough", 1, "approach", "2026-03-11")
    state.answers["pain"] = "slow"
    again = WalkState.from_dict(json.loads(json.dumps(state.to_dict())))
    assert again == state
    assert state.plan == ["approach", "presentation", "objections", "closing", "follow_up"]
    with pytest.raises(UsageError, match="cannot be read"):
        WalkState.from_dict({**state.to_dict(), "version": 99})
    with pytest.raises(UsageError):
        WalkState.from_dict({**state.to_dict(), "phase": "nonsense"})
    with pytest.raises(UsageError):
        WalkState.from_dict({"version": 1})


def test_the_walk_suggests_families_with_the_objection_matcher() -> None:
    from salescoach.core.objections.suggest import suggest_objections
    from salescoach.core.playbook.loader import load_playbook
    from salescoach.paths import playbook_dirs

    playbook = load_playbook("b2b-saas", playbook_dirs()).playbook
    assert suggest_objections(playbook, "honestly that's more than we can afford")[0] == "price"
    assert suggest_objections(playbook, "just shoot me an email")[0] == "send_info"
    assert suggest_objections(playbook, "what time is it over there") == []


def test_the_walk_hands_its_matches_to_the_semantic_reranker_when_it_has_one() -> None:
    from salescoach.core.objections.matcher import MatchResult
    from salescoach.core.objections.suggest import rank_objections
    from salescoach.core.playbook.loader import load_playbook
    from salescoach.paths import playbook_dirs

    playbook = load_playbook("b2b-saas", playbook_dirs()).playbook
    step = playbook.steps[0]
    seen: list[str] = []

    def doubt(result: MatchResult) -> MatchResult:
        seen.append(result.query)
        return result._replace(confident=False)

    said = "honestly that's more than we can afford"
    alone, suggested_alone = rank_objections(playbook, said, step)
    assert alone[0].id == "price" and suggested_alone >= 1
    _, suggested = rank_objections(playbook, said, step, rerank=doubt)
    assert seen == [said] and suggested == 0  # the picker follows what the re-ranker says
