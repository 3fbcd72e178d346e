"""Leitner spaced repetition with a fixed clock."""

from __future__ import annotations

from datetime import date, timedelta

from salescoach.core.training.leitner import (
    INTERVALS,
    Attempt,
    ReviewState,
    due,
    next_state,
    schedule,
)
from tests.support.today import TODAY

DAY = TODAY


def _attempt(passed: bool, item: str = "objections:price") -> Attempt:
    return Attempt(item, "objections", passed)


def test_a_first_right_answer_moves_to_box_two_due_in_two_days() -> None:
    state = next_state(None, _attempt(True), DAY)
    assert (state.box, state.due, state.last) == (2, date(2026, 3, 13), DAY)


def test_a_first_wrong_answer_stays_in_box_one_due_tomorrow() -> None:
    state = next_state(None, _attempt(False), DAY)
    assert (state.box, state.due) == (1, date(2026, 3, 12))


def test_right_answers_climb_the_boxes_with_growing_intervals() -> None:
    state, today, seen = None, DAY, []
    for _ in range(6):
        state = next_state(state, _attempt(True), today)
        seen.append((state.box, (state.due - today).days))
        today = state.due
    assert seen == [(2, 2), (3, 4), (4, 8), (5, 16), (5, 16), (5, 16)]
    assert INTERVALS == (1, 2, 4, 8, 16)


def test_a_wrong_answer_sends_an_item_back_to_box_one() -> None:
    top = ReviewState("objections:price", "objections", 5, DAY, None)
    state = next_state(top, _attempt(False), DAY)
    assert (state.box, state.due) == (1, DAY + timedelta(days=1))


def test_an_item_met_twice_in_a_run_moves_twice() -> None:
    states = schedule({}, [_attempt(True), _attempt(True), _attempt(False, "steps:order")], DAY)
    assert states["objections:price"].box == 3
    assert states["steps:order"].box == 1


def test_due_items_weakest_box_first_then_most_overdue() -> None:
    states = [
        ReviewState("a", "objections", 3, DAY - timedelta(days=5)),
        ReviewState("b", "objections", 1, DAY),
        ReviewState("c", "steps", 3, DAY - timedelta(days=9)),
        ReviewState("d", "steps", 1, DAY + timedelta(days=1)),  # not yet
    ]
    assert [s.item for s in due(states, DAY)] == ["b", "c", "a"]
    assert [s.item for s in due(states, DAY, limit=1)] == ["b"]
    assert [s.item for s in due(states, DAY + timedelta(days=1))] == ["b", "d", "c", "a"]
