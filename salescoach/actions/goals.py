"""Setting and removing activity goals (`salescoach goal set|remove`)."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from salescoach.core.reporting.goals import ADJECTIVES
from salescoach.errors import UsageError
from salescoach.store import goals


def _not_the_managers(conn: sqlite3.Connection, metric: str, period: str) -> None:
    if (metric, period) in goals.managers_goals(conn):
        raise UsageError(
            f"your manager set the {ADJECTIVES[period]} goal for {metric}; "
            "only the manager changes it; nothing was changed",
            hint="your own goals are the ones for other metrics or periods",
        )


def set_goal(
    conn: sqlite3.Connection, metric: str, target: float, period: str, now: datetime
) -> bool:
    """Set (or change) the target for a metric and period; True when it was new."""
    _not_the_managers(conn, metric, period)
    return goals.set_goal(conn, metric, target, period, now)


def remove_goal(conn: sqlite3.Connection, metric: str, period: str) -> None:
    """Remove the goal for a metric and period; NotFoundError when there is none."""
    _not_the_managers(conn, metric, period)
    goals.remove_goal(conn, metric, period)
