"""Recording a drill run: its results and the items' new review boxes, in one transaction."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

from salescoach.core.training.assignments import Assignment
from salescoach.core.training.leitner import ReviewState, schedule
from salescoach.core.training.practice import Session
from salescoach.store.assignments import complete_practised
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


def record_run(
    conn: sqlite3.Connection, session: Session, now: datetime, today: date, rep: str | None
) -> tuple[list[ReviewState], list[Assignment]]:
    """A `train` run: `record_drill`, and the manager's assignments for `rep` it practised
    marked done with their outcome, all in one transaction."""
    if not session.results:
        return [], []
    with transaction(conn):
        states = record_drill_within(conn, session, now, today)
        stamp = now.isoformat(timespec="seconds")
        return states, complete_practised(conn, session.results, stamp, rep)


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


def my_rep() -> str | None:
    """The rep this data home syncs as (None: it joined no hub); reads no network."""
    from salescoach.hub.config import read_team_config

    config = read_team_config()
    return config.rep if config else None
