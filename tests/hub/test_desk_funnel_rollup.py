"""Hub migration 7's funnel (one row per lead) gives the figures the lead-steps gave: the
query as it shipped with migration 3 and the new one agree, row for row, on a team whose
leads reached their steps in every order, for periods before, around and after the work,
whether the roll-ups were filled by the trigger or by the upgrade's backfill."""

from __future__ import annotations

import random
import uuid
from typing import Any

import pytest

from salescoach.core.kernel.steps import STEP_IDS
from salescoach.core.sync.changes import RowChange
from salescoach.hub import admin, schema
from salescoach.hub.desk_report_queries import _FUNNEL
from salescoach.hub.desk_report_schema import STEP_POSITION
from tests.support.desk import lead_row, logged
from tests.support.hub import MANAGER, Team, create_manager
from tests.support.postgres import HubDatabase

# The funnel as hub migration 3 shipped it: every active lead's lead-steps grouped per lead.
_OLD_FUNNEL = f"""
WITH active AS (
    SELECT gid AS lead_gid FROM salescoach.desk_leads
     WHERE created_at >= %(start)s AND created_at < %(end)s
    UNION
    SELECT lead_gid FROM salescoach.desk_lead_spans s
     WHERE first_day < %(end)s AND last_day >= %(start)s
       AND (first_day >= %(start)s OR last_day < %(end)s
            OR EXISTS (SELECT 1 FROM salescoach.desk_interactions i
                        WHERE i.lead_gid = s.lead_gid AND i.at >= %(start)s AND i.at < %(end)s))
), firsts AS (
    SELECT s.lead_gid, {STEP_POSITION.format(column="s.step")} AS pos, s.first_time,
           CASE WHEN s.next_at < %(end)s THEN s.next_time END AS next_time
      FROM salescoach.desk_lead_steps s JOIN active a ON a.lead_gid = s.lead_gid
     WHERE s.first_at < %(end)s
), logged AS (
    SELECT lead_gid, max(pos) AS pos FROM firsts GROUP BY lead_gid
), furthest AS (
    SELECT o.owner, greatest(1, coalesce(g.pos, 0),
           CASE WHEN l.step_entered_at < %(end)s THEN {STEP_POSITION.format(column="l.step")}
                ELSE 0 END) AS pos
      FROM active a JOIN salescoach.desk_leads l ON l.gid = a.lead_gid
      JOIN salescoach.lead_owners o ON o.lead_gid = a.lead_gid
      LEFT JOIN logged g ON g.lead_gid = a.lead_gid
), moves AS (
    SELECT lead_gid, pos, extract(epoch FROM next_time - first_time) / 86400 AS days
      FROM firsts WHERE pos > 0 AND first_time IS NOT NULL
)
SELECT owner, 'furthest', pos, count(*), NULL FROM furthest GROUP BY owner, pos
UNION ALL
SELECT o.owner, 'moved', m.pos, count(*), sum(m.days) FROM moves m
  JOIN salescoach.lead_owners o ON o.lead_gid = m.lead_gid
 WHERE m.days IS NOT NULL GROUP BY o.owner, m.pos
"""

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
        lead = lead_row(owner, f"L{n}", **fields)
        leads.append(lead)
        for _ in range(rng.randrange(0 if n % 7 == 0 else 1, 9)):
            at = _stamp(rng) if n % 11 else "not a stamp"
            events.append(logged(owner, lead, at, "call", step=rng.choice(STEPS)))
    rng.shuffle(events)  # a lead's steps arrive in any order, over several pushes
    return leads + events


def _funnel(connection: Any, query: str) -> dict[tuple[str, str], list[tuple[Any, ...]]]:
    found = {}
    for start, end in PERIODS:
        rows = connection.execute(query, {"start": start, "end": end}).fetchall()
        found[(start, end)] = sorted(tuple(row) for row in rows)
    return found


def _push(team: Team, rows: list[RowChange]) -> None:
    for rep in ("alice", "bob"):
        mine = [row for row in rows if row.owner == rep]
        with team.session(rep) as session:
            for i in range(0, len(mine), 25):  # several batches: the trigger merges each
                assert session.push(mine[i : i + 25]) == []


def test_the_per_lead_funnel_equals_the_lead_steps_funnel(
    hub_db: HubDatabase, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = random.Random(16)
    team = Team(hub_db, {MANAGER: create_manager(hub_db)})
    # The first half arrives at schema 6 and is filled in by migration 7's backfill.
    monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:-1])
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 6)
    with team.connect(MANAGER) as connection:
        admin.init_hub(connection, upgrade=False)
        for rep in ("alice", "bob"):
            team.passwords[rep] = admin.add_rep(connection, rep).password
    _push(team, _team_rows(rng))
    monkeypatch.undo()
    with team.connect(MANAGER) as connection:
        assert admin.init_hub(connection, upgrade=True).version == 7
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
        old, new = _funnel(connection, _OLD_FUNNEL), _funnel(connection, _FUNNEL)
    assert old == new
    assert sum(len(rows) for rows in new.values()) > 50  # the periods hold figures
