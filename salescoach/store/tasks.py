"""Follow-up tasks: added by hand or from a cadence, done, snoozed, dropped or cancelled."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import datetime

from salescoach.core.cadence import PlannedTask


def insert_tasks(
    conn: sqlite3.Connection,
    lead_id: int,
    planned: Iterable[PlannedTask],
    now: datetime,
    *,
    session_id: int | None = None,
) -> list[int]:
    """Add tasks (inside the caller's transaction). A task whose dedupe key the lead already
    has is skipped, so running a cadence twice adds nothing. Returns the new ids."""
    stamp = now.isoformat(timespec="seconds")
    ids = []
    for task in planned:
        cursor = conn.execute(
            "INSERT INTO tasks (lead_id, title, due, channel, priority, cadence, dedupe_key, "
            "stop_on_reply, note, session_id, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (lead_id, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING",
            (
                lead_id,
                task.title,
                task.due.isoformat(),
                task.channel,
                task.priority,
                task.cadence,
                task.dedupe_key,
                int(task.stop_on_reply),
                task.note,
                session_id,
                stamp,
                stamp,
            ),
        )
        if cursor.rowcount:
            ids.append(int(cursor.lastrowid or 0))
    return ids


def cancel_cadence_tasks(
    conn: sqlite3.Connection,
    lead_id: int,
    reason: str,
    now: datetime,
    *,
    only_stop_on_reply: bool = False,
) -> int:
    """Cancel a lead's open cadence tasks (inside the caller's transaction); returns how many."""
    sql = (
        "UPDATE tasks SET status = 'cancelled', reason = ?, updated_at = ?, closed_at = ? "
        "WHERE lead_id = ? AND status = 'open' AND cadence IS NOT NULL"
    )
    if only_stop_on_reply:
        sql += " AND stop_on_reply = 1"
    stamp = now.isoformat(timespec="seconds")
    return conn.execute(sql, (reason, stamp, stamp, lead_id)).rowcount
