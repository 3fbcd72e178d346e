"""What shell completion offers from the store: the names of the leads a command can take."""

from __future__ import annotations

import sqlite3

MAX_NAMES = 50


def lead_names(conn: sqlite3.Connection, prefix: str) -> list[str]:
    """Names of leads starting with `prefix` (any case), the most recently active first: open,
    won and lost ones (a won customer still has follow-ups to walk and log), not archived."""
    like = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    rows = conn.execute(
        "SELECT DISTINCT name FROM leads WHERE status != 'archived' AND name LIKE ? ESCAPE '\\' "
        "ORDER BY coalesce(last_interaction_at, created_at) DESC LIMIT ?",
        (like, MAX_NAMES),
    )
    return [str(row[0]) for row in rows]
