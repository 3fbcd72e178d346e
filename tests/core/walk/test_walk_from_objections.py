"""The objections step does not ask again what the objections just logged there answered:
the buyer's words, and whether the concern was resolved."""

from __future__ import annotations

import pytest

from salescoach.core.playbook.loader import load_file
from salescoach.core.playbook.model import Playbook, Question
from salescoach.core.walk.engine import Walk
from salescoach.core.walk.protocol import NullRecorder
from salescoach.core.walk.state import ObjectionRecord, WalkState
from tests.support.paths import ROOT
from tests.support.today import TODAY
from tests.support.walk import Scripted


def _b2b() -> Playbook:
    return load_file(ROOT / "playbooks" / "b2b-saas.yaml", []).playbook


def _walk(script: Scripted) -> WalkState:
    state = WalkState.start("b2b-saas", 1, "objections", TODAY.isoformat())
    walk = Walk(_b2b(), state, script, NullRecorder(), TODAY, "Ada (ACME)")
    return walk.run()


def test_a_concern_marked_not_resolved_is_not_asked_about_again() -> None:
    script = Scripted(
        answers={"main_objection": "price", "open_concern": "send the ROI sheet by Friday"},
        said=["too pricey for us", None],
        picks=["price"],
        results=["not_resolved"],
    )
    state = _walk(script)
    assert "objection_words" not in script.asked and "objection_resolved" not in script.asked
    assert {"derived:objection_words", "derived:objection_resolved"} <= set(script.asked)
    assert state.steps[0].answers["objection_words"] == "too pricey for us"
    assert state.steps[0].answers["objection_resolved"] is False
    assert "open_concern" in script.asked  # what is still open follows from "no"


def test_every_objection_resolved_answers_yes_and_several_words_are_kept() -> None:
    script = Scripted(
        answers={"main_objection": "price"},
        said=["too pricey", "we are busy", None],
        picks=["price", "timing"],
        results=["resolved", "resolved"],
    )
    answers = _walk(script).steps[0].answers
    assert answers["objection_words"] == "too pricey / we are busy"
    assert answers["objection_resolved"] is True
    assert "open_concern" not in answers


def test_the_main_concern_raised_earlier_answers_for_itself_not_the_one_just_resolved() -> None:
    """A buyer happy with the status quo (partly answered at the first call) who then says
    "not until Q1" (resolved): picking the status quo as the main family must not take the
    timing objection's words and "resolved" for it."""
    state = WalkState.start("b2b-saas", 1, "objections", TODAY.isoformat())
    state.objections.append(
        ObjectionRecord("approach", "status_quo", "our spreadsheet works", "partly")
    )
    script = Scripted(
        answers={"main_objection": "status_quo", "open_concern": "pilot on one client"},
        said=["slammed until Q1", None],
        picks=["timing"],
        results=["resolved"],
    )
    walk = Walk(_b2b(), state, script, NullRecorder(), TODAY, "Ada (ACME)")
    answers = walk.run().steps[0].answers
    assert answers["objection_words"] == "our spreadsheet works"
    assert answers["objection_resolved"] is False
    assert "open_concern" in script.asked


def test_without_an_objection_logged_the_questions_are_asked() -> None:
    script = Scripted(answers={"main_objection": "price", "objection_resolved": True}, said=[None])
    _walk(script)
    assert {"objection_words", "objection_resolved"} <= set(script.asked)


def test_from_objections_must_fit_the_question_type() -> None:
    with pytest.raises(ValueError, match="needs a yesno question"):
        Question(id="q", text="Resolved?", type="text", from_objections="resolved")
