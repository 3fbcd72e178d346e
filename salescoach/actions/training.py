"""Recording a drill run: its results and the items' new review boxes, in one transaction."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

from salescoach.core.training.leitner import ReviewState, schedule
from salescoach.core.training.practice import Session
from salescoach.store.db import transaction
from salescoach.store.training import insert_results, review_states, save_review_states


def record_drill(
    conn: sqlite3.Connection, session: Session, now: datetime, today: date
) -> list[ReviewState]:
    """Save a run's items and move their review boxes from their saved state; returns the new
    review states (none, and nothing written, for an empty run)."""
    if not session.results:
        return []
    with transaction(conn):
        return record_drill_within(conn, session, now, today)


def record_drill_within(
    conn: sqlite3.Connection, session: Session, now: datetime, today: date
) -> list[ReviewState]:
    """`record_drill` inside the caller's transaction (a reviewed call saves its drill items
    with its interactions, all or nothing)."""
    items = sorted({r.item for r in session.results})
    before = {s.item: s for s in review_states(conn, items)}
    after = schedule(before, session.attempts(), today)
    insert_results(conn, session, now)
    save_review_states(conn, after.values(), now)
    return list(after.values())
