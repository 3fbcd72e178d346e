"""Exit criteria that do not apply (a won-deal criterion on a lost deal) are shown as not
applicable: neither met nor missed, in the walk, its record and `lead show`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from salescoach.core.playbook.loader import validate_data
from salescoach.errors import PlaybookError
from tests.support.cli import run

NEXT_STEP_DATE = "Any next step has a date the buyer agreed to"


def _walk_closing(tmp_path: Path, answers: str) -> dict[str, object]:
    assert run("lead", "add", "Ada", "--company", "ACME").exit_code == 0
    file = tmp_path / "closing.yaml"
    file.write_text(answers, encoding="utf-8")
    walked = run("walk", "ACME", "--step", "closing", "--until", "closing", "-a", str(file))
    assert walked.exit_code == 0, walked.stderr
    return {"stderr": walked.stderr, "shown": json.loads(run("lead", "show", "1", "--json").stdout)}


def test_a_next_step_criterion_is_not_applicable_on_a_lost_deal(tmp_path: Path) -> None:
    result = _walk_closing(tmp_path, "closing: {outcome: lost, loss_reason: chose a rival}\n")
    assert f"– {NEXT_STEP_DATE} (not applicable)" in str(result["stderr"])
    assert f"✓ {NEXT_STEP_DATE}" not in str(result["stderr"])
    shown = result["shown"]
    assert isinstance(shown, dict)
    [closing] = shown["criteria"]
    assert closing["not_applicable"] == [NEXT_STEP_DATE]
    assert NEXT_STEP_DATE not in closing["met"] + closing["missed"]
    [logged] = [i for i in shown["timeline"] if i["kind"] == "criteria"]
    assert logged["text"] == "1 of 1 exit criteria met"
    how = {c["text"]: c["applies"] for c in logged["detail"]["criteria"]}
    assert how[NEXT_STEP_DATE] is False


def test_the_criterion_applies_and_is_met_on_a_next_step_deal(tmp_path: Path) -> None:
    answers = "closing: {outcome: next_step, next_step_date: '2026-03-18'}\n"
    result = _walk_closing(tmp_path, answers)
    assert f"✓ {NEXT_STEP_DATE}" in str(result["stderr"])
    shown = result["shown"]
    assert isinstance(shown, dict)
    assert shown["criteria"][0]["not_applicable"] == []


def test_applies_must_name_a_question_asked_before() -> None:
    data = {
        "title": "T",
        "steps": [
            {
                "id": "closing",
                "title": "Close",
                "goal": "Close",
                "guidance": ["Ask"],
                "exit_criteria": [{"text": "Won", "applies": {"question": "nope", "equals": 1}}],
            }
        ],
    }
    with pytest.raises(PlaybookError, match="nope"):
        validate_data(data, {})
