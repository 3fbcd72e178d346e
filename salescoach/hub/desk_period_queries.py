"""The team report's per-lead figures and objections from the per-day sums (hub migration 10).

The lead counts, funnel and pipeline come from the sums for a period with few leads whose row
holds a stamp from the period's end on ("later" leads): what those add to the sums is taken
off and their figures read from their rows instead (salescoach.hub.desk_lead_queries), so
every figure is the one the rows give. With more of them (a past period), `period_rows`
returns None and the caller reads the rows. The objections always come from the sums.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal, localcontext
from typing import Any

from salescoach.core.kernel.steps import STEP_IDS
from salescoach.hub.desk_funnel_schema import DAYS_COLUMNS
from salescoach.hub.desk_lead_queries import lead_rows, pipeline_order
from salescoach.hub.desk_period_schema import (
    LATEST,
    MOVED_COLUMNS,
    REACHED_COLUMNS,
    funnel_days,
    lead_counts,
)

MOST_LATER = 5_000  # later leads a period may have and still be read from the sums
_LATER = f"(SELECT * FROM salescoach.desk_lead_facts WHERE {LATEST} >= %(end)s)"
_COUNT_LATER = (
    f"SELECT count(*) FROM (SELECT 1 FROM salescoach.desk_lead_facts"
    f" WHERE {LATEST} >= %(end)s LIMIT {MOST_LATER + 1}) l"
)
# The figures a period's end takes part in (the others are the same whatever the end).
_ENDED = ("created", "contacted", "sla_met", "sla_late", "sla_open")
_IN_PERIOD = "bucket >= %(start)s AND bucket < %(end)s"
# Per owner, the report's lead counts (as salescoach.hub.desk_lead_queries.LEAD_COUNTS).
_COUNTS = f"""
SELECT owner,
  sum(leads) FILTER (WHERE figure = 'leads') AS leads,
  coalesce(sum(leads) FILTER (WHERE figure = 'open'), 0) AS open_leads,
  coalesce(sum(leads) FILTER (WHERE figure = 'created'), 0) AS new_leads,
  coalesce(sum(leads) FILTER (WHERE figure = 'contacted'), 0) AS contacts,
  coalesce(sum(leads) FILTER (WHERE figure = 'open_dated'), 0)
    - coalesce(sum(leads) FILTER (WHERE figure = 'open_last'), 0) AS stale,
  coalesce(sum(leads) FILTER (WHERE figure = 'sla_met'), 0) AS sla_met,
  coalesce(sum(leads) FILTER (WHERE figure = 'sla_late'), 0) AS sla_late,
  coalesce(sum(leads) FILTER (WHERE figure = 'sla_open' AND bucket < %(today)s), 0)
    AS sla_missed
  FROM (SELECT owner, figure, bucket, leads FROM salescoach.desk_lead_counts
        UNION ALL
        SELECT owner, figure, bucket, leads FROM ({lead_counts("{later}", -1)}) k
         WHERE figure IN ({", ".join(f"'{f}'" for f in _ENDED)})) c
 WHERE figure IN ('leads', 'open', 'open_dated')
    OR (figure = 'open_last' AND bucket >= %(stale)s)
    OR (figure IN ({", ".join(f"'{f}'" for f in _ENDED)}) AND {_IN_PERIOD})
 GROUP BY owner
"""
_COUNT_NAMES = ("open_leads", "new_leads", "contacts", "stale", "sla_met", "sla_late", "sla_missed")
_FROM_LATER_ROWS = ("new_leads", "contacts", "sla_met", "sla_late", "sla_missed")
_OPEN = """
SELECT owner, bucket, leads FROM salescoach.desk_lead_counts
 WHERE figure = 'open' AND leads <> 0
"""
# A lead counts once per recorded deal value in the pipeline (as the join it replaces did).
_VALUES = """
SELECT l.owner, coalesce(l.step, ''), count(*), count(DISTINCT l.gid), sum(a.deal_value)
  FROM salescoach.desk_answers a JOIN salescoach.desk_lead_facts l ON l.gid = a.lead_gid
 WHERE a.field = 'deal_value' AND a.deal_value IS NOT NULL AND NOT a.removed
   AND l.status = 'open' AND l.owner IS NOT NULL
 GROUP BY 1, 2
