"""Hub migration 3's funnel roll-ups: each lead-step's next step, and each lead's first and
last logged day, stay exact whatever order the interactions arrive in."""

from __future__ import annotations

import uuid

from salescoach.core.sync.changes import RowChange
from salescoach.hub import admin
from tests.support.hub import MANAGER, Team, create_manager, hlc, lead
from tests.support.postgres import HubDatabase


def _reached(owner: str, lead_gid: str, step: str, at: str) -> RowChange:
    row = {"at": at, "kind": "note", "step": step}
    return RowChange("interactions", str(uuid.uuid4()), lead_gid, owner, "r1", hlc(), row)  # type: ignore[arg-type]


def test_next_steps_and_spans_follow_late_and_early_arrivals(hub_db: HubDatabase) -> None:
    team = Team(hub_db, {MANAGER: create_manager(hub_db)})
    with team.connect(MANAGER) as connection:
        admin.init_hub(connection, upgrade=False)
        team.passwords["alice"] = admin.add_rep(connection, "alice").password
    ada = lead("alice")
    with team.session("alice") as alice:
        alice.push([ada, _reached("alice", ada.gid, "presentation", "2026-03-10T09:00:00")])
        alice.push([_reached("alice", ada.gid, "prospecting", "2026-03-01T09:00:00")])
        alice.push([
            _reached("alice", ada.gid, "approach", "2026-03-05T09:00:00"),
            _reached("alice", ada.gid, "mystery", "2026-03-06T09:00:00"),  # no known step
            _reached("alice", ada.gid, "presentation", "2026-03-12T09:00:00"),  # not first
        ])  # fmt: skip
        alice.push([_reached("alice", ada.gid, "prospecting", "2026-02-20T09:00:00")])
    with team.connect(MANAGER) as connection:
        steps = connection.execute(
            "SELECT step, first_at, next_at FROM salescoach.desk_lead_steps ORDER BY first_at"
        ).fetchall()
        span = connection.execute(
            "SELECT first_day, last_day FROM salescoach.desk_lead_spans WHERE lead_gid = %s",
            (ada.gid,),
        ).fetchone()
    assert steps == [
        ("prospecting", "2026-02-20T09:00:00", "2026-03-05T09:00:00"),
        ("approach", "2026-03-05T09:00:00", "2026-03-10T09:00:00"),
        ("mystery", "2026-03-06T09:00:00", None),
        ("presentation", "2026-03-10T09:00:00", None),
    ]
    assert span == ("2026-02-20", "2026-03-12")
