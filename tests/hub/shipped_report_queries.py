"""`team report`'s queries as they shipped with hub migration 8 (before the one scan of
`desk_lead_facts` and migration 10's roll-ups): the reference the faster ones are checked
against, figure for figure."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from salescoach.core.kernel.periods import Span
from salescoach.core.kernel.steps import STEP_IDS
from salescoach.core.team.report import RepCounts, rep_counts
from salescoach.core.team.report_rows import RepRows
from salescoach.core.team.stale import stale_before
from salescoach.hub.desk_funnel_schema import DAYS_COLUMNS
from salescoach.hub.desk_queries import current_reps
from salescoach.hub.desk_report_schema import STEP_POSITION

# The local report's funnel (salescoach.store.report_queries.funnel), over the desk tables:
# leads created in the period or with anything logged in it; each one's furthest step by the
# period's end; the days from first reaching a step to first reaching the next one it reached.
# Each lead's row of `desk_lead_facts` (hub migration 7) settles whether it logged anything in
# the period (its first and last logged day; for a lead that logged before and after it, its
# interactions are probed) and, when the period ends after its last first arrival at a step,
# holds its furthest logged step and its days per step. Only the other leads (a past
# period's) read their lead-steps (`desk_lead_steps`, hub migration 3: `next_at` counts when
# reached in the period). Leads count for their owner now.
_POS = STEP_POSITION.format(column="a.step")
_MOVED = ", ".join(f"{{agg}}({column})" for column in DAYS_COLUMNS)
_FUNNEL = f"""
WITH active AS MATERIALIZED (
    SELECT f.gid AS lead_gid, f.owner, f.status IS NOT NULL AS known, f.step,
           f.step_entered_at, f.logged_pos, {", ".join(f"f.{c}" for c in DAYS_COLUMNS)},
           coalesce(f.last_step_at >= %(end)s, false) AS unsettled
      FROM salescoach.desk_lead_facts f
     WHERE f.owner IS NOT NULL AND ((f.created_at >= %(start)s AND f.created_at < %(end)s)
        OR (f.first_day < %(end)s AND f.last_day >= %(start)s
            AND (f.first_day >= %(start)s OR f.last_day < %(end)s
                 OR EXISTS (SELECT 1 FROM salescoach.desk_interactions i
                             WHERE i.lead_gid = f.gid
                               AND i.at >= %(start)s AND i.at < %(end)s))))
), firsts AS (
    SELECT s.lead_gid, {STEP_POSITION.format(column="s.step")} AS pos, s.first_time,
           CASE WHEN s.next_at < %(end)s THEN s.next_time END AS next_time
      FROM salescoach.desk_lead_steps s JOIN active a ON a.lead_gid = s.lead_gid
     WHERE a.unsettled AND s.first_at < %(end)s
), logged AS (
    SELECT lead_gid, max(pos) AS pos FROM firsts GROUP BY lead_gid
), furthest AS (
    SELECT a.owner,
           greatest(1, coalesce(CASE WHEN a.unsettled THEN g.pos ELSE a.logged_pos END, 0),
                    CASE WHEN a.step_entered_at < %(end)s THEN {_POS} ELSE 0 END) AS pos
      FROM active a LEFT JOIN logged g ON g.lead_gid = a.lead_gid
     WHERE a.known
), settled AS (
    SELECT owner, ARRAY[{_MOVED.format(agg="count")}] AS moved,
           ARRAY[{_MOVED.format(agg="sum")}] AS days
      FROM active WHERE NOT unsettled GROUP BY owner
), moves AS (
    SELECT a.owner, f.pos, extract(epoch FROM f.next_time - f.first_time) / 86400 AS days
      FROM firsts f JOIN active a ON a.lead_gid = f.lead_gid
     WHERE f.pos > 0 AND f.first_time IS NOT NULL
)
SELECT owner, 'furthest', pos, count(*), NULL FROM furthest GROUP BY owner, pos
UNION ALL
SELECT owner, 'moved', pos, sum(leads), sum(days) FROM (
    SELECT owner, u.pos, u.leads, u.days
      FROM settled, unnest(moved, days) WITH ORDINALITY u(leads, days, pos) WHERE u.leads > 0
    UNION ALL
    SELECT owner, pos, count(*), sum(days) FROM moves WHERE days IS NOT NULL GROUP BY owner, pos
) m GROUP BY owner, pos
"""
# Each lead's last decisive result in the period, for the rep who logged it; a lost one with
# the reason its lead records (compared without case or surrounding spaces).
_OUTCOMES = """
SELECT d.owner, d.result,
       CASE WHEN d.result = 'lost' THEN nullif(lower(btrim(l.status_reason)), '') END, count(*)
  FROM (SELECT DISTINCT ON (lead_gid COLLATE "C") lead_gid, owner, result
          FROM salescoach.desk_interactions
         WHERE at >= %(start)s AND at < %(end)s AND result IN ('won', 'lost', 'no_decision')
         ORDER BY lead_gid COLLATE "C", at DESC, gid DESC) d
  LEFT JOIN salescoach.desk_lead_facts l ON l.gid = d.lead_gid AND d.result = 'lost'
 GROUP BY 1, 2, 3
