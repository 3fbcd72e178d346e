"""Cancelled follow-ups: a reply stops only the chase of an open deal, every cancellation is
announced with what it cancelled, and `tasks reopen ID` undoes it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.cli import run
from tests.support.leads import execute, rows

LOST_TOUCHES = [
    "Thank them and ask what decided it",
    "Stay visible",
    "Revisit how the choice is working",
    "Share what has changed",
]


def _lead(name: str) -> int:
    result = run("lead", "add", name, "--playbook", "b2b-saas")
    assert result.exit_code == 0, result.stderr
    return int(result.stdout.strip())


def _tasks(home: Path) -> list[tuple[str, str, str | None]]:
    found = rows(home, "SELECT title, status, reason FROM tasks ORDER BY id")
    return [(r["title"], r["status"], r["reason"]) for r in found]


def test_a_reply_after_a_loss_keeps_the_lost_deal_revisits(salescoach_home: Path) -> None:
    lead = _lead("Ada")
    assert run("lead", "stage", str(lead), "closing", "--lost", "chose a rival").exit_code == 0
    assert [t[0] for t in _tasks(salescoach_home)] == LOST_TOUCHES

    result = run("log", str(lead), "--reply", "--channel", "email", "--note", "thanks", "--json")

    assert result.exit_code == 0, result.stderr
    assert [t[1] for t in _tasks(salescoach_home)] == ["open"] * 4
    assert json.loads(result.stdout)["cancelled_tasks"] == []
    assert "cancelled" not in result.stderr


def test_a_reply_on_an_open_deal_stops_the_chase_and_says_what(salescoach_home: Path) -> None:
    lead = _lead("Ada")
    for title, cadence, stops in [
        ("Restate the cost of waiting", "no_decision_nudge", 1),
        ("Call the champion", "no_decision_nudge", 1),
        ("Confirm the meeting", "next_step_momentum", 0),
    ]:
        execute(
            salescoach_home,
            "INSERT INTO tasks (lead_id, title, due, cadence, stop_on_reply, created_at, "
            "updated_at) VALUES (?, ?, '2026-03-13', ?, ?, ?, ?)",
            lead, title, cadence, stops, "2026-03-11T09:00:00", "2026-03-11T09:00:00",
        )  # fmt: skip
    nudges = rows(salescoach_home, "SELECT id, title FROM tasks WHERE stop_on_reply = 1")

    result = run("log", str(lead), "--reply", "--channel", "email", "--json")

    assert result.exit_code == 0, result.stderr
    cancelled = json.loads(result.stdout)["cancelled_tasks"]
    assert [c["id"] for c in cancelled] == [n["id"] for n in nudges]
    assert {c["reason"] for c in cancelled} == {"lead replied"}
    assert f"cancelled {len(nudges)} follow-ups (lead replied):" in result.stderr
    assert f"task {nudges[0]['id']}: {nudges[0]['title']}, due " in result.stderr
    assert "salescoach tasks reopen ID" in result.stderr
    assert _tasks(salescoach_home)[2] == ("Confirm the meeting", "open", None)


def test_a_loss_names_the_cancelled_tasks_and_reopen_undoes_one(salescoach_home: Path) -> None:
    lead = _lead("Ada")
    assert run("lead", "stage", str(lead), "closing", "--won").exit_code == 0
    won = rows(salescoach_home, "SELECT id, title FROM tasks ORDER BY id")

    lost = run("lead", "stage", str(lead), "closing", "--reopen", "--json")

    assert lost.exit_code == 0, lost.stderr
    assert f"task {won[0]['id']}: {won[0]['title']}" in lost.stderr
    assert "(lead reopened):" in lost.stderr
    listed = json.loads(lost.stdout)["cancelled_tasks"]
    assert [c["title"] for c in listed] == [w["title"] for w in won]

    reopened = run("tasks", "reopen", str(won[1]["id"]), "--json")

    assert reopened.exit_code == 0, reopened.stderr
    task = json.loads(reopened.stdout)
    assert (task["status"], task["reason"], task["closed_at"]) == ("open", None, None)
    assert f"reopened task {won[1]['id']}" in reopened.stderr


def test_reopen_refuses_done_open_and_archived_tasks(salescoach_home: Path) -> None:
    lead = _lead("Ada")
    added = run("tasks", "add", str(lead), "Call back", "--due", "tomorrow")
    task_id = added.stdout.strip()
    still_open = run("tasks", "reopen", task_id)
    assert still_open.exit_code == 2 and "already open" in still_open.stderr
    assert run("tasks", "done", task_id).exit_code == 0
    done = run("tasks", "reopen", task_id)
    assert done.exit_code == 2 and "stays done" in done.stderr
    assert "Traceback" not in done.stderr

    other = run("tasks", "add", str(lead), "Send the deck", "--due", "tomorrow").stdout.strip()
    assert run("tasks", "drop", other, "--reason", "sent already").exit_code == 0
    assert run("lead", "archive", str(lead)).exit_code == 0
    archived = run("tasks", "reopen", other)
    assert archived.exit_code == 2 and "archived" in archived.stderr
    assert run("tasks", "reopen", "999").exit_code == 2


def test_a_reopened_task_whose_day_has_passed_is_due_today(
    salescoach_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lead = _lead("Ada")
    task_id = run("tasks", "add", str(lead), "Call", "--due", "2026-03-12").stdout.strip()
    assert run("tasks", "drop", task_id, "--reason", "not now").exit_code == 0
    monkeypatch.setenv("SALESCOACH_TODAY", "2026-03-20")
    reopened = json.loads(run("tasks", "reopen", task_id, "--json").stdout)
    assert (reopened["status"], reopened["due"]) == ("open", "2026-03-20")
