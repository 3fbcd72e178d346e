"""Hub migration 10: the team report's per-lead figures and objections kept per rep and day.

A 50-rep team's report read all 100,000 rows of `desk_lead_facts` (migration 7) and a
quarter's 100,000 objections on every run. Triggers now keep, from each change to a lead's
row, what it adds to each figure, under the day the figure's period test reads:

- `desk_lead_counts`: per figure, bucket and owner, the leads counted: `created` and
  `contacted` by that day, `sla_met`, `sla_late` and `sla_open` (never contacted) by the SLA
  deadline's day, `open_last` (open leads) by the day they last logged anything, `open` (open
  leads) by their step ('' for none), `open_dated` (open leads with such a day) and `leads`
  (bucket ''). Only leads with a lead row count, as in the report.
- `desk_funnel_days`: per owner and the lead's latest day of its creation and its last
  logged day, the leads whose furthest step is each position (leads with a lead row) and, per
  position, the leads that moved on and their days (numeric, so sums stay exact).
- `desk_objection_days`: per rep, day and family ('' for none), the objections logged, by
  result.

For a lead whose row holds no stamp from a period's end on (an index finds the others), each
figure's test is the test of the day it is kept under: it counts in the funnel exactly when
that day is in the period, with the furthest step and days per step its row holds. So a
period is read from these sums, less what its few later leads (an SLA deadline next week, a
stamp from the future) add to them, plus those leads' figures from their rows; a period
with many later leads (a past quarter) reads the lead rows as before. A day is the stamp's
first ten characters, as the activity's roll-ups (migration 3) have it: for ISO stamps the
same test as the stamp's own.

Braces are doubled: the text goes through psycopg's `sql.SQL(...).format` like every migration.
"""

from __future__ import annotations

from salescoach.core.kernel.steps import STEP_IDS
from salescoach.hub.desk_funnel_schema import DAYS_COLUMNS
from salescoach.hub.desk_report_schema import STEP_POSITION

POSITIONS = range(1, len(STEP_IDS) + 1)
REACHED_COLUMNS = tuple(f"reached_{n}" for n in POSITIONS)
MOVED_COLUMNS = tuple(f"moved_{n}" for n in POSITIONS)
# Every stamp of a lead's row that a period's end is compared with.
LATEST = (
    "greatest(created_at, first_contact_at, sla_due, step_entered_at, first_day, last_day,"
    " last_step_at)"
)
ROLLUP_TABLES = ("desk_lead_counts", "desk_funnel_days", "desk_objection_days")

_TABLES = f"""
CREATE TABLE salescoach.desk_lead_counts (
    owner text NOT NULL,
    figure text NOT NULL,
    bucket text NOT NULL,  -- a day, or an open lead's step
    leads bigint NOT NULL,
    PRIMARY KEY (figure, bucket, owner)
);
CREATE TABLE salescoach.desk_funnel_days (
    owner text NOT NULL,
    day text NOT NULL,
{"".join(f"    {c} bigint NOT NULL,{chr(10)}" for c in REACHED_COLUMNS + MOVED_COLUMNS)}\
{"".join(f"    {c} numeric NOT NULL,{chr(10)}" for c in DAYS_COLUMNS)}\
    PRIMARY KEY (day, owner)
);
CREATE TABLE salescoach.desk_objection_days (
    owner text NOT NULL,
    day text NOT NULL,
    family text NOT NULL,
    resolved bigint NOT NULL,
    partly bigint NOT NULL,
    not_resolved bigint NOT NULL,
    unrecorded bigint NOT NULL,
    PRIMARY KEY (day, owner, family)
);
CREATE INDEX desk_lead_facts_latest ON salescoach.desk_lead_facts (({LATEST}));
CREATE INDEX desk_lead_facts_unsettled ON salescoach.desk_lead_facts (last_step_at);
-- `team plan`'s SLA leads, read from the index alone (it holds every column they need).
CREATE INDEX desk_lead_facts_sla ON salescoach.desk_lead_facts
    ((left(sla_due, 10)), name, gid) INCLUDE (owner, company, sla_due)
    WHERE status = 'open' AND owner IS NOT NULL AND first_contact_at IS NULL;
"""

