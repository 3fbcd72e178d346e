"""A team playbook's own objection families appear wherever a question picks a family, and the
walk offers the family it matched first."""

from __future__ import annotations

from pathlib import Path

from salescoach.core.playbook.loader import load_file
from salescoach.core.playbook.model import OBJECTION_IDS
from salescoach.core.walk.engine import Walk
from salescoach.core.walk.protocol import NullRecorder
from salescoach.core.walk.state import ObjectionRecord, WalkState
from salescoach.paths import playbook_dirs
from tests.support.today import TODAY
from tests.support.walk import Scripted

TEAM = """\
title: My team
extends: b2b-saas
objections:
  - id: budget_freeze
    title: Budget freeze
    concern: Spending is frozen company-wide until further notice.
    phrasings: ["all budgets are frozen", "we have a spending freeze"]
    probing_questions: ["When does the freeze end, and who can grant an exception?"]
    responses:
      - framework: LAER
        stages: {listen: Let them explain the freeze., respond: Offer a start after it.}
"""


def _team(tmp_path: Path) -> Path:
    file = tmp_path / "my-team.yaml"
    file.write_text(TEAM, encoding="utf-8")
    return file


def test_the_family_question_lists_the_merged_playbook_families(tmp_path: Path) -> None:
    playbook = load_file(_team(tmp_path), playbook_dirs()).playbook
    question = next(q for q in playbook.step("objections").questions if q.id == "main_objection")
    assert question.choices == [*OBJECTION_IDS, "budget_freeze"]
    other = next(q for q in playbook.step("objections").questions if q.id == "security_review")
    assert other.choices == ["not needed", "not started", "in progress", "approved"]


def test_the_walk_offers_the_family_it_matched_first(tmp_path: Path) -> None:
    playbook = load_file(_team(tmp_path), playbook_dirs()).playbook
    state = WalkState.start("my-team", 1, "objections", TODAY.isoformat())
    walk = Walk(
        playbook=playbook,
        state=state,
        answerer=Scripted(),
        recorder=NullRecorder(),
        today=TODAY,
        lead_label="Ada",
        lead_answers={"main_objection": "price"},
    )
    question = next(q for q in playbook.step("objections").questions if q.id == "main_objection")
    assert walk.default_for(question) == "price"  # nothing matched yet: the lead's answer
    state.objections += [
        ObjectionRecord("approach", "timing", "call me next quarter", "resolved"),
        ObjectionRecord("objections", "budget_freeze", "all budgets are frozen", "partly"),
    ]
    assert walk.default_for(question) == "budget_freeze"  # the one still open
    state.objections[1].result = "resolved"
    assert walk.default_for(question) == "timing"  # all resolved: the first raised
