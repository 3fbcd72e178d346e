"""Domain functions SQL calls, registered on every connection the store opens.

`urgency(...)` is `core.planning.urgency.total_of` itself, so `ORDER BY urgency(...)` sorts by
the very number `tasks --explain` shows: there is no second copy of the formula to keep equal.
SQL only measures the day counts it takes (dates are stored as ISO text; a timestamp's first
ten characters are its local date). It is deterministic (the same arguments give the same
number), so SQLite may treat it like a built-in expression.
"""

from __future__ import annotations

import sqlite3

from salescoach.core.planning.urgency import total_of

_DAYS_LATE = "CAST(julianday(:today) - julianday(t.due) AS INTEGER)"
_AGE_DAYS = "CAST(julianday(:today) - julianday(substr(t.created_at, 1, 10)) AS INTEGER)"
_SLA_AHEAD = "CAST(julianday(l.sla_due) - julianday(:today) AS INTEGER)"  # NULL: no SLA

# The call over `t` (tasks) and `l` (leads), with the day as the named parameter :today;
# its arguments are `total_of`'s, in order.
URGENCY_SQL = (
    f"urgency({_DAYS_LATE}, {_AGE_DAYS}, t.priority, l.temperature, l.step, "
    f"l.status, l.first_contact_at IS NOT NULL, {_SLA_AHEAD})"
)


def register(conn: sqlite3.Connection) -> None:
    conn.create_function("urgency", 8, total_of, deterministic=True)