"""
# Open leads now by step, and the deal value their `deal_value` answer records.
_PIPELINE = """
SELECT l.owner, l.step, count(*), count(a.deal_value), coalesce(sum(a.deal_value), 0)
  FROM salescoach.desk_lead_facts l
  LEFT JOIN salescoach.desk_answers a ON a.lead_gid = l.gid AND a.field = 'deal_value'
        AND a.deal_value IS NOT NULL AND NOT a.removed
 WHERE l.status = 'open' AND l.owner IS NOT NULL GROUP BY l.owner, l.step
"""
_OBJECTIONS = """
SELECT owner, nullif(objection, ''),
       count(*) FILTER (WHERE result = 'resolved'),
       count(*) FILTER (WHERE result = 'partly'),
       count(*) FILTER (WHERE result = 'not_resolved'),
       count(*) FILTER (WHERE result IS NULL
                          OR result NOT IN ('resolved', 'partly', 'not_resolved'))
  FROM salescoach.desk_interactions
 WHERE kind = 'objection' AND at >= %(start)s AND at < %(end)s
 GROUP BY 1, 2
"""
# The objection drill's items are `objections:FAMILY` (as the local report reads them).
_DRILLS = """
SELECT owner, substr(item, 12), count(*), count(share), coalesce(sum(share), 0)
  FROM (SELECT owner, item,
               CASE WHEN max_score > 0 THEN greatest(score, 0) / max_score END AS share
          FROM salescoach.desk_training
         WHERE drill = 'objections' AND item LIKE 'objections:%%'
           AND at >= %(start)s AND at < %(end)s) t
 GROUP BY owner, item
"""
# Each lead's step as it ended the last time in the period (a step walked twice counts once).
_CRITERIA = """
SELECT owner, step, count(*), count(*) FILTER (WHERE result = 'skipped'),
       coalesce(sum(criteria_unmet), 0)
  FROM (SELECT DISTINCT ON (lead_gid, step) owner, step, result, criteria_unmet
          FROM salescoach.desk_interactions
         WHERE kind = 'criteria' AND at >= %(start)s AND at < %(end)s AND step IS NOT NULL
         ORDER BY lead_gid, step, at DESC, gid DESC) c
 GROUP BY owner, step
"""


def report_rows(connection: Any, params: dict[str, str]) -> dict[str, RepRows]:
    """Owner -> the rows the report's tables are built from."""
    found: dict[str, dict[str, Any]] = defaultdict(lambda: defaultdict(dict))

    def rows(query: str) -> list[Any]:
        return list(connection.execute(query, params).fetchall())

    for owner, kind, pos, leads, days in rows(_FUNNEL):
        if kind == "furthest":
            found[owner]["furthest"][int(pos)] = int(leads)
        else:
            found[owner]["moved"][STEP_IDS[pos - 1]] = (float(days), int(leads))
    for owner, result, reason, leads in rows(_OUTCOMES):
        outcomes = found[owner]["outcomes"]
        outcomes[result] = outcomes.get(result, 0) + int(leads)
        if result == "lost":
            found[owner]["losses"][reason] = int(leads)
    for owner, step, open_leads, valued, value in connection.execute(_PIPELINE).fetchall():
        found[owner]["pipeline"][step or "none"] = (int(open_leads), int(valued), float(value))
    for owner, family, *counts in rows(_OBJECTIONS):
        keys = ("resolved", "partly", "not_resolved", "unrecorded")
        found[owner]["objections"][family] = dict(zip(keys, map(int, counts), strict=True))
    for owner, family, attempts, scored, shares in rows(_DRILLS):
        found[owner]["drills"][family] = (int(attempts), int(scored), float(shares))
    for owner, step, ended, skipped, unmet in rows(_CRITERIA):
        found[owner]["adherence"][step] = (int(ended), int(skipped), int(unmet))
    return {owner: RepRows(**tables) for owner, tables in found.items()}


_LEADS = """
SELECT owner,
  count(*) FILTER (WHERE status = 'open') AS open_leads,
  count(*) FILTER (WHERE created_at >= %(start)s AND created_at < %(end)s) AS new_leads,
  count(*) FILTER (WHERE first_contact_at >= %(start)s AND first_contact_at < %(end)s)
    AS contacts,
  count(*) FILTER (WHERE status = 'open'
                     AND left(coalesce(last_interaction_at, created_at), 10) < %(stale)s)
    AS stale,
  count(*) FILTER (WHERE sla AND left(first_contact_at, 10) <= left(sla_due, 10)) AS sla_met,
  count(*) FILTER (WHERE sla AND left(first_contact_at, 10) > left(sla_due, 10)) AS sla_late,
  count(*) FILTER (WHERE sla AND first_contact_at IS NULL AND left(sla_due, 10) < %(today)s)
    AS sla_missed
FROM (SELECT *, (sla_due >= %(start)s AND sla_due < %(end)s) AS sla
        FROM salescoach.desk_lead_facts WHERE status IS NOT NULL AND owner IS NOT NULL) l
GROUP BY owner
"""
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
    counts: dict[str, dict[str, float]] = defaultdict(dict)
    for query in (_LEADS, _ACTIVITY):
        cursor = connection.execute(query, params)
        names = [column.name for column in cursor.description][1:]
        for owner, *values in cursor.fetchall():
            counts[owner].update(zip(names, (int(v) for v in values), strict=True))
    tables = report_rows(connection, params)
    reps = current_reps(connection)
    everyone = sorted(set(reps) | set(counts) | set(tables))  # owners of open leads too
    return [rep_counts(r, r in reps, counts.get(r, {}), tables.get(r, RepRows())) for r in everyone]


# `team plan`'s lists as they shipped with hub migration 8.
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
