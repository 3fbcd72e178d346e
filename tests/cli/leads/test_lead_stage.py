"""`lead stage` and `lead archive`: steps, won/lost with a reason, cadence tasks cancelled."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from salescoach.core.kernel.records import Lead
from salescoach.core.leads.stages import (
    Close,
    Move,
    Reopen,
    plan_stage_change,
    plan_walk_outcome,
    plan_walk_start,
    transition,
)
from salescoach.errors import UsageError
from tests.support.cli import run
from tests.support.leads import add, count, execute, lead_record, rows, use_test_playbooks


@pytest.fixture(autouse=True)
def _playbooks(monkeypatch: pytest.MonkeyPatch) -> None:
    use_test_playbooks(monkeypatch)


def _task(home: Path, lead_id: int, title: str, cadence: str | None) -> None:
    execute(
        home,
        "INSERT INTO tasks (lead_id, title, due, cadence, created_at, updated_at) "
        "VALUES (?, ?, '2026-03-12', ?, 'x', 'x')",
        lead_id,
        title,
        cadence,
    )


def test_stage_moves_by_id_number_or_alias_and_logs_it(salescoach_home: Path) -> None:
    add("Ada", "--company", "ACME")
    assert run("lead", "stage", "ACME", "preparation").exit_code == 0
    assert run("lead", "stage", "ACME", "4").exit_code == 0
    moved = run("lead", "stage", "ACME", "objection", "--json")
    assert moved.exit_code == 0
    assert json.loads(moved.stdout)["step"] == "objections"
    logged = rows(salescoach_home, "SELECT kind, step, text FROM interactions ORDER BY id")
    assert [r["step"] for r in logged] == ["preparation", "presentation", "objections"]
    assert logged[-1] == {
        "kind": "stage",
        "step": "objections",
        "text": "presentation → objections",
    }


def test_won_at_closing_cancels_open_cadence_tasks_only(salescoach_home: Path) -> None:
    lead_id = add("Ada", "--company", "ACME")
    _task(salescoach_home, lead_id, "Send the recap", "after_call")
    _task(salescoach_home, lead_id, "Hand-written task", None)
    result = run("lead", "stage", "ACME", "closing", "--won", "--reason", "signed for a year")
    assert result.exit_code == 0, result.stderr
    assert "cancelled 1 open cadence follow-up" in result.stderr
    [lead] = rows(salescoach_home, "SELECT step, status, status_reason FROM leads")
    assert lead == {"step": "closing", "status": "won", "status_reason": "signed for a year"}
    tasks = rows(salescoach_home, "SELECT title, status, reason FROM tasks ORDER BY id")
    assert tasks[0] == {"title": "Send the recap", "status": "cancelled", "reason": "lead won"}
    assert tasks[1]["status"] == "open"
    [log] = rows(salescoach_home, "SELECT text, detail_json FROM interactions WHERE kind = 'stage'")
    expected = "prospecting → closing; won: signed for a year; 1 cadence task(s) cancelled"
    assert log["text"] == expected
    assert json.loads(log["detail_json"])["cancelled_tasks"] == 1


def test_lost_needs_a_reason_and_may_happen_at_any_step(salescoach_home: Path) -> None:
    add("Ada")
    missing = run("lead", "stage", "Ada", "presentation", "--lost", " ")
    assert missing.exit_code == 2 and "say why the deal was lost" in missing.stderr
    assert run("lead", "stage", "Ada", "presentation", "--lost", "chose a rival").exit_code == 0
    [lead] = rows(salescoach_home, "SELECT step, status, status_reason FROM leads")
    assert lead == {"step": "presentation", "status": "lost", "status_reason": "chose a rival"}


def test_rules_refuse_with_a_clear_message_and_write_nothing(salescoach_home: Path) -> None:
    add("Ada")
    early = run("lead", "stage", "Ada", "approach", "--won")
    assert early.exit_code == 2 and "won at closing or follow-up" in early.stderr
    both = run("lead", "stage", "Ada", "closing", "--won", "--lost", "x")
    assert both.exit_code == 2
    same = run("lead", "stage", "Ada", "prospecting")
    assert same.exit_code == 2 and "already at prospecting" in same.stderr
    assert run("lead", "stage", "Ada", "eighth").exit_code == 2
    assert count(salescoach_home, "interactions") == 0
    assert rows(salescoach_home, "SELECT step FROM leads")[0]["step"] == "prospecting"


def test_archive_then_reopen(salescoach_home: Path) -> None:
    lead_id = add("Ada")
    _task(salescoach_home, lead_id, "Check in", "after_call")
    archived = run("lead", "archive", "Ada", "--reason", "not a fit")
    assert archived.exit_code == 0
    assert rows(salescoach_home, "SELECT status FROM tasks")[0]["status"] == "cancelled"
    blocked = run("lead", "stage", "Ada", "approach")
    assert blocked.exit_code == 2 and "--reopen" in blocked.stderr
    assert run("lead", "stage", "Ada", "approach", "--reopen").exit_code == 0
    [lead] = rows(salescoach_home, "SELECT step, status, status_reason FROM leads")
    assert lead == {"step": "approach", "status": "open", "status_reason": None}


def test_no_log_changes_the_lead_but_not_the_log(salescoach_home: Path) -> None:
    add("Ada")
    result = run("lead", "stage", "Ada", "closing", "--won", "--no-log")
    assert result.exit_code == 0 and "not logged (--no-log)" in result.stderr
    assert rows(salescoach_home, "SELECT status FROM leads")[0]["status"] == "won"
    assert count(salescoach_home, "interactions") == 0


def _lead(**overrides: object) -> Lead:
    return lead_record(**overrides)


def test_plan_stage_change_rules() -> None:
    won = plan_stage_change(_lead(), Close("won"))
    assert won.changes == {"status": "won", "status_reason": None}
    assert won.cancel_reason == "lead won"
    moved = plan_stage_change(_lead(status="won"), Move("follow_up"))
    assert moved.changes == {"step": "follow_up"}  # a won deal moves on to follow-up
    with pytest.raises(UsageError, match="reopen it"):
        plan_stage_change(_lead(status="lost"), Move("approach"))
    with pytest.raises(UsageError, match="already open"):
        plan_stage_change(_lead(), Reopen())
    with pytest.raises(UsageError, match="reopen it"):
        plan_stage_change(_lead(status="won"), Move("approach"))
    with pytest.raises(UsageError, match="do not go together"):
        transition(None, outcome="won", reopen=True)


def test_closing_again_and_the_walks_status_changes_follow_the_same_rules() -> None:
    with pytest.raises(UsageError, match="already won"):
        plan_stage_change(_lead(status="won"), Close("won"))
    with pytest.raises(UsageError, match="already archived"):
        plan_stage_change(_lead(status="archived"), Close("archived"))
    with pytest.raises(UsageError, match="walking it would reopen it") as refused:
        plan_walk_start(_lead(status="lost"), reopen=False, closed_by_this_walk=False)
    assert "--reopen" in (refused.value.hint or "")
    assert plan_walk_start(_lead(status="won"), reopen=False, closed_by_this_walk=True) is None
    assert plan_walk_start(_lead(), reopen=True, closed_by_this_walk=False) is None
    reopening = plan_walk_start(_lead(status="archived"), reopen=True, closed_by_this_walk=False)
    assert reopening is not None and reopening.changes == {"status": "open", "status_reason": None}
    assert reopening.detail["by"] == "walk"
    won = plan_walk_outcome(_lead(step="presentation"), {"outcome": "won"})
    assert won is not None and won.changes["step"] == "closing" and won.cancel_reason == "lead won"
    lost = plan_walk_outcome(_lead(), {"outcome": "lost"})  # the playbook decides on a reason
    assert lost is not None and lost.changes == {"status": "lost", "status_reason": None}
    assert plan_walk_outcome(_lead(status="won"), {"outcome": "won"}) is None
    assert plan_walk_outcome(_lead(), {"outcome": "next_step"}) is None
    revived = plan_walk_outcome(_lead(status="lost"), {"outcome": "next_step"})
    assert revived is not None and revived.changes["status"] == "open"
