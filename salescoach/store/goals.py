"""Goals, and the activity metrics they are measured with (SQL aggregates over the log).

`goal_progress(conn, today, periods)` is the entry point for other features (the daily plan
shows `periods=("day", "week")`): a list of
`salescoach.core.reporting.goals.GoalProgress`, one per goal.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import date, datetime

from salescoach.core.kernel.periods import PERIODS, Span
from salescoach.core.reporting.goals import ADJECTIVES, METRICS, Goal, GoalProgress, progress
from salescoach.errors import NotFoundError
from salescoach.store.db import transaction
from salescoach.store.period_marks import LEAD_DAY_METRICS

# Each takes (start, end_exclusive) as ISO text; stamps are local ISO text, so text compares.
# A lead-day metric counts the days each lead logged one (store.period_marks keeps them), and
# the period's bounds are days, so its lead-days are a range of `lead_days`.
_LEAD_DAYS = "SELECT count(*) FROM lead_days WHERE metric = '{metric}' AND day >= ? AND day < ?"
# The latest `won` row per lead in the period, with the deal's value where one is recorded.
WON_DEALS = """
    SELECT w.lead_id,
           coalesce(
               CASE WHEN json_valid(w.detail_json)
                         AND json_type(w.detail_json, '$.deal_value') IN ('integer', 'real')
                    THEN json_extract(w.detail_json, '$.deal_value') END,
               (SELECT CASE WHEN json_valid(a.value_json)
                                 AND json_type(a.value_json) IN ('integer', 'real')
                            THEN json_extract(a.value_json, '$') END
                FROM answers a WHERE a.lead_id = w.lead_id AND a.field = 'deal_value'),
               0) AS value
    FROM (
        SELECT lead_id, detail_json,
               row_number() OVER (PARTITION BY lead_id ORDER BY at DESC, id DESC) AS n
        FROM interactions WHERE at >= ? AND at < ? AND result = 'won'
            AND result IN ('won', 'lost', 'no_decision')  -- the index of decisive results
    ) w WHERE w.n = 1
"""
METRIC_SQL = {
    **{metric: _LEAD_DAYS.format(metric=metric) for metric in LEAD_DAY_METRICS},
    "contacts": "SELECT count(*) FROM leads WHERE first_contact_at >= ? AND first_contact_at < ?",
    "deals_won": f"SELECT count(*) FROM ({WON_DEALS})",
    "revenue_won": f"SELECT coalesce(sum(value), 0) FROM ({WON_DEALS})",
}
assert set(METRIC_SQL) == set(METRICS)


def measure(conn: sqlite3.Connection, metric: str, span: Span) -> float:
    value = conn.execute(METRIC_SQL[metric], span.bounds()).fetchone()[0]
    return float(value or 0)


def set_goal(
    conn: sqlite3.Connection, metric: str, target: float, period: str, now: datetime
) -> bool:
    """Set (or change) the target for a metric and period; True when it was new."""
    with transaction(conn):
        existed = conn.execute(
            "SELECT 1 FROM goals WHERE metric = ? AND period = ?", (metric, period)
        ).fetchone()
        conn.execute(
            "INSERT INTO goals (metric, target, period, created_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (metric, period) DO UPDATE SET target = excluded.target",
            (metric, target, period, now.isoformat(timespec="seconds")),
        )
    return existed is None


def remove_goal(conn: sqlite3.Connection, metric: str, period: str) -> None:
    with transaction(conn):
        removed = conn.execute(
            "DELETE FROM goals WHERE metric = ? AND period = ?", (metric, period)
        ).rowcount
    if not removed:
        raise NotFoundError(
            f"there is no {ADJECTIVES[period]} goal for {metric}",
            hint="see `salescoach goal list`",
        )


def managers_goals(conn: sqlite3.Connection) -> set[tuple[str, str]]:
    """(metric, period) of the goals the team's manager set (pulled from the hub, origin
    "hub"): shown as the manager's, not the rep's to change."""
    rows = conn.execute(
        "SELECT g.metric, g.period FROM goals g JOIN sync_ids s"
        " ON s.tbl = 'goals' AND s.row = g.rowid WHERE s.origin = 'hub'"
    ).fetchall()
    return {(r[0], r[1]) for r in rows}


def list_goals(conn: sqlite3.Connection) -> list[Goal]:
    rows = conn.execute("SELECT metric, target, period FROM goals").fetchall()
    return [Goal(r["metric"], r["target"], r["period"]) for r in rows if r["metric"] in METRICS]


def goal_progress(
    conn: sqlite3.Connection, today: date, periods: Sequence[str] = PERIODS
) -> list[GoalProgress]:
    """Progress of every goal whose period is in `periods`, over the period containing today."""
    return progress(list_goals(conn), today, lambda m, s: measure(conn, m, s), periods)
