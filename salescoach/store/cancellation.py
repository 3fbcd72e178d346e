"""Cancelling a lead's remaining cadence tasks: when the deal ends, or when the lead replies.

Its own module because both the task store and the interaction log call it (a reply is an
interaction), and the task store itself logs interactions.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

from salescoach.core.planning.tasks import REPLY_REASON


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


def cancel_on_reply(conn: sqlite3.Connection, lead_id: int, now: datetime) -> int:
    """The lead replied: cancel its open stop-on-reply cadence tasks (inside the caller's
    transaction, the one that logs the reply). Returns how many were cancelled."""
    return cancel_cadence_tasks(conn, lead_id, REPLY_REASON, now, only_stop_on_reply=True)
