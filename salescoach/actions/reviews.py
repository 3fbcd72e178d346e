"""Saving a reviewed call on a lead: the note, its objection rows and the drill items from it,
in one transaction, never twice for the same transcript."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, datetime

from salescoach.actions.interaction_log import InteractionLog
from salescoach.actions.training import record_drill_within
from salescoach.core.kernel.records import NewInteraction
from salescoach.core.training.practice import Session
from salescoach.store.call_reviews import refuse_repeat
from salescoach.store.db import transaction


@dataclass(frozen=True)
class Saved:
    interactions: list[int]  # empty when the log is off
    drill_items: list[str]


def save_review(
    conn: sqlite3.Connection,
    log: InteractionLog,
    *,
    lead_id: int,
    label: str,
    sha256: str,
    rows: list[NewInteraction],
    drills: Session,
    now: datetime,
    today: date,
) -> Saved:
    """Drill items are saved even with the log off, so a repeat review is still refused."""
    with transaction(conn):
        refuse_repeat(conn, lead_id, label, sha256)  # again inside the lock: a racing review
        ids = [i for i in (log.write(conn, row) for row in rows) if i is not None]
        states = record_drill_within(conn, drills, now, today) if drills.results else []
    return Saved(ids, [s.item for s in states])
