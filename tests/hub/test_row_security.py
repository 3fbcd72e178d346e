"""Row-level security, enforced by PostgreSQL: connected as rep alice with raw psycopg,
SELECT, INSERT, UPDATE and DELETE on every hub table touch none of rep bob's rows, and alice
cannot raise her rights (another role, the manager's group, her own config)."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from psycopg import errors

from salescoach.hub.config import TeamConfig
from salescoach.hub.errors import HubCredentialsError
from salescoach.hub.schema import group_roles
from tests.support.hub import MANAGER, Team, event, everything, lead, make_team
from tests.support.postgres import HubDatabase

TABLES = ("feed", "lead_owners", "migrations", "hub_info")


@pytest.fixture(scope="module")
def team(module_hub_db: HubDatabase) -> Team:
    """One hub for the module: every test here checks that nothing changed."""
    team = make_team(module_hub_db)
    with team.session("alice") as alice, team.session("bob") as bob:
        a, b = lead("alice"), lead("bob")
        alice.push([a, event("alice", a.gid)])
        bob.push([b, event("bob", b.gid)])
        goal = {"target": 5}
        bob.push([lead("bob"), *_goal("bob", goal)])
    return team


def _goal(owner: str, fields: dict[str, Any]) -> list[Any]:
    from salescoach.core.sync.changes import RowChange

    return [RowChange("goals", str(uuid.uuid4()), None, owner, "r2", "0" * 20, fields)]


def snapshot(team: Team) -> dict[str, list[tuple[Any, ...]]]:
    """Every hub table as the superuser sees it."""
    with team.db.connect() as connection:
        return {
            t: connection.execute(f"SELECT * FROM salescoach.{t} ORDER BY 1").fetchall()
            for t in TABLES
        }


def bobs_lead(team: Team) -> str:
    with team.db.connect() as connection:
        row = connection.execute(
            "SELECT lead_gid FROM salescoach.lead_owners WHERE owner = 'bob' LIMIT 1"
        ).fetchone()
        return str(row[0])


def test_alice_selects_none_of_bobs_rows(team: Team) -> None:
    with team.connect("alice") as alice:
        feed = alice.execute("SELECT DISTINCT owner FROM salescoach.feed").fetchall()
        owners = alice.execute("SELECT DISTINCT owner FROM salescoach.lead_owners").fetchall()
        counted = alice.execute(
            "SELECT count(*) FROM salescoach.feed WHERE owner = 'bob' OR lead_gid = %s",
            (bobs_lead(team),),
        ).fetchone()
    assert feed == [("alice",)] and owners == [("alice",)] and counted == (0,)


_A_COLUMN = {"feed": "fields", "lead_owners": "owner", "migrations": "name", "hub_info": "value"}
_WRITES = [
    # INSERT: rows on bob's lead, in bob's name, as bob's pusher, as a hand-over, a claim
    "INSERT INTO salescoach.feed (tbl, gid, lead_gid, owner, origin, hlc, fields)"
    " VALUES ('interactions', gen_random_uuid(), '{bob_lead}', 'alice', 'x', 'h', '{{}}')",
    "INSERT INTO salescoach.feed (tbl, gid, lead_gid, owner, origin, hlc, fields)"
    " VALUES ('goals', gen_random_uuid(), NULL, 'bob', 'x', 'h', '{{}}')",
    "INSERT INTO salescoach.feed (tbl, gid, lead_gid, owner, origin, hlc, fields, pushed_by)"
    " VALUES ('goals', gen_random_uuid(), NULL, 'alice', 'x', 'h', '{{}}', 'bob')",
    "INSERT INTO salescoach.feed (tbl, gid, lead_gid, owner, origin, hlc, fields, handed_from)"
    " VALUES ('goals', gen_random_uuid(), NULL, 'alice', 'x', 'h', '{{}}', 'bob')",
    "INSERT INTO salescoach.lead_owners VALUES (gen_random_uuid(), 'bob', 'h')",
    "INSERT INTO salescoach.lead_owners VALUES ('{bob_lead}', 'alice', 'z')"
    " ON CONFLICT (lead_gid) DO UPDATE SET owner = 'alice'",
    "INSERT INTO salescoach.migrations VALUES (99, 'mine')",
    "INSERT INTO salescoach.hub_info VALUES ('managers', 'alice')",
    # UPDATE and DELETE, on every table
    *(f"UPDATE salescoach.{t} SET {c} = {c}" for t, c in _A_COLUMN.items()),
    *(f"DELETE FROM salescoach.{t}" for t in TABLES),
    *(f"TRUNCATE salescoach.{t}" for t in TABLES),
]  # fmt: skip


@pytest.mark.parametrize("statement", _WRITES)
def test_alice_writes_none_of_bobs_rows(team: Team, statement: str) -> None:
    before = snapshot(team)
    with team.connect("alice") as alice, pytest.raises(errors.InsufficientPrivilege):
        alice.execute(statement.format(bob_lead=bobs_lead(team)))
    assert snapshot(team) == before


def test_alice_cannot_become_bob_or_a_manager(team: Team) -> None:
    managers, reps = group_roles(team.db.name)
    with team.connect("alice") as alice:
        for role in ("bob", managers, MANAGER):
            with pytest.raises(errors.InsufficientPrivilege):
                alice.execute(f'SET ROLE "{role}"')
        for statement in (
            f'GRANT "{managers}" TO alice',
            "ALTER ROLE alice CREATEROLE",
            "ALTER ROLE bob PASSWORD 'mine'",
            "CREATE TABLE salescoach.mine (x int)",
        ):
            with pytest.raises(errors.InsufficientPrivilege):
                alice.execute(statement)
        # The reps' group itself owns nothing: as it, she sees less, not more.
        alice.execute(f'SET ROLE "{reps}"')
        assert alice.execute("SELECT count(*) FROM salescoach.feed").fetchone() == (0,)


def test_editing_the_local_config_raises_no_rights(team: Team) -> None:
    from salescoach.hub import open_session

    password = team.passwords["alice"]
    for other in ("bob", MANAGER):
        config = TeamConfig(url=team.db.conninfo(), rep=other, replica=str(uuid.uuid4()))
        with pytest.raises(HubCredentialsError):
            open_session(config, password_prompt=lambda: password)
    # Naming bob as the owner of pushed rows is refused, whatever the config says.
    with team.session("alice") as alice:
        forged = lead("bob")
        assert list(alice.push([forged])) == [forged]
        assert {c.owner for c in everything(alice)} == {"alice"}


def test_the_manager_reads_every_row_and_is_not_a_superuser(team: Team) -> None:
    with team.connect(MANAGER) as manager:
        row = manager.execute(
            "SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user"
        )
        assert row.fetchone() == (False, False)
        owners = manager.execute("SELECT DISTINCT owner FROM salescoach.feed ORDER BY 1")
        assert owners.fetchall() == [("alice",), ("bob",)]
