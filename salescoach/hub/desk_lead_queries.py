"""The team report's figures per lead, from one scan of `desk_lead_facts` (hub migration 7).

The lead counts (open, new, contacted, stale, SLA), the funnel of the leads the row alone
answers for, and the pipeline by step all read the same 100,000 rows of a 50-rep team:
one grouped pass (owner, step) gives them all; the groups are added up per owner here, sums
of days exactly (as numeric), so the figures are those of the separate queries they replace.
Only a period ending before a lead's last first arrival at a step (`unsettled`: a past
period's leads) reads that lead's lead-steps, in salescoach.hub.desk_report_queries.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal, localcontext
from typing import Any

from salescoach.core.kernel.steps import STEP_IDS
from salescoach.hub.desk_funnel_schema import DAYS_COLUMNS, LAST_LOGGED
from salescoach.hub.desk_period_schema import LATEST
from salescoach.hub.desk_report_schema import STEP_POSITION

# A lead counts in the funnel when created in the period or with anything logged in it (its
# first and last logged day settle it, except for a lead that logged before and after it:
# its interactions are probed). Null: unknown, which counts as not.
ACTIVE = """coalesce((f.created_at >= %(start)s AND f.created_at < %(end)s)
        OR (f.first_day < %(end)s AND f.last_day >= %(start)s
            AND (f.first_day >= %(start)s OR f.last_day < %(end)s
                 OR EXISTS (SELECT 1 FROM salescoach.desk_interactions i
                             WHERE i.lead_gid = f.gid
                               AND i.at >= %(start)s AND i.at < %(end)s))), false)"""
UNSETTLED = "coalesce(f.last_step_at >= %(end)s, false)"
# Per lead counted: the lead-count figures (leads with a lead row), then the funnel's.
LEAD_COUNTS = {
    "open_leads": "status = 'open'",
    "new_leads": "status IS NOT NULL AND created_at >= %(start)s AND created_at < %(end)s",
    "contacts": "status IS NOT NULL AND first_contact_at >= %(start)s"
    " AND first_contact_at < %(end)s",
    "stale": f"status = 'open' AND {LAST_LOGGED} < %(stale)s",
    "sla_met": "sla AND left(first_contact_at, 10) <= left(sla_due, 10)",
    "sla_late": "sla AND left(first_contact_at, 10) > left(sla_due, 10)",
    "sla_missed": "sla AND first_contact_at IS NULL AND left(sla_due, 10) < %(today)s",
}
_STEP = STEP_POSITION.format(column="f.step")
_FURTHEST = f"""greatest(1, coalesce(f.logged_pos, 0),
    CASE WHEN f.step_entered_at < %(end)s THEN {_STEP} ELSE 0 END)"""
_COLUMNS = ",\n  ".join(
    [
        "count(*) FILTER (WHERE status IS NOT NULL)",
        *(f"count(*) FILTER (WHERE {test})" for test in LEAD_COUNTS.values()),
        *(f"count({c})" for c in DAYS_COLUMNS),
        *(f"sum({c})" for c in DAYS_COLUMNS),
        "coalesce(sum(greatest(answers, 1)) FILTER (WHERE status = 'open'), 0)",
        "coalesce(sum(answers) FILTER (WHERE status = 'open'), 0)",
        "coalesce(sum(deal_value) FILTER (WHERE status = 'open'), 0)",
    ]
)
# Grouped by whether the row settles the lead's funnel figures and its furthest step, so that
# each is worked out once per lead (a filter per figure would repeat it). The pipeline counts
# a lead once per recorded deal value, as the join it replaces did.
_LEAD_FIGURES = f"""
SELECT owner, step, settled, furthest,
  {_COLUMNS}
  FROM (SELECT f.owner, f.step, f.status, f.created_at, f.first_contact_at, f.sla_due,
               f.last_interaction_at, {", ".join(f"f.{c}" for c in DAYS_COLUMNS)},
               f.status IS NOT NULL AND f.sla_due >= %(start)s AND f.sla_due < %(end)s AS sla,
               {ACTIVE} AND NOT {UNSETTLED} AS settled, {_FURTHEST} AS furthest,
               a.answers, a.deal_value
          FROM salescoach.desk_lead_facts f
          LEFT JOIN (SELECT lead_gid, count(*) AS answers, sum(deal_value) AS deal_value
                       FROM salescoach.desk_answers
                      WHERE field = 'deal_value' AND deal_value IS NOT NULL AND NOT removed
                      GROUP BY lead_gid) a ON a.lead_gid = f.gid AND f.status = 'open'
         WHERE f.owner IS NOT NULL{{later}}) l
 GROUP BY owner, step, settled, furthest
