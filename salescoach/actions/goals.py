"""Setting and removing activity goals (`salescoach goal set|remove`)."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from salescoach.store import goals


def set_goal(
    conn: sqlite3.Connection, metric: str, target: float, period: str, now: datetime
) -> bool:
    """Set (or change) the target for a metric and period; True when it was new."""
    return goals.set_goal(conn, metric, target, period, now)


def remove_goal(conn: sqlite3.Connection, metric: str, period: str) -> None:
    """Remove the goal for a metric and period; NotFoundError when there is none."""
    goals.remove_goal(conn, metric, period)
