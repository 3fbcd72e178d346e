"""The rep's `plan` marks the manager's goals as set by the manager, as `goal list` does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.cli import run
from tests.support.desk import fixed_team
from tests.support.postgres import HubDatabase


def test_plan_marks_the_managers_goal_and_not_the_reps_own(
    hub_db: HubDatabase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    team = fixed_team(hub_db, monkeypatch)
    assert (
        run("team", "goal", "set", "calls", "20", "--per", "week", "--rep", "alice").exit_code == 0
    )
    monkeypatch.setenv("SALESCOACH_HOME", str(tmp_path / "alice"))
    monkeypatch.setenv("PGPASSWORD", team.passwords["alice"])
    assert run("team", "join", team.db.conninfo(), "--as", "alice").exit_code == 0
    assert run("sync").exit_code == 0
    assert run("goal", "set", "meetings", "2", "--per", "day").exit_code == 0  # her own
    goals = json.loads(run("plan", "--format", "json").stdout)["goals"]
    assert {(g["metric"], g["set_by_manager"]) for g in goals} == {
        ("calls", True), ("meetings", False),
    }  # fmt: skip
    text = run("plan").stdout
    assert (
        "Calls this week (set by your manager)" in text or "this week (set by your manager)" in text
    )
    assert "today (set by your manager)" not in text
    markdown = run("plan", "--format", "markdown").stdout
    assert "(set by your manager)" in markdown