"""


# The local report's funnel (salescoach.store.report_queries.funnel) for the leads whose row
# does not answer alone (`_LEAD_FIGURES` has the others): those of a period ending before
# their last first arrival at a step. Each one's furthest step by the period's end and the
# days from first reaching a step to first reaching the next one it reached come from its
# lead-steps (`desk_lead_steps`, hub migration 3: `next_at` counts when reached in the
# period). Leads count for their owner now.
_POS = STEP_POSITION.format(column="a.step")
_UNSETTLED_FUNNEL = f"""
WITH active AS MATERIALIZED (
    SELECT f.gid AS lead_gid, f.owner, f.status IS NOT NULL AS known, f.step,
           f.step_entered_at
      FROM salescoach.desk_lead_facts f
     WHERE f.last_step_at >= %(end)s AND f.owner IS NOT NULL AND {ACTIVE}{{later}}
), firsts AS (
    SELECT s.lead_gid, {STEP_POSITION.format(column="s.step")} AS pos, s.first_time,
           CASE WHEN s.next_at < %(end)s THEN s.next_time END AS next_time
      FROM salescoach.desk_lead_steps s JOIN active a ON a.lead_gid = s.lead_gid
     WHERE s.first_at < %(end)s
), logged AS (
    SELECT lead_gid, max(pos) AS pos FROM firsts GROUP BY lead_gid
), furthest AS (
    SELECT a.owner,
           greatest(1, coalesce(g.pos, 0),
                    CASE WHEN a.step_entered_at < %(end)s THEN {_POS} ELSE 0 END) AS pos
      FROM active a LEFT JOIN logged g ON g.lead_gid = a.lead_gid
     WHERE a.known
), moves AS (
    SELECT a.owner, f.pos, extract(epoch FROM f.next_time - f.first_time) / 86400 AS days
      FROM firsts f JOIN active a ON a.lead_gid = f.lead_gid
     WHERE f.pos > 0 AND f.first_time IS NOT NULL
)
SELECT owner, 'furthest', pos, count(*), NULL FROM furthest GROUP BY owner, pos
UNION ALL
SELECT owner, 'moved', pos, count(*), sum(days) FROM moves WHERE days IS NOT NULL
 GROUP BY owner, pos
"""


def lead_rows(
    connection: Any, params: dict[str, str], *, later_only: bool = False
) -> tuple[dict[str, dict[str, int]], dict[str, Any]]:
    """(owner -> lead counts, owner -> {"furthest", "moved", "pipeline"}), each owner only
    where it has any: an owner with lead rows has counts; funnel and pipeline rows as found.
    `moved`: position -> [leads, their days as a Decimal] (see `with_days_per_step`).
    `later_only`: only the leads whose row holds a stamp from the period's end on."""
    later = f" AND {LATEST} >= %(end)s" if later_only else ""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(LEAD_COUNTS, 0))
    furthest: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    moved: dict[str, dict[int, list[Any]]] = defaultdict(dict)
    tables: dict[str, dict[str, Any]] = defaultdict(dict)
    pipelines: dict[str, dict[str, list[Any]]] = defaultdict(dict)
    n, steps = len(LEAD_COUNTS), len(DAYS_COLUMNS)
    with localcontext(prec=200):  # exact sums of the numeric days
        rows = connection.execute(_LEAD_FIGURES.format(later=later), params).fetchall()
        for owner, step, settled, pos, leads, *values in rows:
            if leads:
                for name, value in zip(LEAD_COUNTS, values[:n], strict=True):
                    counts[owner][name] += value
            if settled:
                if leads:
                    furthest[owner][pos] += leads
                moves, days = values[n : n + steps], values[n + steps : n + 2 * steps]
                for step_pos, (leads_moved, total) in enumerate(zip(moves, days, strict=True), 1):
                    if leads_moved:
                        sums = moved[owner].setdefault(step_pos, [0, Decimal(0)])
                        sums[0] += leads_moved
                        sums[1] += total
            open_leads, valued, value = values[n + 2 * steps :]
            if open_leads:
                pipeline = pipelines[owner].setdefault(step or "none", [0, 0, Decimal(0)])
                for i, part in enumerate((open_leads, valued, value)):
                    pipeline[i] += part
        funnel = _UNSETTLED_FUNNEL.format(later=later)
        for owner, kind, pos, leads, days in connection.execute(funnel, params).fetchall():
            if kind == "furthest":
                furthest[owner][int(pos)] += int(leads)
            else:
                sums = moved[owner].setdefault(int(pos), [0, Decimal(0)])
                sums[0] += int(leads)
                sums[1] += days
    for owner, found in furthest.items():
        tables[owner]["furthest"] = {pos: leads for pos, leads in found.items() if leads}
    for owner, found_moves in moved.items():
        tables[owner]["moved"] = found_moves
    for owner, by_step in pipelines.items():
        tables[owner]["pipeline"] = {
            step: (int(leads), int(valued), float(value))
            for step, (leads, valued, value) in sorted(by_step.items(), key=pipeline_order)
        }
    return dict(counts), dict(tables)


def pipeline_order(item: tuple[str, Any]) -> tuple[bool, str]:
    """A rep's pipeline steps in the order `team report --json` lists them: by name, the leads
    with no step ("none") last."""
    return item[0] == "none", item[0]


def with_days_per_step(tables: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The tables with `moved` as step -> (days, leads), the days exact sums as floats."""
    for found in tables.values():
        if "moved" in found:
            found["moved"] = {
                STEP_IDS[pos - 1]: (float(days), leads)
                for pos, (leads, days) in found["moved"].items()
                if leads
            }
    return tables
