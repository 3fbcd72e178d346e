"""Hub migration 10's per-day sums give `team report` the figures the lead rows gave: the
report's counts and tables as they shipped with migration 8 (tests.hub.shipped_report_queries)
and as they read now agree for periods before, around and after the work, whether the sums
were filled by the upgrade's backfill or by the triggers, after leads changed owner and
fields; with a few leads holding a stamp after the period's end (what they add is taken off
and their rows read) and with many (every lead row is read)."""

from __future__ import annotations

import random
import uuid
from datetime import date
from typing import Any

import psycopg
import pytest

from salescoach.core.kernel.periods import Span
from salescoach.core.kernel.steps import STEP_IDS
from salescoach.core.sync.changes import RowChange
from salescoach.hub import (
    admin,
    desk_period_queries,
    desk_period_schema,
    desk_plan_queries,
    desk_queries,
    schema,
)
from tests.hub import shipped_report_queries
from tests.support.desk import lead_row, logged
from tests.support.desk_figures import answer
from tests.support.hub import MANAGER, Team, create_manager, hlc
from tests.support.postgres import HubDatabase

TODAY = date(2026, 3, 11)
PERIODS = [
    ("2026-01-01", "2026-01-31"), ("2026-02-01", "2026-02-28"), ("2026-03-01", "2026-03-31"),
    ("2026-01-01", "2026-03-31"), ("2026-02-09", "2026-02-15"), ("2025-01-01", "2025-12-31"),
    ("2026-02-20", "2026-02-20"), ("2026-03-09", "2026-03-15"), ("2026-03-30", "2026-03-31"),
]  # fmt: skip
STEPS = [*STEP_IDS, "mystery", None]  # a step no playbook has, and none
REPS = ("alice", "bob")


def _stamp(rng: random.Random) -> str:
    day = 1 + rng.randrange(88)  # 2026-01-01 .. 2026-03-29
    month, dom = (1, day) if day <= 31 else (2, day - 31) if day <= 59 else (3, day - 59)
    return f"2026-{month:02d}-{dom:02d}T{rng.randrange(8, 18):02d}:{rng.choice(('00', '30'))}:00"


def _team_rows(rng: random.Random, tag: str) -> list[RowChange]:
    leads, events = [], []
    for n in range(50):
        owner = REPS[n % 2]
        fields: dict[str, Any] = {"created_at": _stamp(rng), "step": rng.choice(STEPS)}
        if n % 3:
            fields["step_entered_at"] = _stamp(rng)
        if n % 4:  # marketing's leads: an SLA deadline, met, late or missed
            fields["sla_due"] = _stamp(rng)[:10]
            fields["first_contact_at"] = _stamp(rng) if n % 4 != 1 else None
        if n % 5:
            fields["last_interaction_at"] = _stamp(rng)
        fields["status"] = ("open", "open", "won", "lost", None)[n % 5]
        fields["status_reason"] = (" Price ", "price", "", None)[n % 4]
        lead = lead_row(owner, f"{tag}{n}", **fields)
        leads.append(lead)
        if n % 6 == 0:
            events += [answer(owner, lead, "1250.5"), answer(owner, lead, "99")]
        for _ in range(rng.randrange(0 if n % 7 == 0 else 1, 9)):
            at = _stamp(rng) if n % 11 else "not a stamp"
            kind = rng.choice(("note", "objection", "objection"))
            extra: dict[str, Any] = {"kind": kind}
            if kind == "objection":
                extra["objection"] = rng.choice(("price", "timing", "", None))
                extra["result"] = rng.choice(("resolved", "partly", "not_resolved", "odd", None))
            else:
                extra["result"] = rng.choice((None, None, "won", "lost", "no_decision"))
            step = rng.choice(STEPS)
            events.append(logged(owner, lead, at, "call", step=step, **extra))
    rng.shuffle(events)  # a lead's steps arrive in any order, over several pushes
    return leads + events


def _push(team: Team, rows: list[RowChange], *, by_manager: bool = False) -> None:
    for rep in REPS:
        mine = [row for row in rows if row.owner == rep]
        with team.session(MANAGER if by_manager else rep) as session:
            for i in range(0, len(mine), 25):  # several batches: the triggers add up each
                assert session.push(mine[i : i + 25]) == []


def _compare(connection: Any) -> list[bool]:
    """Whether each period was read from the sums; asserts the figures agree."""
    read_from_sums = []
    for start, end in PERIODS:
        span = Span("period", date.fromisoformat(start), date.fromisoformat(end))
        params = {"start": start, "end": span.end_exclusive.isoformat()}
        params |= {"stale": "2026-02-25", "today": TODAY.isoformat()}
        read_from_sums.append(desk_period_queries.period_rows(connection, params) is not None)
        before = shipped_report_queries.team_counts(connection, span, TODAY)
        assert desk_queries.team_counts(connection, span, TODAY) == before, (start, end)
    return read_from_sums


