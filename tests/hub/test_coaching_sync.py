"""Coaching records through a real hub: an assignment reaches only its rep and the outcome
comes back; a published playbook reaches every rep and lands in the hub layer of the search
path; a store of schema 5 migrates in place and takes part."""

from __future__ import annotations

import uuid
from contextlib import closing
from pathlib import Path

import pytest

from salescoach.actions.hub_playbooks import playbook_version, refresh_hub_layer
from salescoach.core.sync.changes import RowChange
from salescoach.paths import hub_playbook_dir, user_playbook_dir
from salescoach.store.db import connect
from tests.support.hub import MANAGER, Team, hlc, make_team
from tests.support.postgres import HubDatabase
from tests.support.replicas import Replica
from tests.support.store import build_v5

TEAM_YAML = "extends: b2b-saas\ntitle: Our team's way\n"


@pytest.fixture
def team(hub_db: HubDatabase) -> Team:
    return make_team(hub_db)


def _assign(team: Team, rep: str) -> str:
    gid = str(uuid.uuid4())
    fields = {"rep": rep, "drill": "objections", "target": "price", "status": "open",
              "assigned_at": "2026-03-10T09:00:00", "due": "2026-03-20"}  # fmt: skip
    with team.session(MANAGER) as manager:
        assert manager.push([RowChange("assignments", gid, None, rep, "hub", hlc("hub"),
                                       fields)]) == []  # fmt: skip
    return gid


def _publish(team: Team, version: int, text: str = TEAM_YAML) -> None:
    fields = {"name": "team", "version": version, "yaml": text,
              "published_at": "2026-03-10T09:00:00", "published_by": MANAGER}  # fmt: skip
    change = RowChange("playbooks", str(uuid.uuid4()), None, MANAGER, "hub", hlc("hub"), fields)
    with team.session(MANAGER) as manager:
        assert manager.push([change]) == []


def _hub_outcome(team: Team, gid: str) -> dict[str, object]:
    merged: dict[str, object] = {}
    with team.connect(MANAGER) as manager:
        for (fields,) in manager.execute(
            'SELECT fields FROM salescoach.feed WHERE gid = %s ORDER BY hlc COLLATE "C"', (gid,)
        ):
            merged.update(fields)
    return merged


def test_an_assignment_reaches_its_rep_only_and_the_outcome_comes_back(
    team: Team, tmp_path: Path
) -> None:
    gid = _assign(team, "alice")
    alice, bob = Replica.open(tmp_path, "alice"), Replica.open(tmp_path, "bob")
    with team.session("alice") as session:
        alice.sync(session)
    with team.session("bob") as session:
        bob.sync(session)
    assert bob.conn.execute("SELECT count(*) FROM assignments").fetchone()[0] == 0
    row = alice.conn.execute("SELECT id, rep, target, status FROM assignments").fetchone()
    assert tuple(row)[1:] == ("alice", "price", "open")
    alice.write(
        "UPDATE assignments SET status = 'done', done_at = 'T', score = 4, max_score = 5,"
        " result = '4/5' WHERE id = ?",
        row["id"],
    )
    with team.session("alice") as session:
        counts = alice.sync(session)
    assert (counts.pushed, counts.refused) == (1, 0)
    assert _hub_outcome(team, gid) == {
        "rep": "alice", "drill": "objections", "target": "price", "status": "done",
        "assigned_at": "2026-03-10T09:00:00", "due": "2026-03-20", "done_at": "T",
        "score": 4, "max_score": 5, "result": "4/5",
    }  # fmt: skip
    # The rep's own edit of a field that is the manager's is refused, kept, reported.
    alice.write("UPDATE assignments SET target = 'timing' WHERE id = ?", row["id"])
    with team.session("alice") as session:
        assert alice.sync(session).refused == 1
    assert _hub_outcome(team, gid)["target"] == "price"


def test_a_published_playbook_reaches_every_rep_in_the_hub_layer(
    team: Team, tmp_path: Path, salescoach_home: Path
) -> None:
    _publish(team, 1)
    _publish(team, 2, TEAM_YAML + "# version two\n")
    bob = Replica.open(tmp_path, "bob")
    with team.session("bob") as session:
        bob.sync(session)
    rows = bob.conn.execute("SELECT name, version FROM playbooks ORDER BY version").fetchall()
    assert [tuple(r) for r in rows] == [("team", 1), ("team", 2)]
    # The sync wrote the latest version; refreshing again rewrites nothing.
    assert (hub_playbook_dir() / "team.yaml").read_text() == TEAM_YAML + "# version two\n"
    assert refresh_hub_layer(bob.conn, hub_playbook_dir()) == []
    assert playbook_version(bob.conn, "team") == "2"
    # The rep's own playbook of that name still shadows the hub's.
    user_playbook_dir().mkdir(parents=True)
    (user_playbook_dir() / "team.yaml").write_text(TEAM_YAML + "# mine\n")
    assert (playbook_version(bob.conn, "team") or "").startswith("sha256:")


def test_a_store_of_schema_5_migrates_and_receives_its_assignment(
    team: Team, tmp_path: Path
) -> None:
    path = tmp_path / "old.db"
    build_v5(path)
    gid = _assign(team, "alice")
    with closing(connect(path)) as conn:
        old = Replica(conn, "replica-old")
        with team.session("alice") as session:
            counts = old.sync(session)
        assert counts.refused == 0 and counts.pushed > 0  # its history went up
        assert [r[0] for r in conn.execute("SELECT target FROM assignments")] == ["price"]
        old.write("UPDATE assignments SET status = 'done', result = 'ok'")
        with team.session("alice") as session:
            assert old.sync(session).refused == 0
    assert _hub_outcome(team, gid)["status"] == "done"
