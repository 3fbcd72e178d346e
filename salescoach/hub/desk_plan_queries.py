"""What `team plan` reads from the desk tables; the rules are in salescoach.core.team.plan."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from salescoach.core.kernel.periods import Span, period_span
from salescoach.core.reporting.goals import GoalProgress
from salescoach.core.team.plan import LISTED, due_soon_until
from salescoach.core.team.report import stale_before

if TYPE_CHECKING:
    from salescoach.core.team.shapes import TeamPlanLeadJSON

_OPEN = (
    "SELECT l.gid, l.name, l.company, o.owner, {day} AS day FROM salescoach.desk_leads l"
    " JOIN salescoach.lead_owners o ON o.lead_gid = l.gid WHERE l.status = 'open'"
)
_SLA = _OPEN.format(day="left(l.sla_due, 10)") + (
    " AND l.first_contact_at IS NULL AND left(l.sla_due, 10) <= %(soon)s ORDER BY day, l.name"
)
_LAST = "left(coalesce(l.last_interaction_at, l.created_at), 10)"
# Each owner's first LISTED stale leads, with how many it has in all (counted here: 50 reps
# hold tens of thousands of stale leads, and the plan lists only a few of each).
_STALE = (
    "SELECT gid, name, company, owner, day, stale FROM ("
    f"SELECT l.gid, l.name, l.company, o.owner, {_LAST} AS day,"
    " count(*) OVER (PARTITION BY o.owner) AS stale,"
    f" row_number() OVER (PARTITION BY o.owner ORDER BY {_LAST}, l.name, l.gid) AS place"
    " FROM salescoach.desk_leads l JOIN salescoach.lead_owners o ON o.lead_gid = l.gid"
    f" WHERE l.status = 'open' AND {_LAST} < %(stale)s) s"
    " WHERE place <= %(listed)s ORDER BY owner, day, name, gid"
)
_UNASSIGNED = _OPEN.format(day=_LAST) + " AND o.owner <> ALL(%(reps)s) ORDER BY l.name"
_GOALS = (
    "SELECT owner, metric, target, period FROM salescoach.desk_goals"
    " WHERE NOT removed AND metric IS NOT NULL ORDER BY owner, metric, period"
)
# The report's lead-days (hub migration 3 keeps them per rep, day and channel).
_CHANNEL_DAYS = (
    "SELECT coalesce(sum(lead_days), 0) FROM salescoach.desk_day_counts"
    " WHERE owner = %s AND channel = %s AND day >= %s AND day < %s"
)
_CONTACTS = (
    "SELECT count(*) FROM salescoach.desk_leads l JOIN salescoach.lead_owners o"
    " ON o.lead_gid = l.gid WHERE o.owner = %s AND l.first_contact_at >= %s"
    " AND l.first_contact_at < %s"
)
_CHANNELS = {"calls": "call", "meetings": "meeting", "emails": "email"}


def _leads(connection: Any, query: str, params: dict[str, Any]) -> list[TeamPlanLeadJSON]:
    rows = connection.execute(query, params).fetchall()
    return [
        {"gid": gid, "name": name, "company": company, "owner": owner, "day": day}
        for gid, name, company, owner, day in rows
    ]


def plan_rows(connection: Any, today: date, reps: list[str]) -> dict[str, Any]:
    week = Span("today", today, today)
    params = {
        "soon": due_soon_until(today).isoformat(),
        "stale": stale_before(week, today).isoformat(),
        "reps": reps,
    }
    stale = connection.execute(_STALE, {**params, "listed": LISTED}).fetchall()
    return {
        "sla": _leads(connection, _SLA, params),
        "stale": [
            {"gid": gid, "name": name, "company": company, "owner": owner, "day": day}
            for gid, name, company, owner, day, _ in stale
        ],
        "stale_counts": {row[3]: int(row[5]) for row in stale},
        "unassigned": _leads(connection, _UNASSIGNED, params),
        "goals": _goal_progress(connection, today),
    }


def _goal_progress(connection: Any, today: date) -> list[tuple[str, GoalProgress]]:
    out = []
    for owner, metric, target, period in connection.execute(_GOALS).fetchall():
        if metric not in (*_CHANNELS, "contacts"):
            continue  # measured on the rep's own store only (proposals, revenue)
        span = period_span(period, today)
        start, end = span.bounds()
        query: str = _CONTACTS
        args: tuple[str, ...] = (owner, start, end)
        if metric in _CHANNELS:
            query, args = _CHANNEL_DAYS, (owner, _CHANNELS[metric], start, end)
        actual = float(connection.execute(query, args).fetchone()[0])
        out.append((owner, GoalProgress(metric, period, float(target), actual, span, today)))
    return out
