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
    "SELECT l.gid, l.name, l.company, l.owner, {day} AS day FROM salescoach.desk_lead_facts l"
    " WHERE l.status = 'open' AND l.owner IS NOT NULL"
)
_SLA = _OPEN.format(day="left(l.sla_due, 10)") + (
    " AND l.first_contact_at IS NULL AND left(l.sla_due, 10) <= %(soon)s ORDER BY day, l.name"
)
_LAST = "left(coalesce(l.last_interaction_at, l.created_at), 10)"
# Each owner's first LISTED stale leads, with how many it has in all: 50 reps hold tens of
# thousands of stale leads, and the plan lists only a few of each, read from the index
# desk_lead_facts_stale (hub migration 7) instead of sorting them all.
_STALE = (
    "SELECT s.gid, s.name, s.company, c.owner, s.day, c.stale FROM ("
    "SELECT l.owner, count(*) AS stale FROM salescoach.desk_lead_facts l"
    f" WHERE l.status = 'open' AND l.owner IS NOT NULL AND {_LAST} < %(stale)s"
    " GROUP BY l.owner) c, LATERAL ("
    f"SELECT l.gid, l.name, l.company, {_LAST} AS day FROM salescoach.desk_lead_facts l"
    f" WHERE l.status = 'open' AND l.owner = c.owner AND {_LAST} < %(stale)s"
    f" ORDER BY {_LAST}, l.name, l.gid LIMIT %(listed)s) s"
    " ORDER BY c.owner, s.day, s.name, s.gid"
)
_UNASSIGNED = _OPEN.format(day=_LAST) + " AND l.owner <> ALL(%(reps)s) ORDER BY l.name"
_GOALS = (
    "SELECT owner, metric, target, period FROM salescoach.desk_goals"
    " WHERE NOT removed AND metric IS NOT NULL ORDER BY owner, metric, period"
)
# Every goal's count so far in one query: the report's lead-days for a channel (hub migration
# 3 keeps them per rep, day and channel), else (channel '') the leads first contacted.
_ACTUALS = """
SELECT CASE WHEN g.channel = '' THEN
         (SELECT count(*) FROM salescoach.desk_lead_facts l
           WHERE l.owner = g.owner AND l.status IS NOT NULL
             AND l.first_contact_at >= g.start AND l.first_contact_at < g.stop)
       ELSE
         (SELECT coalesce(sum(c.lead_days), 0) FROM salescoach.desk_day_counts c
           WHERE c.owner = g.owner AND c.channel = g.channel
             AND c.day >= g.start AND c.day < g.stop) END
  FROM unnest(%(owners)s::text[], %(channels)s::text[], %(starts)s::text[], %(stops)s::text[])
       WITH ORDINALITY g(owner, channel, start, stop, n)
 ORDER BY g.n
"""
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
    goals = [
        (owner, metric, float(target), period, period_span(period, today))
        for owner, metric, target, period in connection.execute(_GOALS).fetchall()
        if metric in (*_CHANNELS, "contacts")  # others: measured on the rep's own store only
    ]
    if not goals:
        return []
    bounds = [span.bounds() for *_, span in goals]
    params = {
        "owners": [owner for owner, *_ in goals],
        "channels": [_CHANNELS.get(metric, "") for _, metric, *_ in goals],
        "starts": [start for start, _ in bounds],
        "stops": [stop for _, stop in bounds],
    }
    actuals = [float(row[0]) for row in connection.execute(_ACTUALS, params).fetchall()]
    return [
        (owner, GoalProgress(metric, period, target, actual, span, today))
        for (owner, metric, target, period, span), actual in zip(goals, actuals, strict=True)
    ]
