"""The one transition type for status changes: what cannot be built, and how each kind plans."""

from __future__ import annotations

import dataclasses

import pytest

from salescoach.core.kernel.records import CLOSED_STATUSES, LEAD_STATUSES, Lead
from salescoach.core.leads.stages import (
    Close,
    Move,
    Reopen,
    plan_stage_change,
    plan_walk_advance,
    transition,
)
from salescoach.core.walk.advance import step_after
from salescoach.errors import UsageError
from tests.support.leads import lead_record


def _lead(**overrides: object) -> Lead:
    return lead_record(**{"id": 7, "company": "ACME", "step": "presentation", **overrides})


def test_the_status_tuples_are_the_literals() -> None:
    assert LEAD_STATUSES == ("open", "won", "lost", "archived")
    assert CLOSED_STATUSES == ("won", "lost", "archived")


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: Move("eighth"), "unknown step"),
        (lambda: Close("won", step="eighth"), "unknown step"),
        (lambda: Reopen("eighth"), "unknown step"),
        (lambda: Close("pending"), "unknown outcome"),  # type: ignore[arg-type]
        (lambda: Close("lost"), "say why the deal was lost"),
        (lambda: Close("lost", "   "), "say why the deal was lost"),
        (lambda: transition("closing", outcome="won", reopen=True), "do not go together"),
        (lambda: transition(None, outcome="archived", reopen=True), "do not go together"),
        (lambda: transition(None), "a move needs a step"),
        (lambda: transition("eighth", reopen=True), "unknown step"),
    ],
)
def test_illegal_transitions_cannot_be_built(build: object, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        build()  # type: ignore[operator]


def test_transitions_are_frozen_and_hold_only_their_own_fields() -> None:
    move = Move("closing")
    with pytest.raises(dataclasses.FrozenInstanceError):
        move.step = "approach"  # type: ignore[misc]
    assert {f.name for f in dataclasses.fields(Move)} == {"step", "by"}
    assert {f.name for f in dataclasses.fields(Reopen)} == {"step", "by"}
    assert {f.name for f in dataclasses.fields(Close)} == {"outcome", "reason", "step", "by"}


def test_options_make_exactly_one_kind() -> None:
    signed = Close("won", "signed", "closing")
    assert transition("closing", outcome="won", reason="signed") == signed
    assert transition(None, outcome="archived") == Close("archived")
    assert transition("approach", reopen=True) == Reopen("approach")
    assert transition(None, reopen=True) == Reopen()
    assert transition("approach") == Move("approach")


def test_a_reason_is_trimmed_and_the_walk_may_lose_a_deal_without_one() -> None:
    assert Close("lost", "  chose a rival ").reason == "chose a rival"
    assert Close("won", " ").reason is None
    assert Close("lost", by="walk").reason is None


def test_each_kind_plans_its_change() -> None:
    moved = plan_stage_change(_lead(), Move("closing"))
    assert moved.changes == {"step": "closing"} and moved.cancel_reason is None
    assert moved.summary == "presentation → closing"
    lost = plan_stage_change(_lead(), Close("lost", "budget"))
    assert lost.changes == {"status": "lost", "status_reason": "budget"}
    assert lost.summary == "lost: budget" and lost.cancel_reason == "lead lost"
    assert lost.detail == {
        "from_step": "presentation",
        "to_step": "presentation",
        "from_status": "open",
        "to_status": "lost",
        "reason": "budget",
    }
    reopened = plan_stage_change(_lead(status="archived"), Reopen("approach"))
    assert reopened.changes == {"step": "approach", "status": "open", "status_reason": None}
    assert reopened.summary == "presentation → approach; reopened (was archived)"
    assert reopened.cancel_reason == "lead reopened"


def test_a_closed_lead_moves_by_hand_only_when_reopened_but_its_walk_moves_it_on() -> None:
    lost = _lead(status="lost", step="closing")
    with pytest.raises(UsageError, match="reopen it to move it"):
        plan_stage_change(lost, Move("follow_up"))
    onward = plan_stage_change(lost, Move("follow_up", by="walk"))
    assert onward.changes == {"step": "follow_up"} and onward.detail["by"] == "walk"


def test_the_stage_line_reports_cancellations_except_for_the_walks_own_advance() -> None:
    by_hand = plan_stage_change(_lead(), Move("closing"))
    assert by_hand.log_detail(0)["cancelled_tasks"] == 0
    won = plan_stage_change(_lead(step="closing"), Close("won"))
    assert won.log_text(2) == "won; 2 cadence task(s) cancelled"
    assert won.log_detail(2)["cancelled_tasks"] == 2
    advance = plan_walk_advance(_lead(), "presentation")
    assert advance is not None and "cancelled_tasks" not in advance.log_detail(0)
    assert advance.log_text(0) == "presentation → objections"


def test_a_walk_never_moves_a_lead_backwards() -> None:
    assert step_after("prospecting", "prospecting") == "preparation"
    assert step_after("prospecting", "closing") is None  # already further on
    assert step_after("closing", "closing") == "follow_up"
    assert step_after("follow_up", "follow_up") is None  # the last step
    assert step_after("approach", "somewhere old") == "presentation"
    assert plan_walk_advance(_lead(step="closing"), "approach") is None
