"""Hub migration 7's one row per lead (`desk_lead_facts`) gives the figures the desk's wide
tables gave: each query of `team report` and `team plan` as it shipped and as it reads now
agree, row for row, on a team whose leads reached their steps in every order, for periods
before, around and after the work, whether the rows were filled by the triggers or by the
upgrade's backfill."""

from __future__ import annotations

import random
import uuid
from typing import Any

import pytest

from salescoach.core.kernel.steps import STEP_IDS
from salescoach.core.sync.changes import RowChange
from salescoach.hub import admin, schema
from tests.hub import shipped_desk_queries, shipped_report_queries
from tests.support.desk import lead_row, logged
from tests.support.hub import MANAGER, Team, create_manager, hlc
from tests.support.postgres import HubDatabase

PERIODS = [
    ("2026-01-01", "2026-02-01"), ("2026-02-01", "2026-03-01"), ("2026-03-01", "2026-04-01"),
    ("2026-01-01", "2026-04-01"), ("2026-02-09", "2026-02-16"), ("2025-01-01", "2026-01-01"),
    ("2026-02-20", "2026-02-21"), ("2027-01-01", "2028-01-01"),
]  # fmt: skip
STEPS = [*STEP_IDS, "mystery"]  # a step no playbook has


def _stamp(rng: random.Random) -> str:
    day = 1 + rng.randrange(88)  # 2026-01-01 .. 2026-03-29
    month, dom = (1, day) if day <= 31 else (2, day - 31) if day <= 59 else (3, day - 59)
    return f"2026-{month:02d}-{dom:02d}T{rng.randrange(8, 18):02d}:{rng.choice(('00', '30'))}:00"


def _team_rows(rng: random.Random) -> list[RowChange]:
    leads, events = [], []
    for n in range(60):
        owner = ("alice", "bob")[n % 2]
        created = _stamp(rng)
        fields: dict[str, Any] = {"created_at": created, "step": rng.choice(STEPS)}
        if n % 3:
            fields["step_entered_at"] = _stamp(rng)
        if n % 4:  # marketing's leads: an SLA deadline, met, late or missed
            fields["sla_due"] = _stamp(rng)[:10]
            fields["first_contact_at"] = _stamp(rng) if n % 4 != 1 else None
        if n % 5:
            fields["last_interaction_at"] = _stamp(rng)
            fields["status"] = ("open", "open", "won", "lost")[n % 4]
            fields["status_reason"] = (" Price ", "price", "", None)[n % 4]
        lead = lead_row(owner, f"L{n}", **fields)
        leads.append(lead)
        for _ in range(rng.randrange(0 if n % 7 == 0 else 1, 9)):
            at = _stamp(rng) if n % 11 else "not a stamp"
            result = rng.choice((None, None, "won", "lost", "no_decision"))
            events.append(logged(owner, lead, at, "call", step=rng.choice(STEPS), result=result))
    rng.shuffle(events)  # a lead's steps arrive in any order, over several pushes
    return leads + events


# Each query of migration 7 (the report's as it shipped then: tests.hub.shipped_report_queries;
# migration 10's are checked against those in test_desk_period_rollups), by the name of the
# one it replaces in tests.hub.shipped_desk_queries.
NOW = {
    "FUNNEL": shipped_report_queries._FUNNEL,
    "LEADS": shipped_report_queries._LEADS,
    "OUTCOMES": shipped_report_queries._OUTCOMES,
    "PIPELINE": shipped_report_queries._PIPELINE,
    "SLA": shipped_report_queries._SLA,
    "STALE": shipped_report_queries._STALE,
    "UNASSIGNED": shipped_report_queries._UNASSIGNED,
}


def _figures(connection: Any, queries: dict[str, str]) -> dict[Any, list[tuple[Any, ...]]]:
    found = {}
    for start, end in PERIODS:
        params = {"start": start, "end": end, "today": "2026-03-11", "stale": "2026-02-25",
                  "soon": "2026-03-12", "listed": 3, "reps": ["alice"]}  # fmt: skip
        for name, query in queries.items():
            rows = connection.execute(query, params).fetchall()
            found[(name, start, end)] = sorted((tuple(row) for row in rows), key=repr)
    return found


def _push(team: Team, rows: list[RowChange], *, by_manager: bool = False) -> None:
    # On a hub older than this salescoach only the manager's push is the one it shipped with
    # (a rep's push also applies the later migrations' rules).
    for rep in ("alice", "bob"):
        mine = [row for row in rows if row.owner == rep]
        with team.session(MANAGER if by_manager else rep) as session:
            for i in range(0, len(mine), 25):  # several batches: the trigger merges each
                assert session.push(mine[i : i + 25]) == []


def test_the_per_lead_funnel_equals_the_lead_steps_funnel(
    hub_db: HubDatabase, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = random.Random(16)
    team = Team(hub_db, {MANAGER: create_manager(hub_db)})
    # The first half arrives at schema 6 and is filled in by migration 7's backfill.
    monkeypatch.setattr(schema, "MIGRATIONS", tuple(m for m in schema.MIGRATIONS if m[0] <= 6))
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 6)
    with team.connect(MANAGER) as connection:
        admin.init_hub(connection, upgrade=False)
        for rep in ("alice", "bob"):
            team.passwords[rep] = admin.add_rep(connection, rep).password
    _push(team, _team_rows(rng), by_manager=True)
    monkeypatch.undo()
    with team.connect(MANAGER) as connection:
        assert admin.init_hub(connection, upgrade=True).version == schema.SCHEMA_VERSION
    _push(team, _team_rows(rng))
    with team.connect(MANAGER) as connection:
        # A lead handed to another rep counts for its owner now; an orphan's interactions too.
        connection.execute(
            "UPDATE salescoach.lead_owners SET owner = 'bob' WHERE lead_gid IN"
            " (SELECT gid FROM salescoach.desk_leads WHERE name IN ('L2', 'L4'))"
        )
        orphan = str(uuid.uuid4())
        connection.execute(
            "INSERT INTO salescoach.lead_owners VALUES (%s, 'alice', '0')", (orphan,)
        )
        with team.session(MANAGER) as manager:
            steps = (("2026-02-02T09:00:00", "approach"), ("2026-02-09T09:00:00", "closing"))
            rows = [
                RowChange("interactions", str(uuid.uuid4()), orphan, "alice", "r1",
                          f"{n:016d}-0000-r9", {"at": at, "step": step})
                for n, (at, step) in enumerate(steps)
            ]  # fmt: skip
            assert manager.push(rows) == []
            # Leads change after their facts were first kept: the later fields win.
            changed = connection.execute(
                "SELECT gid, owner FROM salescoach.desk_leads WHERE name IN ('L1', 'L3', 'L6')"
            ).fetchall()
            later = {"status": "won", "step": "closing", "step_entered_at": "2026-02-27T10:00:00"}
            updates = [RowChange("leads", gid, gid, owner, "r1", hlc(), later)
                       for gid, owner in changed]  # fmt: skip
            assert manager.push(updates) == []
        shipped = {name: getattr(shipped_desk_queries, name) for name in NOW}
        before, after = _figures(connection, shipped), _figures(connection, NOW)
    assert before == after
    assert all(after[(name, "2026-01-01", "2026-04-01")] for name in NOW)  # each has figures