def _compare_plan(connection: Any) -> None:
    """`team plan`'s SLA and unassigned lists as they shipped, whole and the oldest few."""
    params = {"soon": "2026-03-12", "reps": ["alice"]}
    plan = desk_plan_queries.plan_rows(connection, TODAY, reps=["alice"])
    shown = desk_plan_queries.plan_rows(connection, TODAY, shown=2, reps=["alice"])
    for name, key in (("_SLA", "sla"), ("_UNASSIGNED", "unassigned")):
        rows = connection.execute(getattr(shipped_report_queries, name), params).fetchall()
        leads = [
            dict(zip(("gid", "name", "company", "owner", "day"), r, strict=True)) for r in rows
        ]
        assert plan[key] == leads
        assert leads, name  # each has leads to list
    unassigned = sorted(plan["unassigned"], key=_shown_order)
    assert shown["unassigned"] == unassigned[:2]
    assert shown["unassigned_count"] == plan["unassigned_count"] == len(unassigned)
    for breached in (True, False):
        rows = [row for row in plan["sla"] if (row["day"] < TODAY.isoformat()) == breached]
        assert [r for r in shown["sla"] if (r["day"] < TODAY.isoformat()) == breached] == sorted(
            rows, key=_shown_order
        )[:2]
    assert shown["sla_counts"] == plan["sla_counts"]
    for owner, (breached, soon) in plan["sla_counts"].items():
        mine = [row for row in plan["sla"] if row["owner"] == owner]
        assert breached == sum(row["day"] < TODAY.isoformat() for row in mine)
        assert soon == len(mine) - breached


def _shown_order(row: dict[str, Any]) -> tuple[str, str, str]:
    return (row["day"] or "", row["name"] or "", row["gid"])


def test_the_per_day_sums_give_the_lead_rows_figures(
    hub_db: HubDatabase, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = random.Random(10)
    team = Team(hub_db, {MANAGER: create_manager(hub_db)})
    # The first half arrives at schema 8 and is filled in by migration 10's backfill.
    monkeypatch.setattr(schema, "MIGRATIONS", tuple(m for m in schema.MIGRATIONS if m[0] <= 8))
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 8)
    with team.connect(MANAGER) as connection:
        admin.init_hub(connection, upgrade=False)
        for rep in REPS:
            team.passwords[rep] = admin.add_rep(connection, rep).password
    _push(team, _team_rows(rng, "A"), by_manager=True)
    monkeypatch.undo()
    with team.connect(MANAGER) as connection:
        assert admin.init_hub(connection, upgrade=True).version == schema.SCHEMA_VERSION
    _push(team, _team_rows(rng, "B"))
    with team.connect(MANAGER) as connection:
        # Leads handed to another rep, and leads whose fields change after they were kept.
        connection.execute(
            "UPDATE salescoach.lead_owners SET owner = 'bob' WHERE lead_gid IN"
            " (SELECT gid FROM salescoach.desk_leads WHERE name IN ('A2', 'B4', 'B6'))"
        )
        changed = connection.execute(
            "SELECT gid, owner FROM salescoach.desk_leads WHERE name IN ('A1', 'B3', 'B8')"
        ).fetchall()
        later = {"status": "open", "step": "closing", "first_contact_at": "2026-03-02T10:00:00",
                 "sla_due": "2026-03-01", "step_entered_at": "2026-02-27T10:00:00"}  # fmt: skip
        with team.session(MANAGER) as manager:
            updates = [RowChange("leads", gid, gid, owner, "r1", hlc(), later)
                       for gid, owner in changed]  # fmt: skip
            orphan = str(uuid.uuid4())  # interactions of a lead with no lead row yet
            step = {"at": "2026-02-02T09:00:00", "step": "approach"}
            updates.append(
                RowChange("interactions", str(uuid.uuid4()), orphan, "alice", "r1", hlc(), step)
            )
            assert manager.push(updates) == []
        connection.execute(
            "INSERT INTO salescoach.lead_owners VALUES (%s, 'alice', '0')", (orphan,)
        )
        # The current month and quarter have only a few later leads (those that logged "not a
        # stamp", which sorts after every day): read from the sums; January from the rows.
        monkeypatch.setattr(desk_period_queries, "MOST_LATER", 20)
        read_from_sums = _compare(connection)
        assert read_from_sums[2] and read_from_sums[3] and not read_from_sums[0]
        _compare_plan(connection)
        future = lead_row("alice", "F1", created_at="2026-04-02T09:00:00", sla_due="2026-04-03")
        with team.session(MANAGER) as manager:
            assert manager.push([future]) == []
        monkeypatch.setattr(desk_period_queries, "MOST_LATER", 1000)  # every lead
        assert all(_compare(connection))


@pytest.mark.parametrize("table", desk_period_schema.ROLLUP_TABLES)
def test_a_rep_may_not_read_the_per_day_sums(hub_db: HubDatabase, table: str) -> None:
    team = Team(hub_db, {MANAGER: create_manager(hub_db)})
    with team.connect(MANAGER) as connection:
        admin.init_hub(connection, upgrade=False)
        team.passwords["alice"] = admin.add_rep(connection, "alice").password
        assert connection.execute(f"SELECT count(*) FROM salescoach.{table}").fetchone() == (0,)
    with team.connect("alice") as connection, pytest.raises(psycopg.errors.InsufficientPrivilege):
        connection.execute(f"SELECT count(*) FROM salescoach.{table}")
