"""A hand-built store whose report figures are known, for the report and goal tests.

The period under test is the week 2026-03-02 (Mon) .. 2026-03-08 (Sun); today is 2026-03-11.
Every expected figure is worked out by hand in EXPECTED (see the comments beside each lead).
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import Any

from salescoach.core.kernel.records import NewInteraction
from salescoach.store.db import transaction
from salescoach.store.interactions import insert_interaction
from salescoach.store.leads import insert_lead, set_answer

PERIOD = "2026-03-02..2026-03-08"


def at(day: str, hour: int = 10) -> datetime:
    """A local time stamp on 2026-`day` (MM-DD), in a +01:00 zone."""
    return datetime.fromisoformat(f"2026-{day}T{hour:02d}:00:00+01:00")


# (lead fields, created, current step, step entered, status, interactions)
# interaction: (day, hour, step, channel, kind, objection, result, detail)
LEADS: list[dict[str, Any]] = [
    {  # Ada: created before the week, won in it (deal_value on the outcome row)
        "name": "Ada",
        "created": at("02-20"),
        "step": "closing",
        "entered": at("03-05"),
        "status": "won",
        "log": [
            ("02-20", 10, "prospecting", None, "note", None, None, None),
            ("02-23", 10, "approach", "call", "note", None, None, None),
            ("03-02", 9, "presentation", "meeting", "note", None, None, None),
            ("03-02", 15, "presentation", "call", "note", None, None, None),
            ("03-02", 16, "presentation", "call", "note", None, None, None),
            ("03-04", 10, "objections", "call", "objection", "price", "resolved", None),
            ("03-05", 10, "closing", "call", "outcome", None, "won", {"deal_value": 5000}),
        ],
    },
    {  # Bob: imported, contacted within the SLA
        "name": "Bob",
        "created": at("03-02", 8),
        "sla_due": "2026-03-03",
        "step": "approach",
        "entered": at("03-04", 11),
        "status": "open",
        "log": [
            ("03-02", 11, "prospecting", "call", "note", None, None, None),
            ("03-03", 11, "preparation", None, "note", None, None, None),
            ("03-04", 11, "approach", "email", "note", None, None, None),
            ("03-04", 12, "approach", "call", "objection", "timing", "not_resolved", None),
            ("03-06", 10, "approach", "call", "objection", "timing", "resolved", None),
        ],
    },
    {  # Cy: imported, never contacted: SLA missed
        "name": "Cy",
        "created": at("03-02", 9),
        "sla_due": "2026-03-04",
        "step": "prospecting",
        "entered": at("03-02", 9),
        "status": "open",
        "log": [],
    },
    {  # Di: imported, contacted late, lost
        "name": "Di",
        "created": at("03-03", 9),
        "sla_due": "2026-03-04",
        "step": "closing",
        "entered": at("03-07"),
        "status": "lost",
        "log": [
            ("03-06", 10, "prospecting", "call", "note", None, None, None),
            ("03-07", 10, "closing", "call", "outcome", None, "lost", None),
        ],
    },
    {  # Fay: only old activity, not active in the week
        "name": "Fay",
        "created": at("01-10"),
        "step": "prospecting",
        "entered": at("01-10"),
        "status": "open",
        "log": [("01-12", 10, "prospecting", "call", "note", None, None, None)],
    },
    {  # Gus: jumps to presentation, two objections, no decision
        "name": "Gus",
        "created": at("03-03", 9),
        "step": "closing",
        "entered": at("03-07"),
        "status": "open",
        "log": [
            ("03-03", 10, "prospecting", "call", "note", None, None, None),
            ("03-04", 10, "presentation", "meeting", "note", None, None, None),
            ("03-06", 10, "objections", "call", "objection", "price", "partly", None),
            ("03-06", 11, "objections", "call", "objection", "need", None, None),
            ("03-07", 10, "closing", "call", "outcome", None, "no_decision", None),
        ],
    },
    {  # Hal: won on the Sunday; the value comes from the lead's deal_value answer
        "name": "Hal",
        "created": at("02-01"),
        "step": "follow_up",
        "entered": at("03-08", 12),
        "status": "won",
        "answers": {"deal_value": 2500},
        "log": [
            ("02-02", 10, "approach", "call", "note", None, None, None),
            ("03-08", 10, "closing", "call", "outcome", None, "won", None),
        ],
    },
]

# objections:price twice and steps:order once inside the week, one item outside it
TRAINING = [
    ("2026-03-03T18:00:00+01:00", "objections", "objections:price", 5, 5),
    ("2026-03-03T18:00:00+01:00", "objections", "objections:price", 3, 5),
    ("2026-03-04T18:00:00+01:00", "steps", "steps:order", 7, 7),
    ("2026-02-10T18:00:00+01:00", "objections", "objections:timing", 0, 5),
]

EXPECTED_REACHED = [6, 5, 5, 4, 4, 4, 1]


def build(conn: sqlite3.Connection) -> dict[str, int]:
    """Fill the store; returns lead ids by name."""
    ids: dict[str, int] = {}
    with transaction(conn):
        for lead in LEADS:
            fields = {"name": lead["name"], "playbook": "minimal"}
            if "sla_due" in lead:
                fields["sla_due"] = lead["sla_due"]
            lead_id = insert_lead(conn, fields, lead["created"])
            ids[lead["name"]] = lead_id
            for day, hour, step, channel, kind, objection, result, detail in lead["log"]:
                insert_interaction(
                    conn,
                    NewInteraction(
                        lead_id=lead_id,
                        at=at(day, hour),
                        kind=kind,
                        step=step,
                        channel=channel,
                        objection=objection,
                        result=result,
                        detail=detail,
                    ),
                )
            for field, value in lead.get("answers", {}).items():
                set_answer(
                    conn,
                    lead_id,
                    field,
                    value,
                    step="closing",
                    question=field,
                    now=lead["created"],
                )
            conn.execute(
                "UPDATE leads SET step = ?, status = ?, step_entered_at = ? WHERE id = ?",
                (lead["step"], lead["status"], lead["entered"].isoformat(), lead_id),
            )
        conn.executemany(
            "INSERT INTO training (at, drill, item, score, max_score) VALUES (?, ?, ?, ?, ?)",
            TRAINING,
        )
    return ids
