"""Row-level security on the coaching records (hub migration 4), with raw psycopg: a rep
reads their own assignments and every published playbook, changes only the outcome fields
of an assignment made for them, and never creates an assignment or a playbook."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from psycopg import errors

from salescoach.core.sync.changes import RowChange
from tests.support.hub import MANAGER, Team, everything, hlc, make_team
from tests.support.postgres import HubDatabase

TABLES = ("feed", "assignment_owners")


def _assignment(rep: str, target: str) -> RowChange:
    fields = {"rep": rep, "drill": "objections", "target": target, "status": "open",
              "assigned_at": "2026-03-10T09:00:00"}  # fmt: skip
    return RowChange("assignments", str(uuid.uuid4()), None, rep, "hub", hlc("hub"), fields)


def _playbook(version: int) -> RowChange:
    fields = {"name": "team", "version": version, "yaml": "extends: b2b-saas\n"}
    gid = str(uuid.uuid4())
    return RowChange("playbooks", gid, None, MANAGER, "hub", hlc("hub"), fields)


@pytest.fixture(scope="module")
def team(module_hub_db: HubDatabase) -> Team:
    team = make_team(module_hub_db)
    with team.session(MANAGER) as manager:
        assert manager.push([_assignment("alice", "price"), _assignment("bob", "timing"),
                             _playbook(1)]) == []  # fmt: skip
    return team


def snapshot(team: Team) -> dict[str, list[tuple[Any, ...]]]:
    with team.db.connect() as connection:
        return {
            t: connection.execute(f"SELECT * FROM salescoach.{t} ORDER BY 1, 2").fetchall()
            for t in TABLES
        }


def _gid(team: Team, rep: str) -> str:
    with team.db.connect() as connection:
        row = connection.execute(
            "SELECT gid FROM salescoach.assignment_owners WHERE owner = %s", (rep,)
        ).fetchone()
    return str(row[0])


def test_a_rep_reads_their_own_assignments_and_every_playbook(team: Team) -> None:
    with team.connect("alice") as alice:
        rows = alice.execute(
            "SELECT tbl, owner FROM salescoach.feed ORDER BY tbl, owner"
        ).fetchall()
        owners = alice.execute("SELECT owner FROM salescoach.assignment_owners").fetchall()
    assert rows == [("assignments", "alice"), ("playbooks", MANAGER)]
    assert owners == [("alice",)]
    with team.session("bob") as bob:
        assert {(c.table, c.fields.get("target")) for c in everything(bob)} == {
            ("assignments", "timing"), ("playbooks", None),
        }  # fmt: skip


def _insert(tbl: str, gid: str, owner: str, fields: dict[str, Any]) -> tuple[str, tuple[Any, ...]]:
    return (
        "INSERT INTO salescoach.feed (tbl, gid, lead_gid, owner, origin, hlc, fields)"
        " VALUES (%s, %s, NULL, %s, 'x', 'zz', %s::jsonb)",
        (tbl, gid, owner, json.dumps(fields)),
    )


_REFUSED = [
    ("a new assignment", "assignments", None, "alice", {"status": "open", "target": "price"}),
    ("a new assignment, outcome only", "assignments", None, "alice", {"status": "done"}),
    ("bob's assignment, as alice", "assignments", "bob", "alice", {"status": "done"}),
    ("bob's assignment, as bob", "assignments", "bob", "bob", {"status": "done"}),
    ("her own, another field", "assignments", "alice", "alice", {"target": "timing"}),
    ("her own, for bob", "assignments", "alice", "alice", {"status": "done", "rep": "bob"}),
    ("a playbook", "playbooks", None, "alice", {"name": "team", "version": 2, "yaml": "x"}),
]


@pytest.mark.parametrize(("case", "tbl", "whose", "owner", "fields"), _REFUSED)
def test_a_rep_writes_no_assignment_or_playbook_of_their_own_making(
    team: Team, case: str, tbl: str, whose: str | None, owner: str, fields: dict[str, Any]
) -> None:
    before = snapshot(team)
    gid = _gid(team, whose) if whose else str(uuid.uuid4())
    statement, params = _insert(tbl, gid, owner, fields)
    with team.connect("alice") as alice, pytest.raises(errors.InsufficientPrivilege):
        alice.execute(statement, params)
    assert snapshot(team) == before


@pytest.mark.parametrize(
    "statement",
    [
        "INSERT INTO salescoach.assignment_owners VALUES (gen_random_uuid(), 'alice')",
        "UPDATE salescoach.assignment_owners SET owner = 'alice'",
        "DELETE FROM salescoach.assignment_owners",
        "UPDATE salescoach.feed SET fields = fields WHERE tbl = 'assignments'",
        "DELETE FROM salescoach.feed WHERE tbl = 'playbooks'",
    ],
)
def test_a_rep_changes_no_coaching_table_directly(team: Team, statement: str) -> None:
    before = snapshot(team)
    with team.connect("alice") as alice, pytest.raises(errors.InsufficientPrivilege):
        alice.execute(statement)
    assert snapshot(team) == before


def test_the_push_refuses_what_the_policy_refuses_and_keeps_the_outcome(team: Team) -> None:
    mine = _gid(team, "alice")
    outcome = RowChange("assignments", mine, None, "alice", "r-a", hlc(), {"status": "done",
                        "score": 4.0, "max_score": 5.0, "result": "4/5"})  # fmt: skip
    forged = _assignment("alice", "timing")
    other = RowChange("assignments", _gid(team, "bob"), None, "alice", "r-a", hlc(),
                      {"status": "done"})  # fmt: skip
    book = RowChange("playbooks", str(uuid.uuid4()), None, "alice", "r-a", hlc(),
                     {"name": "team", "version": 9, "yaml": "x"})  # fmt: skip
    with team.session("alice") as alice:
        assert list(alice.push([forged, outcome, other, book])) == [forged, other, book]
    with team.connect(MANAGER) as manager:
        done = manager.execute(
            "SELECT fields ->> 'status', pushed_by FROM salescoach.feed"
            " WHERE tbl = 'assignments' AND gid = %s AND fields ? 'score'",
            (mine,),
        ).fetchall()
        count = manager.execute(
            "SELECT count(*) FROM salescoach.feed WHERE tbl = 'playbooks'"
        ).fetchone()
    assert done == [("done", "alice")] and count == (1,)


def test_two_versions_of_one_name_cannot_share_a_number(team: Team) -> None:
    with team.session(MANAGER) as manager, pytest.raises(Exception, match="feed_playbook"):
        manager.push([_playbook(1)])
