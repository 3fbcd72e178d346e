"""A walk on a won, lost or archived lead: refused without --reopen, reopened by the stage rules
with it; the walk's own closing changes status through the same rules, with a `stage` line."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from salescoach.paths import database_path
from tests.support.cli import run
from tests.support.walk import FIXTURES

WON = "closing: {outcome: won, deal_value: 1200}\nfollow_up: {referral: yes}\n"
NEXT_STEP = (
    "closing: {outcome: next_step, next_step_date: '2026-03-18'}\nfollow_up: {referral: no}\n"
)


@pytest.fixture(autouse=True)
def playbooks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SALESCOACH_PLAYBOOK_PATH", str(FIXTURES / "playbooks"))


def rows(sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(database_path())
    try:
        return [tuple(r) for r in conn.execute(sql)]
    finally:
        conn.close()


def answers(tmp_path: Path, text: str) -> str:
    path = tmp_path / "answers.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def stage_lines() -> list[tuple[object, ...]]:
    found = rows("SELECT text, detail_json FROM interactions WHERE kind = 'stage' ORDER BY id")
    return [(text, json.loads(str(detail)).get("by")) for text, detail in found]


@pytest.mark.parametrize(
    "close", [("archive", "ACME"), ("stage", "ACME", "3", "--lost", "no budget")]
)
def test_a_closed_lead_is_not_walked_without_reopen(tmp_path: Path, close: tuple[str, ...]) -> None:
    assert (
        run("lead", "add", "Ada", "--company", "ACME", "--playbook", "walkthrough").exit_code == 0
    )
    assert run("lead", *close).exit_code == 0
    before = rows("SELECT count(*) FROM interactions"), rows("SELECT count(*) FROM tasks")
    refused = run("walk", "ACME", "--step", "closing", "-a", answers(tmp_path, NEXT_STEP))
    assert refused.exit_code == 2
    assert "walking it would reopen it" in refused.stderr and "--reopen" in refused.stderr
    assert (rows("SELECT count(*) FROM interactions"), rows("SELECT count(*) FROM tasks")) == before
    assert rows("SELECT count(*) FROM sessions") == [(0,)]


def test_reopen_reopens_through_the_stage_rules_then_walks(tmp_path: Path) -> None:
    run("lead", "add", "Ada", "--company", "ACME", "--playbook", "walkthrough")
    run("lead", "archive", "ACME", "--reason", "went quiet")
    walked = run(
        "walk", "ACME", "--reopen", "--step", "closing", "-a", answers(tmp_path, NEXT_STEP)
    )
    assert walked.exit_code == 0, walked.stderr
    assert rows("SELECT status, status_reason FROM leads") == [("open", None)]
    assert stage_lines()[1:3] == [
        ("reopened (was archived)", "walk"),
        ("prospecting → follow_up", "walk"),
    ]
    assert ("Agreed next step with Ada (ACME)",) in rows("SELECT title FROM tasks")


@pytest.mark.parametrize(
    "bad", ["closing: {outcome: banana}\n", None], ids=["bad answers", "missing answers"]
)
def test_reopen_with_answers_that_fail_their_checks_leaves_the_lead_closed(
    tmp_path: Path, bad: str | None
) -> None:
    run("lead", "add", "Ada", "--company", "ACME", "--playbook", "walkthrough")
    run("lead", "stage", "ACME", "3", "--lost", "no budget")
    before = rows("SELECT status FROM leads"), rows("SELECT count(*) FROM interactions")
    extra = ["-a", answers(tmp_path, bad)] if bad else []
    walked = run("walk", "ACME", "--reopen", "--no-input", *extra)
    assert walked.exit_code == 2
    assert (rows("SELECT status FROM leads"), rows("SELECT count(*) FROM interactions")) == before
    assert before[0] == [("lost",)]


def test_reopen_on_an_open_lead_changes_nothing(tmp_path: Path) -> None:
    run("lead", "add", "Ada", "--company", "ACME", "--playbook", "walkthrough")
    walked = run(
        "walk", "ACME", "--reopen", "--step", "closing", "-a", answers(tmp_path, NEXT_STEP)
    )
    assert walked.exit_code == 0, walked.stderr
    assert all("reopened" not in str(text) for text, _ in stage_lines())


def test_a_won_walk_logs_its_status_change_and_resumes_into_follow_up(tmp_path: Path) -> None:
    run("lead", "add", "Ada", "--company", "ACME", "--playbook", "walkthrough")
    file = answers(tmp_path, WON)
    first = run("walk", "ACME", "--step", "closing", "-a", file, "--until", "closing")
    assert first.exit_code == 0, first.stderr
    assert rows("SELECT step, status FROM leads") == [("follow_up", "won")]
    assert stage_lines() == [
        ("prospecting → closing; won", "walk"),
        ("closing → follow_up", "walk"),
    ]
    assert rows("SELECT result FROM interactions WHERE kind = 'outcome'") == [("won",)]
    resumed = run("walk", "ACME", "-a", file)  # the walk that won it goes on without --reopen
    assert resumed.exit_code == 0, resumed.stderr
    assert rows("SELECT title, status FROM tasks") == [("Onboarding check", "open")]
    again = run("walk", "ACME", "--step", "closing", "-a", file)  # a new walk on a won lead
    assert again.exit_code == 2 and "--reopen" in again.stderr


def test_a_walk_names_the_follow_ups_its_reopening_cancelled(tmp_path: Path) -> None:
    run("lead", "add", "Ada", "--company", "ACME", "--playbook", "walkthrough")
    assert run("lead", "stage", "ACME", "closing", "--won").exit_code == 0
    [(task_id,)] = rows("SELECT id FROM tasks WHERE title = 'Onboarding check'")
    walked = run(
        "walk", "ACME", "--reopen", "--step", "closing", "-a", answers(tmp_path, NEXT_STEP),
        "--json",
    )  # fmt: skip
    assert walked.exit_code == 0, walked.stderr
    assert "cancelled 1 follow-up (lead reopened):" in walked.stderr
    assert f"task {task_id}: Onboarding check, due " in walked.stderr
    [cancelled] = json.loads(walked.stdout)["cancelled_tasks"]
    assert (cancelled["id"], cancelled["reason"]) == (task_id, "lead reopened")
