"""What `team plan` reads from the desk tables; the rules are in salescoach.core.team.plan."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from salescoach.core.kernel.periods import PERIODS, Span, period_span
from salescoach.core.reporting.goals import GoalProgress
from salescoach.core.team.plan import LISTED, due_soon_until
from salescoach.core.team.stale import stale_before
from salescoach.hub.coaching_queries import OPEN_ASSIGNMENTS, assignments
from salescoach.hub.desk_reps import CURRENT_REPS

if TYPE_CHECKING:
    from salescoach.core.team.shapes import TeamPlanLeadJSON

_OPEN = (
    "SELECT l.gid, l.name, l.company, l.owner, {day} AS day FROM salescoach.desk_lead_facts l"
    " WHERE l.status = 'open' AND l.owner IS NOT NULL"
)
_SLA_DAY = "left(l.sla_due, 10)"
# Open leads never contacted whose SLA deadline's day is tomorrow or before (the index
# desk_lead_facts_sla_order, hub migration 11, holds exactly these).
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
# `_oldest` of each list, read in that order from the index desk_lead_facts_sla_order (hub
# migration 11) and stopped after `listed` rows, instead of sorting every lead (the day is
# never none here).
_SLA_IN_ORDER = (
    ' ORDER BY left(l.sla_due, 10) COLLATE "C", coalesce(l.name, \'\') COLLATE "C",'
    ' l.gid COLLATE "C" LIMIT %(listed)s'
)
_SLA_OLDEST = (
    f"({_SLA_ALL} AND {_BREACHED}{_SLA_IN_ORDER})"
    f" UNION ALL ({_SLA_ALL} AND NOT {_BREACHED}{_SLA_IN_ORDER})"
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
# Who owns open leads (a few rows of the lead counts, hub migration 10, not every lead) but
# is not one of `reps` (default: the hub's reps now): the unassigned leads' holders.
_OTHERS = (
    "SELECT DISTINCT owner FROM salescoach.desk_lead_counts WHERE figure = 'open' AND leads > 0"
    f" AND NOT owner = ANY(coalesce(%(reps)s::text[], ARRAY({CURRENT_REPS})))"
)
# Each holder's open leads through the index (a lateral subquery, kept apart by OFFSET 0):
# joined otherwise, PostgreSQL may read every lead, in parallel workers that take longer to
# start than the plan takes, to find none.
_HELD = (
    f"({_OTHERS}) o, LATERAL (SELECT * FROM salescoach.desk_lead_facts l"
    " WHERE l.status = 'open' AND l.owner = o.owner OFFSET 0) l"
)
_UNASSIGNED = f"SELECT l.gid, l.name, l.company, l.owner, {_LAST} AS day FROM {_HELD}"
_UNASSIGNED_ALL = _UNASSIGNED + " ORDER BY l.name"
_UNASSIGNED_OLDEST = _oldest(_UNASSIGNED)
_UNASSIGNED_COUNT = f"SELECT count(*) FROM {_HELD}"
# Every goal with its count so far, for the periods that hold today (`periods`, `starts`,
# `stops`): the report's lead-days for a channel (hub migration 3 keeps them per rep, day and
# channel), the leads first contacted for contacts; none for a metric measured on the rep's
# own store only.
_GOALS = """
SELECT g.owner, g.metric, g.target, g.period,
       CASE WHEN m.channel = '' THEN
         (SELECT count(*) FROM salescoach.desk_lead_facts l
           WHERE l.owner = g.owner AND l.status IS NOT NULL
             AND l.first_contact_at >= s.start AND l.first_contact_at < s.stop)
       WHEN m.channel IS NOT NULL THEN
         (SELECT coalesce(sum(c.lead_days), 0) FROM salescoach.desk_day_counts c
           WHERE c.owner = g.owner AND c.channel = m.channel
             AND c.day >= s.start AND c.day < s.stop) END
  FROM salescoach.desk_goals g
  LEFT JOIN unnest(%(metrics)s::text[], %(channels)s::text[]) m(metric, channel)
    ON m.metric = g.metric
  LEFT JOIN unnest(%(periods)s::text[], %(starts)s::text[], %(stops)s::text[])
       s(period, start, stop) ON s.period = g.period
 WHERE NOT g.removed AND g.metric IS NOT NULL
 ORDER BY g.owner, g.metric, g.period
