"""Hub migration 8, with raw psycopg and a real push: a quota the manager set for a rep stays
the manager's. A rep's store edited by hand cannot overwrite it on the hub, nor can a rep's
change pass itself off as the manager's (origin "hub"); the rep's own goals stay theirs."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from psycopg import errors

from salescoach.core.sync.changes import RowChange
from tests.support.hub import MANAGER, Team, hlc, make_team
from tests.support.postgres import HubDatabase

QUOTA = {"metric": "calls", "target": 20, "period": "week"}


@pytest.fixture(scope="module")
def team(module_hub_db: HubDatabase) -> Team:
    team = make_team(module_hub_db)
    quota = RowChange("goals", str(uuid.uuid4()), None, "alice", "hub", hlc("hub"), QUOTA)
    with team.session(MANAGER) as manager:
        assert manager.push([quota]) == []
    team.quota = quota.gid  # type: ignore[attr-defined]
    return team


def _feed(team: Team) -> list[tuple[Any, ...]]:
    with team.connect(MANAGER) as manager:
        return manager.execute(
            "SELECT tbl, gid, owner, origin, hlc, fields FROM salescoach.feed ORDER BY seq"
        ).fetchall()


def _insert(gid: str, origin: str, fields: dict[str, Any]) -> tuple[str, tuple[Any, ...]]:
    return (
        "INSERT INTO salescoach.feed (tbl, gid, lead_gid, owner, origin, hlc, fields)"
        " VALUES ('goals', %s, NULL, 'alice', %s, %s, %s::jsonb)",
        (gid, origin, hlc("r-a"), json.dumps(fields)),
    )


def test_the_managers_quota_is_recorded_and_each_rep_sees_only_their_own(team: Team) -> None:
    with team.connect(MANAGER) as manager:
        recorded = manager.execute("SELECT gid, owner FROM salescoach.manager_goals").fetchall()
    with team.connect("alice") as alice:
        hers = alice.execute("SELECT owner FROM salescoach.manager_goals").fetchall()
    with team.connect("bob") as bob:
        his = bob.execute("SELECT owner FROM salescoach.manager_goals").fetchall()
    assert recorded == [(team.quota, "alice")]  # type: ignore[attr-defined]
    assert (hers, his) == ([("alice",)], [])


@pytest.mark.parametrize(
    ("case", "origin", "fields"),
    [
        ("the manager's quota, a lower target", "r-a", {"target": 1}),
        ("the manager's quota, removed", "r-a", {"_removed": True}),
        ("her own new goal, claiming the hub's origin", "hub", QUOTA),
    ],
)
def test_a_rep_never_writes_what_only_the_manager_may(
    team: Team, case: str, origin: str, fields: dict[str, Any]
) -> None:
    before = _feed(team)
    gid = team.quota if origin != "hub" else str(uuid.uuid4())  # type: ignore[attr-defined]
    statement, params = _insert(gid, origin, fields)
    with team.connect("alice") as alice, pytest.raises(errors.InsufficientPrivilege):
        alice.execute(statement, params)
    assert _feed(team) == before


def test_the_push_parks_a_forged_quota_and_keeps_the_reps_own_goal(team: Team) -> None:
    forged = RowChange("goals", team.quota, None, "alice", "r-a", hlc("r-a"), {"target": 1})  # type: ignore[attr-defined]
    claimed = RowChange("goals", str(uuid.uuid4()), None, "alice", "hub", hlc("r-a"), QUOTA)
    own = RowChange("goals", str(uuid.uuid4()), None, "alice", "r-a", hlc("r-a"),
                    {"metric": "emails", "target": 5, "period": "day"})  # fmt: skip
    with team.session("alice") as alice:
        assert list(alice.push([forged, claimed, own])) == [forged, claimed]
    with team.connect(MANAGER) as manager:
        targets = manager.execute(
            "SELECT gid, target FROM salescoach.desk_goals WHERE owner = 'alice' ORDER BY target"
        ).fetchall()
    assert targets == [(own.gid, 5), (team.quota, 20)]  # type: ignore[attr-defined]
