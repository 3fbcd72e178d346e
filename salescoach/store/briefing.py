"""The few queries behind `salescoach prep`: each one indexed, none scanning the whole log."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from salescoach.core.kernel.records import Lead
from salescoach.core.walk.brief import RECENT, WALK_DETAIL_KINDS, BriefInputs
from salescoach.store.interactions import row_to_interaction
from salescoach.store.leadlist import open_tasks
from salescoach.store.sessions import open_session

if TYPE_CHECKING:
    from salescoach.core.walk.shapes import OpenWalk

MAX_OBJECTIONS = 50
MAX_NOTES = 50


def brief_inputs(conn: sqlite3.Connection, lead: Lead) -> BriefInputs:
    skip = ", ".join("?" for _ in WALK_DETAIL_KINDS)
    recent = conn.execute(
        f"SELECT * FROM interactions WHERE lead_id = ? AND kind NOT IN ({skip}) "
        "ORDER BY at DESC, id DESC LIMIT ?",
        (lead.id, *WALK_DETAIL_KINDS, RECENT),
    ).fetchall()
    objections = conn.execute(
        "SELECT * FROM interactions WHERE lead_id = ? AND kind = 'objection' "
        "ORDER BY at DESC, id DESC LIMIT ?",
        (lead.id, MAX_OBJECTIONS),
    ).fetchall()
    notes = conn.execute(
        "SELECT text FROM interactions WHERE lead_id = ? AND kind = 'note' AND text IS NOT NULL "
        "ORDER BY at DESC, id DESC LIMIT ?",
        (lead.id, MAX_NOTES),
    ).fetchall()
    walk = open_session(conn, lead.id)
    open_walk: OpenWalk | None = None
    if walk is not None:
        plan, position = walk.state.get("plan") or [], int(walk.state.get("position", 0))
        open_walk = {
            "session": walk.id,
            "step": plan[min(position, len(plan) - 1)] if plan else None,
            "saved_at": walk.updated_at.isoformat(timespec="minutes"),
        }
    return BriefInputs(
        lead=lead,
        recent=[row_to_interaction(r) for r in recent],
        objections=[row_to_interaction(r) for r in objections],
        notes=[r["text"] for r in notes],
        open_tasks=open_tasks(conn, lead.id),
        open_walk=open_walk,
    )
