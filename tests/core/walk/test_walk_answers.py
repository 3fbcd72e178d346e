"""Answers checked against questions, conditions, answers files, suggestions and outcomes."""

from __future__ import annotations

import contextlib
from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from salescoach.core.objections.suggest import rank_objections, suggest_objections
from salescoach.core.planning.followup import describe_outcome, outcome_of, propose_tasks
from salescoach.core.playbook.model import Condition, Question
from salescoach.core.walk.answers import coerce, holds, is_answered, show
from salescoach.core.walk.answers_file import parse_answers
from salescoach.errors import UsageError
from tests.support.today import TODAY
from tests.support.walk import walkthrough


def q(kind: str, **extra: Any) -> Question:
    return Question(id="x", text="X?", type=kind, **extra)  # type: ignore[arg-type]


def cond(**fields: Any) -> Condition:
    return Condition.model_validate(fields)


@pytest.mark.parametrize(
    ("condition", "answers", "expected"),
    [
        (cond(question="a", equals=True), {"a": True}, True),
        (cond(question="a", equals=True), {"a": 1}, False),  # yes is not the number 1
        (cond(question="a", equals=3), {"a": 3.0}, True),
        (cond(question="a", equals="x"), {}, False),
        (cond(question="a", not_equals="x"), {}, True),
        (cond(question="a", not_equals="x"), {"a": "x"}, False),
        (cond(question="a", one_of=["x", "y"]), {"a": "y"}, True),
        (cond(question="a", equals="crm"), {"a": ["crm", "excel"]}, True),  # multichoice holds it
        (cond(question="a", equals=["excel", "crm"]), {"a": ["crm", "excel"]}, True),
        (cond(question="a", answered=True), {"a": "  "}, False),
        (cond(question="a", answered=True), {"a": []}, False),
        (cond(question="a", answered=False), {}, True),
        (cond(all=[{"question": "a", "equals": 1}, {"question": "b", "answered": True}]),
         {"a": 1, "b": "z"}, True),
        (cond(any=[{"question": "a", "equals": 1}, {"question": "b", "answered": True}]),
         {"a": 2}, False),
    ],
)  # fmt: skip
def test_conditions(condition: Condition, answers: dict[str, Any], expected: bool) -> None:
    assert holds(condition, answers) is expected


@pytest.mark.parametrize(
    ("question", "raw", "value"),
    [
        (q("text"), 555, "555"),
        (q("yesno"), "Yes", True),
        (q("yesno"), "n", False),
        (q("number"), "1,200", 1200),
        (q("number"), "2.5", 2.5),
        (q("number"), 7, 7),
        (q("date"), "tomorrow", "2026-03-12"),
        (q("date"), "2026-04-01", "2026-04-01"),
        (q("choice", choices=["next_step", "won"]), "next step", "next_step"),
        (q("choice", choices=["next_step", "won"]), "WON", "won"),
        (q("multichoice", choices=["a", "b"]), "a", ["a"]),
        (q("multichoice", choices=["a", "b"]), ["b", "a"], ["b", "a"]),
    ],
)
def test_values_are_read_as_their_question_means(question: Question, raw: Any, value: Any) -> None:
    assert coerce(question, raw, TODAY) == value


@pytest.mark.parametrize(
    ("question", "raw", "message"),
    [
        (q("text"), True, "expected text"),
        (q("yesno"), "perhaps", "expected yes or no"),
        (q("number"), True, "expected a number"),
        (q("number"), "nan", "expected a number"),
        (q("date"), "31st of Februrary", "cannot read"),
        (q("date"), 20260401, "expected a date"),
        (q("choice", choices=["a"]), "b", "'b' is not one of: a"),
        (q("multichoice", choices=["a"]), ["a", "c"], "'c' is not one of: a"),
    ],
)
def test_wrong_values_say_what_was_expected(question: Question, raw: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        coerce(question, raw, TODAY)


values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=6,
)