# A lead's figures, each under the bucket its period test reads (null: not counted), from
# the fields they read (`g`: the leads grouped by those, so an import of 10,000 leads on one
# day works out a few hundred groups' figures, not 90,000 rows).
_FIELDS = {
    "status": "f.status",
    "step": "coalesce(f.step, '')",
    "created": "left(f.created_at, 10)",
    "contacted": "left(f.first_contact_at, 10)",
    "due": "left(f.sla_due, 10)",
    "last": "left(coalesce(f.last_interaction_at, f.created_at), 10)",
}
_FIGURES = """
    ('leads', CASE WHEN g.status IS NOT NULL THEN '' END),
    ('open', CASE WHEN g.status = 'open' THEN g.step END),
    ('open_dated', CASE WHEN g.status = 'open' AND g.last IS NOT NULL THEN '' END),
    ('open_last', CASE WHEN g.status = 'open' THEN g.last END),
    ('created', CASE WHEN g.status IS NOT NULL THEN g.created END),
    ('contacted', CASE WHEN g.status IS NOT NULL THEN g.contacted END),
    ('sla_met', CASE WHEN g.status IS NOT NULL AND g.contacted <= g.due THEN g.due END),
    ('sla_late', CASE WHEN g.status IS NOT NULL AND g.contacted > g.due THEN g.due END),
    ('sla_open', CASE WHEN g.status IS NOT NULL AND g.contacted IS NULL THEN g.due END)"""
_STEP = STEP_POSITION.format(column="f.step")
_FURTHEST = f"""greatest(1, coalesce(f.logged_pos, 0),
    CASE WHEN f.step_entered_at IS NOT NULL THEN {_STEP} ELSE 0 END)"""
_FUNNEL_DAY = "greatest(left(f.created_at, 10), f.last_day)"


def lead_counts(source: str, sign: int) -> str:
    """What the rows of `source` (as `f`) add to `desk_lead_counts`, times `sign`."""
    fields = ", ".join(f"{expression} AS {name}" for name, expression in _FIELDS.items())
    return f"""
SELECT g.owner, k.figure, k.bucket, {sign} * g.leads AS leads
  FROM (SELECT f.owner, {fields}, count(*) AS leads FROM {source} f
         WHERE f.owner IS NOT NULL GROUP BY {", ".join(map(str, range(1, len(_FIELDS) + 2)))}) g,
       LATERAL (VALUES {_FIGURES}) k(figure, bucket)
 WHERE k.bucket IS NOT NULL"""


def funnel_days(source: str, sign: int) -> str:
    """What the rows of `source` (as `f`) add to `desk_funnel_days`, times `sign`: grouped
    by each lead's furthest position first, so it is worked out once per lead."""
    reached = ", ".join(
        f"{sign} * coalesce(sum(leads) FILTER (WHERE known AND furthest = {n}), 0)"
        for n in POSITIONS
    )
    moved = ", ".join(f"{sign} * sum({c})" for c in MOVED_COLUMNS)
    days = ", ".join(f"{sign} * coalesce(sum({c}), 0)" for c in DAYS_COLUMNS)
    counts = ", ".join(
        f"count(f.{c}) AS {m}, sum(f.{c}) AS {c}"
        for c, m in zip(DAYS_COLUMNS, MOVED_COLUMNS, strict=True)
    )
    return f"""
SELECT owner, day, {reached}, {moved}, {days}
  FROM (SELECT f.owner, {_FUNNEL_DAY} AS day, f.status IS NOT NULL AS known,
               {_FURTHEST} AS furthest, count(*) AS leads, {counts}
          FROM {source} f WHERE f.owner IS NOT NULL AND {_FUNNEL_DAY} IS NOT NULL
         GROUP BY 1, 2, 3, 4) g
 GROUP BY owner, day"""


