"""Cancelling a lead's open cadence tasks: when the deal ends, or when the lead replies.
Which tasks and when is `core.planning.cancellation`."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

from salescoach.core.planning.cancellation import CancelledTask


def cancel_cadence_tasks(
    conn: sqlite3.Connection,
    lead_id: int,
    reason: str,
    now: datetime,
    *,
    only_stop_on_reply: bool = False,
) -> list[CancelledTask]:
    """Cancel a lead's open cadence tasks (inside the caller's transaction), keeping `reason`
    on each as its cause; returns what was cancelled, soonest due first."""
    where = "lead_id = ? AND status = 'open' AND cadence IS NOT NULL"
    if only_stop_on_reply:
        where += " AND stop_on_reply = 1"
    rows = conn.execute(
        f"SELECT id, title, due, cadence FROM tasks WHERE {where} ORDER BY due, id", (lead_id,)
    ).fetchall()
    stamp = now.isoformat(timespec="seconds")
    conn.executemany(
        "UPDATE tasks SET status = 'cancelled', reason = ?, updated_at = ?, closed_at = ? "
        "WHERE id = ?",
        [(reason, stamp, stamp, row["id"]) for row in rows],
    )
    return [
        CancelledTask(r["id"], r["title"], date.fromisoformat(r["due"]), r["cadence"], reason)
        for r in rows
    ]