@given(
    kind=st.sampled_from(["text", "yesno", "number", "date", "choice", "multichoice"]), raw=values
)
def test_any_value_either_fits_or_raises_value_error(kind: str, raw: Any) -> None:
    question = q(kind, choices=["a", "b c"]) if "choice" in kind else q(kind)
    try:
        value = coerce(question, raw, TODAY)
    except ValueError:
        return
    assert coerce(question, value, TODAY) == value  # a valid answer stays itself


@given(text=st.text(max_size=300))
def test_any_answers_file_text_is_read_or_refused_with_a_usage_error(text: str) -> None:
    with contextlib.suppress(UsageError):
        parse_answers(text, "answers.yaml", walkthrough(), TODAY)


def test_an_empty_answers_file_is_no_answers() -> None:
    data = parse_answers("", "a.yaml", walkthrough(), TODAY)
    assert data.answers == {} and data.tasks is None


def test_answers_file_reserved_keys() -> None:
    text = """
approach:
  criteria_met: They agreed to a conversation
presentation:
  objections_raised: [{objection: price, result: not_resolved}]
follow_up: {tasks: false}
"""
    data = parse_answers(text, "a.yaml", walkthrough(), TODAY)
    assert data.criteria_met == {"approach": [1]}
    assert data.objections["presentation"][0].said == ""
    assert data.drop_all_tasks


def test_answers_file_reports_every_problem_at_once() -> None:
    text = "prospecting: {fit: maybe, size: lots}\nclosing: {outcome: perhaps}\n"
    with pytest.raises(UsageError) as caught:
        parse_answers(text, "a.yaml", walkthrough(), TODAY)
    assert caught.value.message.count("a.yaml:") == 3


def test_suggestions_put_the_families_the_words_point_at_first() -> None:
    playbook = walkthrough()
    assert suggest_objections(playbook, "We can't afford it, the budget is gone") == ["price"]
    assert suggest_objections(playbook, "lovely weather") == []
    families, suggested = rank_objections(
        playbook, "busy until next quarter", playbook.step("objections")
    )
    assert [f.id for f in families] == ["timing", "price"] and suggested == 1


def test_the_outcome_and_its_tasks() -> None:
    outcome = outcome_of({"outcome": "lost", "loss_reason": "price", "deal_value": None}, TODAY)
    assert outcome == {"outcome": "lost", "loss_reason": "price", "on": "2026-03-11"}
    assert describe_outcome(outcome) == "lost: price"
    assert describe_outcome({"outcome": "won", "deal_value": 1200.0}) == "won (value 1,200)"
    assert describe_outcome({"outcome": "won", "deal_value": 14400}) == "won (value 14,400)"
    assert describe_outcome({"outcome": "no_decision"}) == "no decision"
    assert outcome_of({"outcome": ""}, TODAY) is None
    late = {"outcome": "next_step", "next_step_date": "2026-03-01", "on": "2026-02-27"}
    tasks = propose_tasks(walkthrough(), late, "Ada", TODAY)
    assert [t.due for t in tasks] == [TODAY, TODAY, TODAY]  # nothing is due in the past
    assert tasks[0].priority == "high" and tasks[0].dedupe_key == "next_step:2026-03-01"


def test_answers_read_as_words() -> None:
    choice = q("choice", choices=["next_step"])
    assert show("next_step", choice) == "next step"
    assert show("next_step") == "next_step"
    assert show([]) == "none" and show(True) == "yes" and show(3.0) == "3"
    assert is_answered(0) and not is_answered(None)
    assert date.fromisoformat(str(coerce(q("date"), "next week", TODAY))).weekday() == 0


def test_a_number_answer_takes_a_currency_symbol_and_is_shown_with_separators() -> None:
    value = Question(id="deal_value", text="Deal value?", type="number")
    assert coerce(value, "$18,000", date(2026, 3, 10)) == 18000
    assert show(18000.0, value) == "18,000"
