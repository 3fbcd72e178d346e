"""A small fixed team on a real hub for the manager's desk: three reps, a week of work, and
the manager's data home recorded (password in PGPASSWORD). The figures each test expects
are worked out by hand from the rows below."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from salescoach.core.sync.changes import RowChange
from salescoach.hub.config import write_team_config
from tests.support.hub import MANAGER, Team, hlc, make_team
from tests.support.postgres import HubDatabase

REPS = ("alice", "bob", "carol")


def owner_of(team: Team, name: str) -> str:
    with team.connect(MANAGER) as connection:
        row = connection.execute(
            "SELECT o.owner FROM salescoach.desk_leads l"
            " JOIN salescoach.lead_owners o ON o.lead_gid = l.gid WHERE l.name = %s",
            (name,),
        ).fetchone()
    return str(row[0])


def lead_row(owner: str, name: str, **fields: object) -> RowChange:
    gid = str(uuid.uuid4())
    row = {"name": name, "status": "open", "step": "prospecting", **fields}
    return RowChange("leads", gid, gid, owner, "r1", hlc(), row)  # type: ignore[arg-type]


def logged(owner: str, lead: RowChange, at: str, channel: str, **fields: object) -> RowChange:
    row = {"at": at, "channel": channel, "kind": "note", "step": "prospecting", **fields}
    return RowChange(
        "interactions",
        str(uuid.uuid4()),
        lead.gid,
        owner,
        "r1",
        hlc(),
        row,  # type: ignore[arg-type]
    )


def alice_rows() -> list[RowChange]:
    a1 = lead_row(
        "alice",
        "A1",
        step="presentation",
        created_at="2026-03-02T09:00:00",
        sla_due="2026-03-03",
        first_contact_at="2026-03-03T10:00:00",
        last_interaction_at="2026-03-10T11:00:00",
    )
    a2 = lead_row(
        "alice",
        "A2",
        status="won",
        created_at="2026-02-01T09:00:00",
        first_contact_at="2026-02-02T09:00:00",
        last_interaction_at="2026-03-05T15:00:00",
    )
    a3 = lead_row("alice", "A3", created_at="2026-02-10T09:00:00", sla_due="2026-03-05")
    task = {"title": "send the proposal", "status": "open", "lead_gid": a1.gid}
    done = {"title": "first call", "status": "done", "lead_gid": a1.gid}
    return [
        a1, a2, a3,
        RowChange("tasks", str(uuid.uuid4()), a1.gid, "alice", "r1", hlc(), task),
        RowChange("tasks", str(uuid.uuid4()), a1.gid, "alice", "r1", hlc(), done),
        logged("alice", a1, "2026-03-03T10:00:00", "call"),
        logged("alice", a1, "2026-03-03T10:05:00", "call"),  # the same lead-day: one call
        logged("alice", a1, "2026-03-10T11:00:00", "call"),
        logged("alice", a2, "2026-03-05T15:00:00", "meeting", kind="outcome", result="won"),
        logged("alice", a1, "2026-02-20T10:00:00", "email"),  # before the period
    ]  # fmt: skip


def bob_rows() -> list[RowChange]:
    b1 = lead_row(
        "bob",
        "B1",
        step="approach",
        created_at="2026-03-04T09:00:00",
        sla_due="2026-03-04",
        first_contact_at="2026-03-06T09:00:00",
        last_interaction_at="2026-03-06T09:00:00",
    )
    b2 = lead_row(
        "bob",
        "B2",
        status="lost",
        created_at="2026-03-05T09:00:00",
        sla_due="2026-03-20",
        first_contact_at="2026-03-05T10:00:00",
    )
    return [
        b1, b2,
        logged("bob", b1, "2026-03-06T09:00:00", "call"),
        logged("bob", b2, "2026-03-05T10:00:00", "call", kind="outcome", result="lost"),
    ]  # fmt: skip


def fixed_team(db: HubDatabase, monkeypatch: pytest.MonkeyPatch) -> Team:
    """The team above, with this data home joined as the manager."""
    team = make_team(db, REPS)
    for rep, rows in (("alice", alice_rows()), ("bob", bob_rows())):
        with team.session(rep) as session:
            assert session.push(rows) == []
    join_as(team, MANAGER, monkeypatch)
    return team


def join_as(team: Team, role: str, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("PGPASSWORD", team.passwords[role])
    return write_team_config(team.config(role))


def report_json(period: str, *args: str) -> dict[str, Any]:
    """`team report --period PERIOD --json ARGS`, which must succeed, as data."""
    import json

    from tests.support.cli import run

    result = run("team", "report", "--period", period, "--json", *args)
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data
