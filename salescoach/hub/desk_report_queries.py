"""The team report's rows per step and per family, read from the desk tables as a manager.

Each query groups in the database and returns a few rows per owner; what the rows add up to
is defined in salescoach.core.reporting.figures and salescoach.core.team.report_rows. Stamps
are the reps' local ISO text: text bounds compare as local time.

Whose is what: the funnel and the pipeline are leads, counted for their owner now; outcomes,
objections, drills and exit criteria for the rep who logged them.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from salescoach.core.team.report_rows import RepRows
from salescoach.hub.desk_lead_queries import lead_rows, with_days_per_step
from salescoach.hub.desk_period_queries import OBJECTIONS, period_rows

# Each lead's last decisive result in the period, for the rep who logged it; a lost one with
# the reason its lead records (compared without case or surrounding spaces), looked up for
# the lost ones only.
_OUTCOMES = """
SELECT owner, result, reason, count(*)
  FROM (SELECT d.owner, d.result,
               CASE WHEN d.result = 'lost' THEN
                 (SELECT nullif(lower(btrim(l.status_reason)), '')
                    FROM salescoach.desk_lead_facts l WHERE l.gid = d.lead_gid) END AS reason
          FROM (SELECT DISTINCT ON (lead_gid COLLATE "C") lead_gid, owner, result
                  FROM salescoach.desk_interactions
                 WHERE at >= %(start)s AND at < %(end)s
                   AND result IN ('won', 'lost', 'no_decision')
                 ORDER BY lead_gid COLLATE "C", at DESC, gid DESC) d) r
 GROUP BY 1, 2, 3
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


def report_rows(
    connection: Any, params: dict[str, str]
) -> tuple[dict[str, dict[str, int]], dict[str, RepRows]]:
    """(owner -> lead counts, owner -> the rows the report's tables are built from)."""
    lead_counts, leads = period_rows(connection, params) or lead_rows(connection, params)
    found: dict[str, dict[str, Any]] = defaultdict(lambda: defaultdict(dict))
    for owner, tables in with_days_per_step(leads).items():
        found[owner].update(tables)

    def rows(query: str) -> list[Any]:
        return list(connection.execute(query, params).fetchall())

    for owner, result, reason, leads in rows(_OUTCOMES):
        outcomes = found[owner]["outcomes"]
        outcomes[result] = outcomes.get(result, 0) + int(leads)
        if result == "lost":
            found[owner]["losses"][reason] = int(leads)
    for owner, family, *counts in rows(OBJECTIONS):
        keys = ("resolved", "partly", "not_resolved", "unrecorded")
        found[owner]["objections"][family] = dict(zip(keys, map(int, counts), strict=True))
    for owner, family, attempts, scored, shares in rows(_DRILLS):
        found[owner]["drills"][family] = (int(attempts), int(scored), float(shares))
    for owner, step, ended, skipped, unmet in rows(_CRITERIA):
        found[owner]["adherence"][step] = (int(ended), int(skipped), int(unmet))
    return lead_counts, {owner: RepRows(**tables) for owner, tables in found.items()}
