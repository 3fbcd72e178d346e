"""What `team plan` reads from the desk tables; the rules are in salescoach.core.team.plan."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from salescoach.core.kernel.periods import Span, period_span
from salescoach.core.reporting.goals import GoalProgress
from salescoach.core.team.plan import LISTED, due_soon_until
from salescoach.core.team.stale import stale_before

if TYPE_CHECKING:
    from salescoach.core.team.shapes import TeamPlanLeadJSON

_OPEN = (
    "SELECT l.gid, l.name, l.company, l.owner, {day} AS day FROM salescoach.desk_lead_facts l"
    " WHERE l.status = 'open' AND l.owner IS NOT NULL"
)
_SLA_DAY = "left(l.sla_due, 10)"
# Open leads never contacted whose SLA deadline's day is tomorrow or before (the index
# desk_lead_facts_sla, hub migration 10, holds exactly these).
_SLA_LEADS = " AND l.first_contact_at IS NULL AND left(l.sla_due, 10) <= %(soon)s"
_SLA = _OPEN.format(day=_SLA_DAY) + _SLA_LEADS + " ORDER BY day, l.name"
# Breached: the deadline's day before today (compared as the plan compares it, by code point).
_BREACHED = f'{_SLA_DAY} COLLATE "C" < %(today)s'
_SLA_COUNTS = (
    f"SELECT l.owner, count(*) FILTER (WHERE {_BREACHED}), count(*) FILTER (WHERE NOT {_BREACHED})"
    " FROM salescoach.desk_lead_facts l WHERE l.status = 'open' AND l.owner IS NOT NULL"
    f"{_SLA_LEADS} GROUP BY l.owner"
)


def _oldest(query: str) -> str:
    """The first `listed` rows of `query` in the order the plan shows them (day, name, id;
    none first)."""
    return (
        f"SELECT * FROM ({query}) o ORDER BY coalesce(o.day, '') COLLATE \"C\","
        ' coalesce(o.name, \'\') COLLATE "C", o.gid COLLATE "C" LIMIT %(listed)s'
    )


_SLA_ALL = _OPEN.format(day=_SLA_DAY) + _SLA_LEADS
_SLA_OLDEST = (
    f"({_oldest(f'{_SLA_ALL} AND {_BREACHED}')})"
    f" UNION ALL ({_oldest(f'{_SLA_ALL} AND NOT {_BREACHED}')})"
)
# Per owner, the open leads whose last logged day is before `stale` (those with none are
# not stale).
_STALE_COUNTS = """
SELECT owner, sum(CASE WHEN figure = 'open_dated' THEN leads ELSE -leads END) AS stale
  FROM salescoach.desk_lead_counts
 WHERE figure = 'open_dated' OR (figure = 'open_last' AND bucket >= %(stale)s)
 GROUP BY owner HAVING sum(CASE WHEN figure = 'open_dated' THEN leads ELSE -leads END) > 0
"""

_LAST = "left(coalesce(l.last_interaction_at, l.created_at), 10)"
# Each owner's first LISTED stale leads, with how many it has in all: 50 reps hold tens of
# thousands of stale leads, and the plan lists only a few of each, read from the index
# desk_lead_facts_stale (hub migration 7) instead of sorting them all. How many: the open
# leads with a last logged day, less those that logged since (hub migration 10's counts).
_STALE = (
    "SELECT s.gid, s.name, s.company, c.owner, s.day, c.stale FROM ("
    f"{_STALE_COUNTS}) c, LATERAL ("
    f"SELECT l.gid, l.name, l.company, {_LAST} AS day FROM salescoach.desk_lead_facts l"
    f" WHERE l.status = 'open' AND l.owner = c.owner AND {_LAST} < %(stale)s"
    f" ORDER BY {_LAST}, l.name, l.gid LIMIT %(listed)s) s"
    " ORDER BY c.owner, s.day, s.name, s.gid"
)
# Who owns open leads: a few rows of the lead counts (hub migration 10), not every lead.
_OPEN_OWNERS = (
    "SELECT DISTINCT owner FROM salescoach.desk_lead_counts WHERE figure = 'open' AND leads > 0"
)
_UNASSIGNED = _OPEN.format(day=_LAST) + " AND l.owner = ANY(%(others)s)"
_UNASSIGNED_ALL = _UNASSIGNED + " ORDER BY l.name"
_UNASSIGNED_OLDEST = _oldest(_UNASSIGNED)
_UNASSIGNED_COUNT = (
    "SELECT count(*) FROM salescoach.desk_lead_facts l"
    " WHERE l.status = 'open' AND l.owner = ANY(%(others)s)"
)
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


def plan_rows(
    connection: Any, today: date, reps: list[str], shown: int | None = None
) -> dict[str, Any]:
    """The plan's lists (with `shown`, only the SLA and unassigned lists' `shown` oldest
    leads of each) and counts."""
    week = Span("today", today, today)
    params: dict[str, Any] = {
        "today": today.isoformat(),
        "soon": due_soon_until(today).isoformat(),
        "stale": stale_before(week, today).isoformat(),
        "listed": shown,
    }
    owners = [row[0] for row in connection.execute(_OPEN_OWNERS).fetchall()]
    params["others"] = sorted(set(owners) - set(reps))
    stale = connection.execute(_STALE, {**params, "listed": LISTED}).fetchall()
    sla_counts = {
        owner: (int(breached), int(soon))
        for owner, breached, soon in connection.execute(_SLA_COUNTS, params).fetchall()
    }
    unassigned: list[TeamPlanLeadJSON] = []
    if params["others"]:
        query = _UNASSIGNED_ALL if shown is None else _UNASSIGNED_OLDEST
        unassigned = _leads(connection, query, params)
    unassigned_count = len(unassigned)
    if shown is not None and unassigned_count == shown:
        unassigned_count = int(connection.execute(_UNASSIGNED_COUNT, params).fetchone()[0])
    return {
        "sla": _leads(connection, _SLA if shown is None else _SLA_OLDEST, params),
        "sla_counts": sla_counts,
        "stale": [
            {"gid": gid, "name": name, "company": company, "owner": owner, "day": day}
            for gid, name, company, owner, day, _ in stale
        ],
        "stale_counts": {row[3]: int(row[5]) for row in stale},
        "unassigned": unassigned,
        "unassigned_count": unassigned_count,
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
