"""`team drill assign`: the drill reaches the rep's `train` list on sync, doing it marks it
done and its result flows back on the next sync; `team plan` lists the ones not done; bad
input exits 2 with nothing assigned."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from salescoach.paths import database_path
from tests.support.cli import run
from tests.support.desk import fixed_team, join_as
from tests.support.hub import MANAGER, Team
from tests.support.postgres import HubDatabase

GOOD = (
    "I understand, that's fair and makes sense. What are you comparing it with? Let me show "
    "you the value and the return on investment, and why it is a priority to start small. "
    "Does that sound fair?"
)


@pytest.fixture
def team(hub_db: HubDatabase, monkeypatch: pytest.MonkeyPatch) -> Team:
    return fixed_team(hub_db, monkeypatch)


def _assignments(team: Team) -> list[dict[str, Any]]:
    """Each assignment's fields as the hub merged them (latest clock per field)."""
    with team.connect(MANAGER) as connection:
        rows = connection.execute(
            "SELECT gid, owner, fields, hlc FROM salescoach.feed WHERE tbl = 'assignments'"
            ' ORDER BY hlc COLLATE "C"'
        ).fetchall()
    merged: dict[str, dict[str, Any]] = {}
    for gid, owner, fields, _ in rows:
        merged.setdefault(gid, {"owner": owner}).update(fields)
    return list(merged.values())


def _join(team: Team, tmp_path: Path, rep: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SALESCOACH_HOME", str(tmp_path / rep))
    monkeypatch.setenv("PGPASSWORD", team.passwords[rep])
    assert run("team", "join", team.db.conninfo(), "--as", rep).exit_code == 0


def test_assigned_listed_done_and_back_on_the_hub(
    team: Team, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    manager_home = tmp_path / "manager"
    monkeypatch.setenv("SALESCOACH_HOME", str(manager_home))
    join_as(team, MANAGER, monkeypatch)
    due = (date.today() + timedelta(days=3)).isoformat()
    made = run("team", "drill", "assign", "alice", "price", "--due", due)
    assert made.exit_code == 0, made.stderr
    assert f"assigned to alice: objections drill on price, due {due}" in made.stderr
    assert run("team", "drill", "assign", "bob", "cfo_price_pushback").exit_code == 0
    planned = json.loads(run("team", "plan", "--json").stdout)["drills"]
    assert [(d["rep"], d["drill"], d["target"], d["due"]) for d in planned] == [
        ("alice", "objections", "price", due),
        ("bob", "scenario", "cfo_price_pushback", None),
    ]

    _join(team, tmp_path, "alice", monkeypatch)
    assert run("sync").exit_code == 0
    listed = run("train", "--no-input")
    assert f"assigned by your manager, due {due}: objections drill on price" in listed.stderr
    assert "cfo_price_pushback" not in listed.stderr  # bob's, not hers
    answers = tmp_path / "answers.yaml"
    answers.write_text(json.dumps([GOOD]), encoding="utf-8")
    done = run("train", "objections", "--family", "price", "--rounds", "1", "--answers",
               str(answers), "--seed", "1")  # fmt: skip
    assert done.exit_code == 0, done.stderr
    assert "done: objections drill on price (assigned by your manager)" in done.stderr
    with sqlite3.connect(database_path()) as conn:
        at, done_at = conn.execute(
            "SELECT t.at, a.done_at FROM training t, assignments a WHERE a.status = 'done'"
        ).fetchone()
    assert at == done_at  # the run's training rows carry the assignment's done_at
    assert "assigned by your manager" not in run("train", "--no-input").stderr
    assert run("sync").exit_code == 0

    alice = next(a for a in _assignments(team) if a["owner"] == "alice")
    assert alice["status"] == "done" and alice["done_at"] == done_at
    assert alice["max_score"] > 0 and " of 1 passed" in alice["result"]
    monkeypatch.setenv("SALESCOACH_HOME", str(manager_home))
    monkeypatch.setenv("PGPASSWORD", team.passwords[MANAGER])
    left = json.loads(run("team", "plan", "--json").stdout)["drills"]
    assert [(d["rep"], d["target"]) for d in left] == [("bob", "cfo_price_pushback")]
    shown = run("team", "plan").stdout
    assert "Drills assigned, not done: 1 drill" in shown
    assert "bob: scenario cfo_price_pushback, no due date" in shown


def test_overdue_drills_come_first_in_team_plan(team: Team) -> None:
    later = (date.today() + timedelta(days=9)).isoformat()
    assert run("team", "drill", "assign", "alice", "price", "--due", later).exit_code == 0
    assert run("team", "drill", "assign", "bob", "timing", "--due", "today").exit_code == 0
    with team.db.connect() as connection:  # an assignment whose day has passed
        connection.execute(
            'UPDATE salescoach.feed SET fields = fields || \'{"due": "2020-01-01"}\''
            " WHERE tbl = 'assignments' AND fields ->> 'target' = 'timing'"
        )
    drills = json.loads(run("team", "plan", "--json").stdout)["drills"]
    assert [(d["target"], d["overdue"]) for d in drills] == [("timing", True), ("price", False)]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("dave", "price"), "no rep of this hub is called dave"),
        (("alice", "haggling"), "neither an objection family nor a scenario"),
        (("alice", "price", "--due", "2020-01-01"), "is in the past"),
        (("alice", "price", "--due", "someday"), "someday"),
    ],
)
def test_bad_input_assigns_nothing(team: Team, args: tuple[str, ...], message: str) -> None:
    result = run("team", "drill", "assign", *args)
    assert result.exit_code == 2 and message in result.stderr, result.stderr
    assert _assignments(team) == []


def test_a_removed_rep_gets_no_drill(team: Team) -> None:
    assert run("team", "remove-rep", "carol").exit_code == 0
    result = run("team", "drill", "assign", "carol", "price")
    assert result.exit_code == 2 and "no rep of this hub is called carol" in result.stderr
    assert _assignments(team) == []


def test_a_removed_rep_who_still_holds_leads_is_named_as_removed(team: Team) -> None:
    assert run("team", "remove-rep", "bob").exit_code == 0
    result = run("team", "drill", "assign", "bob", "price")
    assert result.exit_code == 2 and "bob was removed from this hub" in result.stderr
    assert "leads go to" not in result.stderr and "reps: alice, carol" in result.stderr
    assert _assignments(team) == []
