"""The desk's current-state tables, kept from the feed by the hub's own trigger."""

from __future__ import annotations

import psycopg
import pytest

from salescoach.core.sync.changes import RowChange
from tests.support.hub import MANAGER, Team, event, hlc, lead, make_team
from tests.support.postgres import HubDatabase


@pytest.fixture
def team(hub_db: HubDatabase) -> Team:
    return make_team(hub_db)


def _leads(team: Team) -> dict[str, tuple[str, str | None, str]]:
    with team.connect(MANAGER) as connection:
        rows = connection.execute("SELECT gid, name, step, status FROM salescoach.desk_leads")
        return {gid: (name, step, status) for gid, name, step, status in rows}


def test_a_pushed_lead_and_its_calls_are_in_the_desk_tables(team: Team) -> None:
    ada = lead("alice", step="prospecting")
    with team.session("alice") as alice:
        alice.push([ada, event("alice", ada.gid), event("alice", ada.gid)])
    assert _leads(team) == {ada.gid: ("Ada", "prospecting", "open")}
    with team.connect(MANAGER) as connection:
        count = connection.execute(
            "SELECT count(*) FROM salescoach.desk_interactions WHERE lead_gid = %s", (ada.gid,)
        ).fetchone()[0]
    assert count == 2


def test_fields_merge_by_the_latest_clock_whatever_order_they_arrive_in(team: Team) -> None:
    ada = lead("alice")
    early, late = hlc(), hlc()
    edit_late = RowChange("leads", ada.gid, ada.gid, "alice", "r1", late, {"step": "qualify"})
    edit_early = RowChange(
        "leads", ada.gid, ada.gid, "alice", "r1", early, {"step": "contact", "name": "Ada L."}
    )
    with team.session("alice") as alice:
        alice.push([ada])
        alice.push([edit_late])
        alice.push([edit_early])
    assert _leads(team) == {ada.gid: ("Ada L.", "qualify", "open")}


def test_one_push_with_several_changes_of_a_row_keeps_the_latest_of_each_field(
    team: Team,
) -> None:
    ada = lead("alice", step="prospecting")
    won = RowChange("leads", ada.gid, ada.gid, "alice", "r1", hlc(), {"status": "won"})
    with team.session("alice") as alice:
        alice.push([won, ada])
    # `ada` was stamped first, so its step stands and the later status wins.
    assert _leads(team) == {ada.gid: ("Ada", "prospecting", "won")}


def test_a_row_changed_once_in_a_push_is_kept_whole_with_a_clock_per_field(team: Team) -> None:
    ada, bea = lead("alice", step="prospecting", email="ada@x"), lead("alice", name="Bea")
    bea_won = RowChange("leads", bea.gid, bea.gid, "alice", "r1", hlc(), {"status": "won"})
    with team.session("alice") as alice:
        alice.push([ada, bea, bea_won])  # ada once, bea twice: both ways in one statement
        later = RowChange("leads", ada.gid, ada.gid, "alice", "r1", hlc(), {"step": "closing"})
        alice.push([later])
    with team.connect(MANAGER) as connection:
        rows = connection.execute("SELECT gid, data, clocks FROM salescoach.desk_leads")
        stored = {gid: (data, clocks) for gid, data, clocks in rows}
    assert stored[ada.gid] == (
        {"name": "Ada", "step": "closing", "email": "ada@x"},
        {"name": ada.hlc, "step": later.hlc, "email": ada.hlc},
    )
    assert stored[bea.gid] == (
        {"name": "Bea", "status": "won"},
        {"name": bea.hlc, "status": bea_won.hlc},
    )


def test_a_rep_may_not_read_the_desk(team: Team) -> None:
    with team.session("alice") as alice:
        alice.push([lead("alice")])
    with team.connect("alice") as connection, pytest.raises(psycopg.errors.InsufficientPrivilege):
        connection.execute("SELECT count(*) FROM salescoach.desk_leads")
    with team.connect("alice") as connection, pytest.raises(psycopg.errors.InsufficientPrivilege):
        connection.execute(
            "INSERT INTO salescoach.desk_leads VALUES ('x', 'x', 'alice', '{}', '{}')"
        )


def test_an_upgraded_hub_fills_the_desk_from_its_feed(team: Team) -> None:
    ada = lead("bob")
    with team.session("bob") as bob:
        bob.push([ada, event("bob", ada.gid)])
    with team.connect(MANAGER) as connection:
        connection.execute("TRUNCATE salescoach.desk_leads, salescoach.desk_interactions")
        from salescoach.hub import desk_schema

        statements = desk_schema._apply_statements("salescoach.feed").replace("{{}}", "{}")
        connection.execute(statements)
    assert _leads(team) == {ada.gid: ("Ada", None, "open")}
