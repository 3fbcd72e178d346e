"""`team plan` on the fixed team (today 2026-03-11) with a few rows added: what needs the
manager, per rep, worked out by hand."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest

from salescoach.core.sync.changes import RowChange
from tests.support.cli import run
from tests.support.desk import fixed_team, join_as, lead_row
from tests.support.hub import MANAGER, Team, hlc
from tests.support.postgres import HubDatabase


def goal(owner: str, metric: str, target: int) -> RowChange:
    fields = {"metric": metric, "target": target, "period": "week"}
    return RowChange("goals", str(uuid.uuid4()), None, owner, "r1", hlc(), fields)


@pytest.fixture
def team(hub_db: HubDatabase, monkeypatch: pytest.MonkeyPatch) -> Team:
    team = fixed_team(hub_db, monkeypatch)
    monkeypatch.delenv("PGPASSWORD")  # each session below hands its own role's password
    due = lead_row("bob", "B3", created_at="2026-03-10T09:00:00", sla_due="2026-03-12")
    with team.session("bob") as bob:
        assert bob.push([due, goal("bob", "calls", 10)]) == []
    with team.session("alice") as alice:
        assert alice.push([goal("alice", "calls", 1)]) == []
    with team.session(MANAGER) as manager:
        manager.push([lead_row(MANAGER, "M1", created_at="2026-03-11T08:00:00")])
    join_as(team, MANAGER, monkeypatch)
    return team


def _names(rows: list[dict[str, Any]]) -> list[str]:
    return [row["name"] for row in rows]


def test_the_plan_lists_what_needs_the_manager_per_rep(team: Team) -> None:
    result = run("team", "plan", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert _names(data["sla_breached"]) == ["A3"]
    assert _names(data["sla_due_soon"]) == ["B3"]
    assert _names(data["unassigned"]) == ["M1"]
    assert _names(data["stale"]) == ["A3"]
    assert data["reps"] == [
        {"rep": "alice", "sla_breached": 1, "sla_due_soon": 0, "stale": 1},
        {"rep": "bob", "sla_breached": 0, "sla_due_soon": 1, "stale": 0},
        {"rep": "carol", "sla_breached": 0, "sla_due_soon": 0, "stale": 0},
    ]
    # bob: 0 calls by Wednesday of a 10-call week (3 of 7 days: 4.29 expected); alice met hers
    assert data["behind_pace"] == [
        {"rep": "bob", "metric": "calls", "period": "week", "target": 10.0, "actual": 0.0,
         "expected_by_today": 4.29},
    ]  # fmt: skip


def test_the_plan_in_text(team: Team) -> None:
    result = run("team", "plan")
    assert result.exit_code == 0, result.stderr
    assert "SLA breached" in result.stdout and "A3, alice, 2026-03-05" in result.stdout
    assert "bob: calls per week 0 of 10 (expected 4.29 by today)" in result.stdout


def test_a_rep_is_refused(team: Team, monkeypatch: pytest.MonkeyPatch) -> None:
    join_as(team, "bob", monkeypatch)
    result = run("team", "plan")
    assert result.exit_code == 2 and "a manager's command" in result.stderr


def test_every_stale_lead_counts_and_the_first_of_each_rep_are_listed(
    team: Team, monkeypatch: pytest.MonkeyPatch
) -> None:
    older = [
        lead_row("alice", name, created_at=created, last_interaction_at=created)
        for name, created in (("A0", "2026-01-20T09:00:00"), ("Ab", "2026-01-20T09:00:00"))
    ]
    with team.session(MANAGER) as manager:
        assert manager.push(older) == []
    monkeypatch.setattr("salescoach.hub.desk_plan_queries.LISTED", 2)
    data = json.loads(run("team", "plan", "--json").stdout)
    assert _names(data["stale"]) == ["A0", "Ab"]  # oldest first, then by name; A3 is later
    assert data["reps"][0] == {"rep": "alice", "sla_breached": 1, "sla_due_soon": 0, "stale": 3}


def test_the_text_lists_the_oldest_few_of_each_section_and_all_lists_every_one(
    team: Team, monkeypatch: pytest.MonkeyPatch
) -> None:
    older = [
        lead_row("alice", name, created_at=created, last_interaction_at=created)
        for name, created in (("A0", "2026-01-21T09:00:00"), ("Ab", "2026-01-20T09:00:00"))
    ]
    with team.session(MANAGER) as manager:
        assert manager.push(older) == []
    monkeypatch.setattr("salescoach.ui.team.desk_plan_text.SHOWN", 1)
    text = run("team", "plan").stdout
    assert "Stale deals" in text and "Ab, alice, 2026-01-20" in text  # the oldest
    assert "A0, alice" not in text and "… and 2 more (`team plan --all` lists them)" in text
    everything = run("team", "plan", "--all").stdout
    assert "A0, alice, 2026-01-21" in everything and "A3, alice" in everything
    assert "more (`team plan --all`" not in everything


def test_the_text_reads_only_the_oldest_few_breaches_and_counts_them_all(
    team: Team, monkeypatch: pytest.MonkeyPatch
) -> None:
    breached = [
        lead_row("bob", name, created_at="2026-03-01T09:00:00", sla_due=due)
        for name, due in (("B7", "2026-03-02"), ("B8", "2026-03-01"), ("B9", "2026-03-01"))
    ]
    with team.session(MANAGER) as manager:
        assert manager.push(breached) == []
    monkeypatch.setattr("salescoach.ui.team.desk_plan_text.SHOWN", 1)
    text = run("team", "plan").stdout
    assert "SLA breached (never contacted; deadline day): 4" in text
    assert "B8, bob, 2026-03-01" in text and "B9, bob" not in text
    assert "A3, alice, 2026-03-05" not in text  # its breach is counted, not listed
    assert "… and 3 more (`team plan --all` lists them)" in text
    assert "SLA due today or tomorrow: 1\n  B3, bob, 2026-03-12" in text
    assert "Unassigned (owned by no current rep; last logged): 1\n  M1, boss" in text
    data = json.loads(run("team", "plan", "--json").stdout)
    assert _names(data["sla_breached"]) == ["B8", "B9", "B7", "A3"]
    assert data["reps"][1] == {"rep": "bob", "sla_breached": 3, "sla_due_soon": 1, "stale": 0}
