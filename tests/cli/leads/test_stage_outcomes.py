"""Closing a deal with `lead stage` counts like the walk's closing: outcome line, goals, report,
and the playbook's won/lost follow-ups; closing it again is refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.cli import run
from tests.support.leads import count, execute, rows, use_test_playbooks


@pytest.fixture(autouse=True)
def _playbooks(monkeypatch: pytest.MonkeyPatch) -> None:
    use_test_playbooks(monkeypatch)


def _lead(name: str, company: str) -> None:
    added = run("lead", "add", name, "--company", company, "--playbook", "walkthrough")
    assert added.exit_code == 0, added.stderr


def test_won_by_stage_counts_in_report_and_goals_and_schedules_the_won_cadence(
    salescoach_home: Path,
) -> None:
    _lead("Ada", "ACME")
    _lead("Bo", "Globex")
    run("goal", "set", "deals_won", "4", "--per", "week")
    run("goal", "set", "revenue_won", "10000", "--per", "week")
    won = run("lead", "stage", "ACME", "closing", "--won", "--value", "5000")
    assert won.exit_code == 0, won.stderr
    assert "scheduled 1 follow-up from" in won.stderr
    lost = run("lead", "stage", "Globex", "presentation", "--lost", "chose a rival")
    assert lost.exit_code == 0, lost.stderr

    funnel = json.loads(run("report", "--period", "week", "--json").stdout)["funnel"]
    assert (funnel["won"], funnel["lost"], funnel["win_rate"]) == (1, 1, 0.5)
    goals = {g["metric"]: g["actual"] for g in json.loads(run("goal", "list", "--json").stdout)}
    assert goals == {"deals_won": 1.0, "revenue_won": 5000.0}

    outcomes = rows(
        salescoach_home,
        "SELECT lead_id, step, result, text, detail_json FROM interactions "
        "WHERE kind = 'outcome' ORDER BY id",
    )
    assert [(o["step"], o["result"], o["text"]) for o in outcomes] == [
        ("closing", "won", "won (value 5,000)"),
        ("presentation", "lost", "lost: chose a rival"),
    ]
    assert json.loads(outcomes[0]["detail_json"]) == {
        "outcome": "won",
        "deal_value": 5000.0,
        "on": "2026-03-11",
    }
    tasks = rows(salescoach_home, "SELECT lead_id, title, due, cadence, status FROM tasks")
    assert tasks == [
        {"lead_id": 1, "title": "Onboarding check", "due": "2026-03-13", "cadence": "after_win",
         "status": "open"},
        {"lead_id": 2, "title": "Revisit", "due": "2026-06-09", "cadence": "after_loss",
         "status": "open"},
    ]  # fmt: skip


def test_the_old_cadence_is_cancelled_before_the_won_one_is_scheduled(
    salescoach_home: Path,
) -> None:
    _lead("Ada", "ACME")
    scripted = run("tasks", "add", "ACME", "Hand-written", "--due", "+1d")
    assert scripted.exit_code == 0, scripted.stderr
    rows_before = count(salescoach_home, "tasks")
    execute(
        salescoach_home,
        "INSERT INTO tasks (lead_id, title, due, cadence, dedupe_key, created_at, updated_at) "
        "VALUES (1, 'Check in', '2026-03-12', 'after_call', 'after_call:1:2026-03-10', 'x', 'x')",
    )
    assert run("lead", "stage", "ACME", "closing", "--won").exit_code == 0
    statuses = rows(salescoach_home, "SELECT title, status FROM tasks ORDER BY id")
    assert statuses[rows_before:] == [
        {"title": "Check in", "status": "cancelled"},
        {"title": "Onboarding check", "status": "open"},
    ]
    assert statuses[0]["status"] == "open"  # tasks added by hand stay


@pytest.mark.parametrize(
    ("first", "again", "message"),
    [
        (("stage", "ACME", "close", "--won"), ("stage", "ACME", "close", "--won"), "already won"),
        (("stage", "ACME", "close", "--won"), ("stage", "ACME", "7", "--won"), "already won"),
        (("stage", "ACME", "3", "--lost", "x"), ("stage", "ACME", "3", "--lost", "y"),
         "already lost"),
        (("archive", "ACME"), ("archive", "ACME"), "already archived"),
    ],
)  # fmt: skip
def test_closing_a_lead_again_is_refused_and_writes_nothing(
    salescoach_home: Path, first: tuple[str, ...], again: tuple[str, ...], message: str
) -> None:
    _lead("Ada", "ACME")
    assert run("lead", *first).exit_code == 0
    before = (count(salescoach_home, "interactions"), count(salescoach_home, "tasks"))
    lead_before = rows(salescoach_home, "SELECT * FROM leads")
    repeated = run("lead", *again)
    assert repeated.exit_code == 2 and message in repeated.stderr
    assert (count(salescoach_home, "interactions"), count(salescoach_home, "tasks")) == before
    assert rows(salescoach_home, "SELECT * FROM leads") == lead_before


def test_value_goes_with_won_only(salescoach_home: Path) -> None:
    _lead("Ada", "ACME")
    refused = run("lead", "stage", "ACME", "closing", "--lost", "x", "--value", "10")
    assert refused.exit_code == 2 and "--value" in refused.stderr
    assert run("lead", "stage", "ACME", "closing", "--won", "--value", "-1").exit_code == 2
    assert count(salescoach_home, "interactions") == 0


def test_reopening_cancels_the_won_or_lost_follow_ups(salescoach_home: Path) -> None:
    _lead("Bo", "Globex")
    assert run("lead", "stage", "Globex", "presentation", "--lost", "chose a rival").exit_code == 0
    reopened = run("lead", "stage", "Globex", "approach", "--reopen")
    assert reopened.exit_code == 0, reopened.stderr
    tasks = rows(salescoach_home, "SELECT title, status, reason FROM tasks")
    assert tasks == [{"title": "Revisit", "status": "cancelled", "reason": "lead reopened"}]


def test_a_deal_value_takes_a_currency_symbol_and_separators(salescoach_home: Path) -> None:
    _lead("Ada", "ACME")
    run("goal", "set", "revenue_won", "$25,000", "--per", "week")
    won = run("lead", "stage", "ACME", "closing", "--won", "--value", "$18,000")
    assert won.exit_code == 0, won.stderr
    goals = {g["metric"]: g["actual"] for g in json.loads(run("goal", "list", "--json").stdout)}
    assert goals == {"revenue_won": 18000.0}
    assert "18,000/25,000" in run("goal", "list").stdout
    refused = run("lead", "stage", "ACME", "closing", "--won", "--value", "18k")
    assert refused.exit_code == 2 and "not '18k'" in refused.stderr