"""
_SUMS = REACHED_COLUMNS + MOVED_COLUMNS + DAYS_COLUMNS
_FUNNEL = f"""
SELECT owner, {", ".join(f"sum({c})" for c in _SUMS)}
  FROM (SELECT owner, day, {", ".join(_SUMS)} FROM salescoach.desk_funnel_days
        UNION ALL {funnel_days("{later}", -1)}) d(owner, day, {", ".join(_SUMS)})
 WHERE day >= %(start)s AND day < %(end)s
 GROUP BY owner
"""
OBJECTIONS = """
SELECT owner, nullif(family, ''), sum(resolved), sum(partly), sum(not_resolved), sum(unrecorded)
  FROM salescoach.desk_objection_days WHERE day >= %(start)s AND day < %(end)s
 GROUP BY 1, 2
"""


def period_rows(
    connection: Any, params: dict[str, str]
) -> tuple[dict[str, dict[str, int]], dict[str, dict[str, Any]]] | None:
    """As salescoach.hub.desk_lead_queries.lead_rows, from the sums; None when the period
    has too many later leads for them."""
    later = int(connection.execute(_COUNT_LATER, params).fetchone()[0])
    if later > MOST_LATER:
        return None
    # With no later lead, nothing is taken off (and the sums alone answer).
    source = _LATER if later else "(SELECT * FROM salescoach.desk_lead_facts WHERE false)"
    counts: dict[str, dict[str, int]] = {}
    for owner, leads, *values in connection.execute(_COUNTS.format(later=source), params):
        if leads:
            counts[owner] = dict(zip(_COUNT_NAMES, map(int, values), strict=True))
    tables: dict[str, dict[str, Any]] = defaultdict(dict)
    later_counts, later_tables = (
        lead_rows(connection, params, later_only=True) if later else ({}, {})
    )
    for owner, found in later_counts.items():
        for name in _FROM_LATER_ROWS:
            counts[owner][name] += found[name]
    n = len(STEP_IDS)
    with localcontext(prec=200):  # exact sums of the numeric days
        for owner, *sums in connection.execute(_FUNNEL.format(later=source), params):
            reached, moved, days = sums[:n], sums[n : 2 * n], sums[2 * n :]
            tables[owner]["furthest"] = {pos: int(v) for pos, v in enumerate(reached, 1)}
            tables[owner]["moved"] = {
                pos: [int(v), Decimal(d)]
                for pos, (v, d) in enumerate(zip(moved, days, strict=True), 1)
            }
        for owner, found in later_tables.items():
            mine = tables[owner]
            for pos, leads in found.get("furthest", {}).items():
                furthest = mine.setdefault("furthest", {})
                furthest[pos] = furthest.get(pos, 0) + leads
            for pos, (leads, days) in found.get("moved", {}).items():
                sums = mine.setdefault("moved", {}).setdefault(pos, [0, Decimal(0)])
                sums[0] += leads
                sums[1] += days
    for mine in tables.values():
        if "furthest" in mine:
            mine["furthest"] = {pos: v for pos, v in mine["furthest"].items() if v}
            if not mine["furthest"]:
                del mine["furthest"]
        if "moved" in mine:
            mine["moved"] = {pos: v for pos, v in mine["moved"].items() if v[0]}
            if not mine["moved"]:
                del mine["moved"]
    _add_pipeline(connection, tables)
    return counts, {owner: mine for owner, mine in tables.items() if mine}


def _add_pipeline(connection: Any, tables: dict[str, dict[str, Any]]) -> None:
    valued = {(o, s): (int(r), int(n), v) for o, s, r, n, v in connection.execute(_VALUES)}
    pipelines: dict[str, dict[str, Any]] = defaultdict(dict)
    for owner, step, leads in connection.execute(_OPEN).fetchall():
        rows, leads_valued, value = valued.get((owner, step), (0, 0, 0))
        pipelines[owner][step or "none"] = (int(leads) + rows - leads_valued, rows, float(value))
    for owner, by_step in pipelines.items():
        tables[owner]["pipeline"] = dict(sorted(by_step.items(), key=pipeline_order))
