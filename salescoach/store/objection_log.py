"""Reading the objections logged on leads back out of the interaction log."""

from __future__ import annotations

import sqlite3
from datetime import date

ObjectionCount = tuple[str | None, str | None, str | None, int]  # objection, step, result, n


def objection_counts(conn: sqlite3.Connection, since: date | None = None) -> list[ObjectionCount]:
    """How often each (objection, step, result) was logged, from `since` (a local date) on."""
    sql = "SELECT objection, step, result, count(*) AS n FROM interactions WHERE kind = 'objection'"
    params: tuple[str, ...] = ()
    if since is not None:
        # `at` is ISO 8601 local time, so text order is time order from the date on.
        sql += " AND at >= ?"
        params = (since.isoformat(),)
    sql += " GROUP BY objection, step, result ORDER BY objection, step, result"
    return [(r["objection"], r["step"], r["result"], r["n"]) for r in conn.execute(sql, params)]