def _apply(parts: list[tuple[str, int]]) -> str:
    """Add (sign 1) or take away (sign -1) what the rows of each source contribute."""
    counts = " UNION ALL ".join(lead_counts(source, sign) for source, sign in parts)
    funnel = " UNION ALL ".join(funnel_days(source, sign) for source, sign in parts)
    sums = REACHED_COLUMNS + MOVED_COLUMNS + DAYS_COLUMNS
    return f"""
INSERT INTO salescoach.desk_lead_counts AS c (owner, figure, bucket, leads)
SELECT owner, figure, bucket, sum(leads) FROM ({counts}) d
 GROUP BY 1, 2, 3 HAVING sum(leads) <> 0 ORDER BY 2, 3, 1
ON CONFLICT (figure, bucket, owner) DO UPDATE SET leads = c.leads + EXCLUDED.leads;
INSERT INTO salescoach.desk_funnel_days AS c (owner, day, {", ".join(sums)})
SELECT owner, day, {", ".join(f"sum({c})" for c in sums)}
  FROM ({funnel}) d(owner, day, {", ".join(sums)})
 GROUP BY 1, 2 ORDER BY 2, 1
ON CONFLICT (day, owner) DO UPDATE SET {", ".join(f"{c} = c.{c} + EXCLUDED.{c}" for c in sums)};
"""


_OBJECTIONS = """
INSERT INTO salescoach.desk_objection_days AS c
       (owner, day, family, resolved, partly, not_resolved, unrecorded)
SELECT owner, left(at, 10), coalesce(objection, ''),
       count(*) FILTER (WHERE result = 'resolved'),
       count(*) FILTER (WHERE result = 'partly'),
       count(*) FILTER (WHERE result = 'not_resolved'),
       count(*) FILTER (WHERE result IS NULL
                          OR result NOT IN ('resolved', 'partly', 'not_resolved'))
  FROM {source}
 WHERE kind = 'objection' AND at IS NOT NULL GROUP BY 1, 2, 3 ORDER BY 2, 1, 3
ON CONFLICT (day, owner, family) DO UPDATE SET
    resolved = c.resolved + EXCLUDED.resolved, partly = c.partly + EXCLUDED.partly,
    not_resolved = c.not_resolved + EXCLUDED.not_resolved,
    unrecorded = c.unrecorded + EXCLUDED.unrecorded;
"""


def _trigger(name: str, table: str, event: str, transitions: str, body: str) -> str:
    return f"""
CREATE FUNCTION salescoach.{name}() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = salescoach, pg_temp AS $desk$
BEGIN
{body}
    RETURN NULL;
END
$desk$;
REVOKE ALL ON FUNCTION salescoach.{name}() FROM PUBLIC;
CREATE TRIGGER {name} AFTER {event} ON salescoach.{table}
    REFERENCING {transitions} FOR EACH STATEMENT EXECUTE FUNCTION salescoach.{name}();
"""


def migration() -> str:
    grants = "".join(
        f"REVOKE ALL ON salescoach.{t} FROM PUBLIC;\n"
        f"GRANT SELECT ON salescoach.{t} TO {{managers}};\n"
        for t in ROLLUP_TABLES
    )
    added = _apply([("new_rows", 1)])
    changed = _apply([("old_rows", -1), ("new_rows", 1)])
    return f"""{_TABLES}{grants}
{_trigger("lead_facts_added", "desk_lead_facts", "INSERT", "NEW TABLE AS new_rows", added)}
{
        _trigger(
            "lead_facts_changed",
            "desk_lead_facts",
            "UPDATE",
            "OLD TABLE AS old_rows NEW TABLE AS new_rows",
            changed,
        )
    }
{
        _trigger(
            "desk_apply_objection_days",
            "desk_interactions",
            "INSERT",
            "NEW TABLE AS new_rows",
            _OBJECTIONS.format(source="new_rows"),
        )
    }
{_apply([("salescoach.desk_lead_facts", 1)])}
{_OBJECTIONS.format(source="salescoach.desk_interactions")}
"""
