"""The team report's counts, read from the desk tables (hub migrations 2, 3, 7) as a manager.

Each query groups by owner in one pass (the lead counts: salescoach.hub.desk_lead_queries);
what each count means is defined in salescoach.core.team.report. Stamps are the reps' local
ISO text, so text bounds compare as local time and `left(x, 10)` is the local day.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from salescoach.core.kernel.periods import Span
from salescoach.core.team.report import RepCounts, rep_counts
from salescoach.core.team.report_rows import RepRows
from salescoach.core.team.stale import stale_before
from salescoach.hub.desk_report_queries import report_rows
from salescoach.hub.desk_reps import current_reps as current_reps  # callers import it here too

# Lead-days and rows per rep and day, kept from every interaction (hub migration 3).
_ACTIVITY = """
SELECT owner,
  coalesce(sum(lead_days) FILTER (WHERE channel = 'call'), 0) AS calls,
  coalesce(sum(lead_days) FILTER (WHERE channel = 'meeting'), 0) AS meetings,
  coalesce(sum(lead_days) FILTER (WHERE channel = 'email'), 0) AS emails,
  sum(interactions) AS interactions
FROM salescoach.desk_day_counts WHERE day >= %(start)s AND day < %(end)s
GROUP BY owner
"""


def team_counts(connection: Any, span: Span, today: date) -> list[RepCounts]:
    """Every current rep, and every other owner that holds rows (a removed rep), by name."""
    params = {
        "start": span.start.isoformat(),
        "end": span.end_exclusive.isoformat(),
        "today": today.isoformat(),
        "stale": stale_before(span, today).isoformat(),
    }
    lead_counts, tables = report_rows(connection, params)
    counts: dict[str, dict[str, float]] = defaultdict(dict)
    for owner, found in lead_counts.items():
        counts[owner].update(found)
    cursor = connection.execute(_ACTIVITY, params)
    names = [column.name for column in cursor.description][1:]
    for owner, *values in cursor.fetchall():
        counts[owner].update(zip(names, (int(v) for v in values), strict=True))
    reps = current_reps(connection)
    everyone = sorted(set(reps) | set(counts) | set(tables))  # owners of open leads too
    return [rep_counts(r, r in reps, counts.get(r, {}), tables.get(r, RepRows())) for r in everyone]