"""
_CHANNELS = {"calls": "call", "meetings": "meeting", "emails": "email", "contacts": ""}


def _leads(rows: list[Any]) -> list[TeamPlanLeadJSON]:
    return [
        {"gid": gid, "name": name, "company": company, "owner": owner, "day": day}
        for gid, name, company, owner, day in rows
    ]


def plan_rows(
    connection: Any, today: date, shown: int | None = None, reps: list[str] | None = None
) -> dict[str, Any]:
    """The plan's lists (with `shown`, only the SLA and unassigned lists' `shown` oldest
    leads of each), counts, goals and open drills, with the reps (default: the hub's reps
    now; other owners' open leads are unassigned). The statements go in one pipeline: one
    round trip to the hub, not one each."""
    week = Span("today", today, today)
    bounds = {period: period_span(period, today).bounds() for period in PERIODS}
    params: dict[str, Any] = {
        "today": today.isoformat(),
        "soon": due_soon_until(today).isoformat(),
        "stale": stale_before(week, today).isoformat(),
        "listed": shown,
        "reps": reps,
    }
    goal_params = {
        "metrics": list(_CHANNELS),
        "channels": list(_CHANNELS.values()),
        "periods": list(bounds),
        "starts": [start for start, _ in bounds.values()],
        "stops": [stop for _, stop in bounds.values()],
    }
    with connection.pipeline():
        sent = {
            "reps": connection.execute(CURRENT_REPS) if reps is None else None,
            "stale": connection.execute(_STALE, {**params, "listed": LISTED}),
            "sla_counts": connection.execute(_SLA_COUNTS, params),
            "sla": connection.execute(_SLA if shown is None else _SLA_OLDEST, params),
            "unassigned": connection.execute(
                _UNASSIGNED_ALL if shown is None else _UNASSIGNED_OLDEST, params
            ),
            "unassigned_count": (
                None if shown is None else connection.execute(_UNASSIGNED_COUNT, params)
            ),
            "goals": connection.execute(_GOALS, goal_params),
            "drills": connection.execute(OPEN_ASSIGNMENTS),
        }
    if sent["reps"] is not None:
        reps = [row[0] for row in sent["reps"].fetchall()]
    stale = sent["stale"].fetchall()
    unassigned = _leads(sent["unassigned"].fetchall())
    counted = sent["unassigned_count"]
    return {
        "reps": reps,
        "sla": _leads(sent["sla"].fetchall()),
        "sla_counts": {
            owner: (int(breached), int(soon))
            for owner, breached, soon in sent["sla_counts"].fetchall()
        },
        "stale": [
            {"gid": gid, "name": name, "company": company, "owner": owner, "day": day}
            for gid, name, company, owner, day, _ in stale
        ],
        "stale_counts": {row[3]: int(row[5]) for row in stale},
        "unassigned": unassigned,
        "unassigned_count": len(unassigned) if counted is None else int(counted.fetchone()[0]),
        "goals": _goal_progress(sent["goals"].fetchall(), today),
        "drills": assignments(sent["drills"].fetchall()),
    }


def _goal_progress(rows: list[Any], today: date) -> list[tuple[str, GoalProgress]]:
    return [
        (owner, GoalProgress(metric, period, float(target), float(actual), span, today))
        for owner, metric, target, period, actual in rows
        if metric in _CHANNELS  # others: measured on the rep's own store only
        for span in (period_span(period, today),)
    ]
