"""`salescoach walk` and `prep` from scripts: answers files, no terminal, JSON, exit codes."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from salescoach import clock
from salescoach.core.walk.state import WalkState
from salescoach.paths import database_path
from salescoach.store.db import open_store
from salescoach.store.sessions import start_session
from tests.support.cli import run
from tests.support.walk import FIXTURES, FULL_ANSWERS, new_lead, write


@pytest.fixture(autouse=True)
def playbooks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SALESCOACH_PLAYBOOK_PATH", str(FIXTURES / "playbooks"))


def rows(sql: str, *params: object) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(database_path())
    try:
        return [tuple(r) for r in conn.execute(sql, params)]
    finally:
        conn.close()


def test_a_full_walk_from_an_answers_file_with_no_terminal_prints_only_the_json_record(
    tmp_path: Path,
) -> None:
    lead = new_lead()
    answers = write(tmp_path, FULL_ANSWERS)
    out = tmp_path / "record.json"
    with out.open("w") as stdout:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "salescoach",
                "walk",
                "ACME",
                "--answers",
                str(answers),
                "--json",
            ],
            stdin=subprocess.DEVNULL,
            stdout=stdout,
            stderr=subprocess.PIPE,
            env=os.environ.copy(),
            timeout=60,
        )
    assert done.returncode == 0, done.stderr.decode()
    record = json.loads(out.read_text())  # the whole file is one JSON document
    assert record["status"] == "finished" and record["lead"]["step"] == "follow_up"
    assert [s["step"] for s in record["steps"]] == [
        "prospecting", "preparation", "approach", "presentation",
        "objections", "closing", "follow_up",
    ]  # fmt: skip
    assert [(o["step"], o["objection"], o["result"]) for o in record["objections"]] == [
        ("approach", "price", "partly"),
        ("objections", "timing", "resolved"),
    ]
    tasks = {t["title"]: (t["due"], t["kept"], t["edited"]) for t in record["tasks"]}
    assert tasks == {
        "Agreed next step with Ada Lovelace (ACME)": ("2026-03-18", True, False),
        "Send the recap": ("2026-03-12", False, False),
        "Check in": ("2026-03-13", True, True),
    }
    assert "Prospecting recorded" in done.stderr.decode()
    # the store holds every answer, objection and task exactly once
    assert rows("SELECT field, value_json FROM answers WHERE lead_id = ? ORDER BY field", lead) == [
        ("competitors", '["acme_crm"]'), ("employees", "40"), ("fit", "true"),
        ("next_step_date", '"2026-03-18"'), ("outcome", '"next_step"'),
        ("pain", '"Quotes take a week"'), ("persona", '"finance"'), ("referral", "true"),
    ]  # fmt: skip
    assert rows("SELECT count(*) FROM interactions WHERE kind = 'answer'") == [(8,)]
    assert rows("SELECT objection, result FROM interactions WHERE kind = 'objection'") == [
        ("price", "partly"),
        ("timing", "resolved"),
    ]
    assert rows("SELECT title, due, status FROM tasks ORDER BY id") == [
        ("Agreed next step with Ada Lovelace (ACME)", "2026-03-18", "open"),
        ("Send the recap", "2026-03-12", "dropped"),
        ("Check in", "2026-03-13", "open"),
    ]
    assert rows("SELECT result, text FROM interactions WHERE kind = 'outcome'") == [
        ("next_step", "next step agreed for 2026-03-18")
    ]
    assert rows("SELECT status FROM sessions") == [("finished",)]


def test_a_missing_answer_with_no_terminal_exits_2_naming_each_and_writes_nothing(
    tmp_path: Path,
) -> None:
    lead = new_lead()
    answers = write(tmp_path, "prospecting: {fit: true}\nclosing: {outcome: lost}\n")
    result = run("walk", "ACME", "--answers", str(answers))
    assert result.exit_code == 2
    for name in ("preparation.persona", "approach.pain", "closing.loss_reason"):
        assert f"  {name}\n" in result.stderr
    assert "closing.next_step_date" not in result.stderr  # its condition does not hold
    assert "--answers FILE.yaml" in result.stderr
    assert rows("SELECT count(*) FROM sessions") == [(0,)]
    assert rows("SELECT count(*) FROM interactions WHERE lead_id = ?", lead) == [(0,)]


def test_no_input_never_prompts_even_without_an_answers_file() -> None:
    new_lead()
    result = run("walk", "ACME", "--no-input")
    assert result.exit_code == 2
    assert "prospecting.fit" in result.stderr


def test_answers_already_on_the_lead_are_kept_when_the_file_does_not_repeat_them(
    tmp_path: Path,
) -> None:
    new_lead()
    first = write(tmp_path, "prospecting: {fit: true}\npreparation: {persona: ops}\n")
    assert run("walk", "ACME", "-a", str(first), "--until", "preparation").exit_code == 0
    second = write(tmp_path, "approach: {pain: slow}\nclosing: {outcome: won}\n")
    result = run("walk", "ACME", "--step", "prospecting", "--new", "-a", str(second), "--json")
    assert result.exit_code == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["steps"][0]["answers"] == {}  # fit kept, not re-recorded
    assert rows("SELECT count(*) FROM interactions WHERE kind = 'answer'") == [(4,)]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "prospectin: {fit: true}\n",
            "1:1: prospectin: unknown step 'prospectin' (did you mean 'prospecting'?)",
        ),
        ("prospecting: {fit: maybe}\n", "1:20: prospecting.fit: expected yes or no, not 'maybe'"),
        ("prospecting: {fit: true, size: lots}\n", "prospecting.size: expected a number"),
        ("closing: {outcome: perhaps}\n", "'perhaps' is not one of: next_step, won, lost"),
        (
            "closing:\n  next_step_date: 31st of Februrary\n",
            "2:19: closing.next_step_date: cannot read",
        ),
        ("preparation: {persona: finance, colour: blue}\n", "unknown question 'colour'"),
        (
            "objections:\n  objections_raised: [{objection: cost, result: resolved}]\n",
            "unknown objection 'cost'",
        ),
        (
            "objections:\n  objections_raised: [{objection: price, result: great}]\n",
            "result is one of resolved, partly, not_resolved",
        ),
        ("approach: {criteria_met: [7]}\n", "no exit criterion 7 in approach"),
        ("prospecting: {criteria_met: [1]}\n", "is met by its condition"),
        (
            "follow_up: {tasks: [{task: 1, due: someday}]}\n",
            "follow_up.tasks.0.due: cannot read 'someday'",
        ),
        ("- just\n- a list\n", "expected step ids as keys"),
        ("prospecting: {fit: [yes\n", "YAML syntax error"),
    ],
)
def test_a_bad_answers_file_exits_2_pointing_at_the_spot_and_writes_nothing(
    tmp_path: Path, text: str, message: str
) -> None:
    new_lead()
    result = run("walk", "ACME", "--answers", str(write(tmp_path, text)))
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert rows("SELECT count(*) FROM sessions") == [(0,)]


def test_an_unknown_task_in_the_answers_file_is_refused_before_anything_is_written(
    tmp_path: Path,
) -> None:
    new_lead()
    text = FULL_ANSWERS.replace("{task: 3, due: friday}", "{task: Lunch, drop: true}")
    result = run("walk", "ACME", "--answers", str(write(tmp_path, text)))
    assert result.exit_code == 2
    assert "no proposed task 'Lunch'" in result.stderr
    assert "1: Agreed next step" in result.stderr
    assert rows("SELECT count(*) FROM sessions") == [(0,)]


def test_a_scripted_walk_stopped_with_until_resumes_on_the_next_run(tmp_path: Path) -> None:
    new_lead()
    answers = write(tmp_path, FULL_ANSWERS)
    first = run("walk", "ACME", "-a", str(answers), "--until", "approach", "--json")
    assert json.loads(first.stdout)["stopped_at"] == {"step": "presentation", "phase": "questions"}
    assert "go on with: salescoach walk ACME" not in first.stdout
    second = run("walk", "ACME", "-a", str(answers), "--json")
    record = json.loads(second.stdout)
    assert record["status"] == "finished" and record["session"] == 1
    assert rows("SELECT count(*) FROM interactions WHERE kind = 'objection'") == [(2,)]
    assert rows("SELECT count(*) FROM interactions WHERE kind = 'answer'") == [(8,)]


def test_step_with_a_walk_stopped_inside_a_step_asks_for_new() -> None:
    lead = new_lead()
    state = WalkState.start("walkthrough", lead, "approach", "2026-03-11")
    state.answers["pain"] = "slow quotes"  # as a Ctrl-C in the middle of approach leaves it
    conn = open_store()
    start_session(conn, state, clock.now())
    conn.close()
    result = run("walk", "ACME", "--step", "closing")
    assert result.exit_code == 2
    assert "stopped inside 3/7 approach" in result.stderr and "--new" in result.stderr


def test_step_with_a_walk_stopped_between_steps_just_starts_there(tmp_path: Path) -> None:
    new_lead()
    run("walk", "ACME", "-a", str(write(tmp_path, FULL_ANSWERS)), "--until", "prospecting")
    result = run("walk", "ACME", "--step", "closing", "-a", str(write(tmp_path, FULL_ANSWERS)))
    assert result.exit_code == 0, result.stderr
    assert rows("SELECT id, status FROM sessions ORDER BY id") == [
        (1, "abandoned"),
        (2, "finished"),
    ]


def test_new_abandons_the_unfinished_walk(tmp_path: Path) -> None:
    new_lead()
    answers = str(write(tmp_path, FULL_ANSWERS))
    run("walk", "ACME", "-a", answers, "--until", "prospecting")
    assert run("walk", "ACME", "-a", answers, "--new", "--step", "closing").exit_code == 0
    assert rows("SELECT id, status FROM sessions ORDER BY id") == [
        (1, "abandoned"),
        (2, "finished"),
    ]


def test_won_sets_the_status_cancels_old_cadence_tasks_and_schedules_the_win_cadence(
    tmp_path: Path,
) -> None:
    lead = new_lead()
    run("walk", "ACME", "-a", str(write(tmp_path, FULL_ANSWERS)))
    won = "closing: {outcome: won, deal_value: 1200}\n"
    result = run("walk", "ACME", "--step", "closing", "-a", str(write(tmp_path, won)))
    assert result.exit_code == 0, result.stderr
    assert rows("SELECT status, status_reason FROM leads WHERE id = ?", lead) == [("won", None)]
    assert rows("SELECT title, status, reason FROM tasks ORDER BY id") == [
        ("Agreed next step with Ada Lovelace (ACME)", "cancelled", "lead won"),
        ("Send the recap", "dropped", "dropped during the walk"),
        ("Check in", "cancelled", "lead won"),
        ("Onboarding check", "open", None),
    ]


def test_lost_keeps_the_reason(tmp_path: Path) -> None:
    lead = new_lead()
    lost = "closing: {outcome: lost, loss_reason: went with Acme, next_step_date: friday}\n"
    result = run("walk", "ACME", "--step", "closing", "-a", str(write(tmp_path, lost)))
    assert "not asked in this walk, so not recorded: closing.next_step_date" in result.stderr
    assert rows("SELECT status, status_reason FROM leads WHERE id = ?", lead) == [
        ("lost", "went with Acme")
    ]
    assert rows("SELECT title, due FROM tasks WHERE status = 'open'") == [("Revisit", "2026-06-09")]


def test_rerunning_the_follow_up_step_does_not_duplicate_tasks(tmp_path: Path) -> None:
    new_lead()
    run("walk", "ACME", "-a", str(write(tmp_path, FULL_ANSWERS)))
    again = run("walk", "ACME", "--step", "follow_up", "--json")
    assert again.exit_code == 0, again.stderr
    assert json.loads(again.stdout)["tasks"] == []
    assert rows("SELECT count(*) FROM tasks") == [(3,)]


def test_no_log_writes_no_interactions_but_keeps_answers_tasks_and_first_contact(
    tmp_path: Path,
) -> None:
    lead = new_lead()
    result = run("walk", "ACME", "-a", str(write(tmp_path, FULL_ANSWERS)), "--no-log")
    assert result.exit_code == 0, result.stderr
    assert rows("SELECT count(*) FROM interactions") == [(0,)]
    assert rows("SELECT count(*) FROM answers") == [(8,)]
    assert rows("SELECT count(*) FROM tasks") == [(3,)]
    assert rows("SELECT step, first_contact_at IS NOT NULL FROM leads WHERE id = ?", lead) == [
        ("follow_up", 1)
    ]


def test_the_walk_records_contact_with_the_chosen_channel(tmp_path: Path) -> None:
    new_lead()
    answers = str(write(tmp_path, FULL_ANSWERS))
    assert run("walk", "ACME", "-a", answers, "--channel", "fax").exit_code == 2
    assert run("walk", "ACME", "-a", answers, "--channel", "meeting").exit_code == 0
    channels = rows("SELECT DISTINCT step, channel FROM interactions WHERE kind = 'answer'")
    assert ("prospecting", None) in channels and ("approach", "meeting") in channels


def test_practice_writes_nothing_at_all(tmp_path: Path) -> None:
    answers = write(tmp_path, FULL_ANSWERS)
    result = run("walk", "--practice", "-p", "walkthrough", "-a", str(answers), "--json")
    assert result.exit_code == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["practice"] and record["session"] is None and record["status"] == "finished"
    assert len(record["tasks"]) == 3
    assert not database_path().exists()


def test_practice_can_rehearse_a_real_lead_without_changing_it(tmp_path: Path) -> None:
    new_lead()
    before = rows("SELECT * FROM leads")
    result = run("walk", "ACME", "--practice", "-a", str(write(tmp_path, FULL_ANSWERS)))
    assert result.exit_code == 0, result.stderr
    assert rows("SELECT * FROM leads") == before
    assert rows("SELECT count(*) FROM sessions") == [(0,)]
    assert "Practice walk: nothing was saved." in result.stderr
    assert "recorded (" not in result.stderr and "steps recorded" not in result.stderr
    assert "7 steps rehearsed" in result.stderr and "follow-up tasks proposed" in result.stderr
    assert "practice: nothing saved" in result.stderr


def test_walk_needs_a_known_lead() -> None:
    assert "which lead?" in run("walk").stderr
    new_lead()
    result = run("walk", "Nobody")
    assert result.exit_code == 2 and "no lead matches 'Nobody'" in result.stderr
    new_lead("Ada Byron", "ACME Labs")
    assert run("walk", "Ada").exit_code == 2  # two leads match: the candidates are listed


def test_until_before_the_start_is_refused() -> None:
    new_lead()
    result = run("walk", "ACME", "--step", "closing", "--until", "approach")
    assert result.exit_code == 2 and "--until approach is before" in result.stderr


def test_an_answer_recorded_as_the_temperature_moves_the_leads_temperature(
    tmp_path: Path,
) -> None:
    lead = new_lead(temperature="warm")
    answers = write(tmp_path, "prospecting: {fit: true, warmth: qualified}\n")
    result = run("walk", "ACME", "-a", str(answers), "--until", "prospecting", "--json")
    assert result.exit_code == 0, result.stderr
    assert rows("SELECT temperature FROM leads WHERE id = ?", lead) == [("qualified",)]
    kept = run("walk", "ACME", "--step", "prospecting", "--new", "--until", "prospecting", "--json")
    assert json.loads(kept.stdout)["steps"][0]["answers"] == {}  # nothing new to record


def test_lead_show_tells_which_exit_criteria_each_step_met(tmp_path: Path) -> None:
    new_lead()
    answers = write(tmp_path, FULL_ANSWERS)
    assert run("walk", "ACME", "--answers", str(answers)).exit_code == 0
    shown = run("lead", "show", "ACME")
    assert shown.exit_code == 0
    assert "Exit criteria" in shown.stdout
    assert "approach: 1/1 met" in shown.stdout
    data = json.loads(run("lead", "show", "ACME", "--json").stdout)
    by_step = {c["step"]: c for c in data["criteria"]}
    assert by_step["approach"]["met"] == ["They agreed to a conversation"]
    assert by_step["approach"]["skipped"] is False


def test_a_resumed_walk_summary_shows_follow_ups_done_since_as_done(tmp_path: Path) -> None:
    new_lead()
    before_follow_up = FULL_ANSWERS.replace("  referral: yes\n", "")
    first = run("walk", "ACME", "-a", str(write(tmp_path, before_follow_up)), "--no-input")
    assert "The follow-up questions wait" in first.stderr
    ids = [str(task_id) for (task_id,) in rows("SELECT id FROM tasks WHERE status = 'open'")]
    for task_id in ids:
        assert run("tasks", "done", task_id).exit_code == 0

    resumed = run("walk", "ACME", "-a", str(write(tmp_path, "follow_up: {referral: yes}\n")))

    assert resumed.exit_code == 0, resumed.stderr
    assert "☐" not in resumed.stderr
    assert "☑ 2026-03-13  Check in (done)" in resumed.stderr
