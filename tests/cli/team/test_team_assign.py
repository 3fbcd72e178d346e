"""`team assign` and `team reassign` on the fixed team: leads move with their history and
open tasks; bad input exits 2 with nothing moved."""

from __future__ import annotations

import pytest

from salescoach.hub import admin
from tests.support.cli import run
from tests.support.desk import fixed_team, join_as, owner_of
from tests.support.hub import MANAGER, Team, everything
from tests.support.postgres import HubDatabase


@pytest.fixture
def team(hub_db: HubDatabase, monkeypatch: pytest.MonkeyPatch) -> Team:
    return fixed_team(hub_db, monkeypatch)


def test_assign_gives_a_lead_its_history_and_open_tasks_to_the_new_rep(
    team: Team, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = run("team", "assign", "a1", "--to", "bob")
    assert result.exit_code == 0, result.stderr
    assert "moved 1 lead (A1) with 1 open task to bob" in result.stderr
    assert owner_of(team, "A1") == "bob"
    monkeypatch.setenv("PGPASSWORD", team.passwords["bob"])
    with team.session("bob") as bob:
        pulled = everything(bob)
    a1 = next(c for c in pulled if c.table == "leads" and c.fields.get("name") == "A1")
    about_a1 = [c for c in pulled if c.lead_gid == a1.gid]
    assert sorted({c.table for c in about_a1}) == ["interactions", "leads", "tasks"]
    assert len([c for c in about_a1 if c.table == "interactions"]) == 4
    monkeypatch.setenv("PGPASSWORD", team.passwords[MANAGER])
    again = run("team", "assign", "A1", "--to", "bob")
    assert again.exit_code == 0 and "nothing to move" in again.stderr


def test_reassign_only_open_moves_the_open_leads_and_leaves_the_won_one(team: Team) -> None:
    result = run("team", "reassign", "--from", "alice", "--to", "carol", "--only", "open")
    assert result.exit_code == 0, result.stderr
    assert "moved 2 leads" in result.stderr
    assert (owner_of(team, "A1"), owner_of(team, "A3"), owner_of(team, "A2")) == (
        "carol",
        "carol",
        "alice",
    )
    everything_moves = run("team", "reassign", "--from", "alice", "--to", "carol")
    assert everything_moves.exit_code == 0 and owner_of(team, "A2") == "carol"


def test_a_removed_reps_leads_go_to_a_current_rep_never_to_the_removed_one(team: Team) -> None:
    with team.connect(MANAGER) as connection:
        admin.remove_rep(connection, "bob")
    refused = run("team", "assign", "A1", "--to", "bob")
    assert refused.exit_code == 2 and "bob was removed" in refused.stderr
    moved = run("team", "reassign", "--from", "bob", "--to", "alice")
    assert moved.exit_code == 0, moved.stderr
    assert owner_of(team, "B1") == "alice"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("assign", "A1", "--to", "dave"), "no rep of this hub is called dave"),
        (("assign", "nobody", "--to", "bob"), "no lead on the hub matches"),
        (("reassign", "--from", "dave", "--to", "bob"), "dave owns no lead"),
        (("reassign", "--from", "alice", "--to", "alice"), "nothing to move"),
        (("reassign", "--from", "alice", "--to", "bob", "--only", "won"), "--only takes"),
    ],
)
def test_bad_input_exits_2_and_moves_nothing(
    team: Team, args: tuple[str, ...], message: str
) -> None:
    result = run("team", *args)
    assert result.exit_code == 2 and message in result.stderr
    assert owner_of(team, "A1") == "alice" and owner_of(team, "B1") == "bob"


def test_a_part_of_a_name_is_refused_naming_the_leads_it_is_part_of(team: Team) -> None:
    result = run("team", "assign", "a", "--to", "bob")
    assert result.exit_code == 2 and "no lead on the hub matches 'a'" in result.stderr
    assert "A1 (alice)" in result.stderr and "A3 (alice)" in result.stderr
    assert "its whole name or company" in result.stderr
    assert owner_of(team, "A1") == "alice"


def test_a_rep_cannot_move_leads(team: Team, monkeypatch: pytest.MonkeyPatch) -> None:
    join_as(team, "alice", monkeypatch)
    result = run("team", "assign", "A1", "--to", "bob")
    assert result.exit_code == 2 and "a manager's command" in result.stderr
    assert owner_of(team, "A1") == "alice"
