"""Hub migration 3: what the team report needs beyond migration 2's desk tables.

- `desk_answers`: the walk's recorded answers, merged field by field from the feed like the
  other record tables, with the `deal_value` answer as a number (`pipeline value by step`).
  Kept by a trigger of its own on the feed, so migration 2's trigger stays as it shipped.
- `desk_interactions.criteria_unmet`: on a `criteria` row, how many of the step's exit
  criteria that applied were not met (the playbook adherence figure), read once when the row
  arrives instead of parsed on every report.
- Roll-ups kept from each new interaction by a trigger on `desk_interactions`: lead-days and
  rows per rep, day and channel, and when each lead first reached each step (the funnel).
- Indexes for the report's queries (each checked with EXPLAIN on a hub of 100,000 leads).

A rep's text is never trusted to be JSON or a stamp: the parsing functions return null for
anything that does not parse, so a malformed row can neither fail a push nor a report.
"""

from __future__ import annotations

from salescoach.core.kernel.steps import STEP_IDS

# Migration 2's builders, so the answers merge exactly as the other record tables do.
from salescoach.hub.desk_schema import _merge_record as merge_record
from salescoach.hub.desk_schema import _table as table

_ANSWERS = """
    field text GENERATED ALWAYS AS (data ->> 'field') STORED,
    deal_value numeric GENERATED ALWAYS AS (CASE WHEN data ->> 'field' = 'deal_value'
        THEN salescoach.desk_number(data ->> 'value_json') END) STORED,
    removed boolean GENERATED ALWAYS AS
        (coalesce(data ->> '_removed', '') = 'true') STORED,"""

_FUNCTIONS = """
CREATE FUNCTION salescoach.desk_json(value text) RETURNS jsonb
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $f$
BEGIN
    RETURN value::jsonb;
EXCEPTION WHEN others THEN
    RETURN NULL;
END
$f$;
-- A stamp as a timestamp, for the days between two of them (the offset, if any, is ignored:
-- stamps are the rep's local time); null when the text is no stamp.
CREATE FUNCTION salescoach.desk_stamp(value text) RETURNS timestamp
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE SET datestyle = 'ISO, YMD' AS $f$
BEGIN
    RETURN value::timestamp;
EXCEPTION WHEN others THEN
    RETURN NULL;
END
$f$;
CREATE FUNCTION salescoach.desk_number(value text) RETURNS numeric
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $f$
    SELECT CASE WHEN jsonb_typeof(j) = 'number' THEN (j #>> '{{}}')::numeric END
      FROM salescoach.desk_json(value) j
$f$;
-- Criteria that applied (`applies` missing in older rows: it applied) and were not met.
CREATE FUNCTION salescoach.desk_criteria_unmet(detail text) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $f$
    SELECT CASE WHEN jsonb_typeof(d -> 'criteria') = 'array' THEN
        (SELECT count(*)::integer FROM jsonb_array_elements(d -> 'criteria') c
          WHERE jsonb_typeof(c) = 'object'
            AND (c -> 'applies') IS DISTINCT FROM 'false'::jsonb
            AND (c -> 'met') IS DISTINCT FROM 'true'::jsonb) END
      FROM salescoach.desk_json(detail) d
$f$;
"""

_INTERACTIONS = """
ALTER TABLE salescoach.desk_interactions
    ADD COLUMN criteria_unmet integer GENERATED ALWAYS AS (CASE WHEN data ->> 'kind' = 'criteria'
        THEN salescoach.desk_criteria_unmet(data ->> 'detail_json') END) STORED;
"""

# Kept from each new interaction, so that a quarter's report sums a few thousand rows instead
# of a million: who logged what on which day (its calls are lead-days: a lead's first row of
# the day on a channel adds one), and when each lead first reached each step.
_ROLLUPS = """
CREATE TABLE salescoach.desk_lead_days (
    day text NOT NULL,
    lead_gid text NOT NULL,
    owner text NOT NULL,
    channel text NOT NULL,  -- '' for none
    PRIMARY KEY (day, lead_gid, owner, channel)
);
CREATE TABLE salescoach.desk_day_counts (
    owner text NOT NULL,
    day text NOT NULL,
    channel text NOT NULL,
    lead_days integer NOT NULL,
    interactions integer NOT NULL,
    PRIMARY KEY (owner, day, channel)
);
CREATE TABLE salescoach.desk_lead_steps (
    lead_gid text NOT NULL,
    step text NOT NULL,
    first_at text NOT NULL,
    first_time timestamp,  -- first_at read as a time; null when it is no stamp
    -- The lead's next step first reached after this one (by time, then playbook order, among
    -- its known steps with a time), so the funnel's days per step need no sort per report.
    next_at text,
    next_time timestamp,
    PRIMARY KEY (lead_gid, step)
);
CREATE TABLE salescoach.desk_lead_spans (
    lead_gid text PRIMARY KEY,
    first_day text NOT NULL,
    last_day text NOT NULL
);
"""
ROLLUP_TABLES = ("desk_lead_days", "desk_day_counts", "desk_lead_steps", "desk_lead_spans")
STEP_POSITION = (
    "CASE {column} "
    + " ".join(f"WHEN '{step}' THEN {pos}" for pos, step in enumerate(STEP_IDS, 1))
    + " ELSE 0 END"
)


def _rollup_statements(source: str) -> str:
    # Rows first, then the lead-days the new rows add: two statements, each keyed on the
    # table's primary key, so no join between the batch's groups is ever planned.
    return f"""
INSERT INTO salescoach.desk_day_counts AS c (owner, day, channel, lead_days, interactions)
SELECT owner, left(at, 10), coalesce(channel, ''), 0, count(*) FROM {source}
 WHERE at IS NOT NULL GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
ON CONFLICT (owner, day, channel) DO UPDATE SET
    interactions = c.interactions + EXCLUDED.interactions;
WITH fresh AS (
    INSERT INTO salescoach.desk_lead_days (day, lead_gid, owner, channel)
    SELECT DISTINCT left(at, 10), lead_gid, owner, coalesce(channel, '') FROM {source}
     WHERE at IS NOT NULL AND lead_gid IS NOT NULL ORDER BY 1, 2, 3, 4
    ON CONFLICT DO NOTHING
    RETURNING owner, day, channel
)
UPDATE salescoach.desk_day_counts c SET lead_days = c.lead_days + f.n
  FROM (SELECT owner, day, channel, count(*) AS n FROM fresh GROUP BY 1, 2, 3) f
 WHERE c.owner = f.owner AND c.day = f.day AND c.channel = f.channel;
INSERT INTO salescoach.desk_lead_steps AS s (lead_gid, step, first_at, first_time)
SELECT lead_gid, step, first_at, salescoach.desk_stamp(first_at)
  FROM (SELECT lead_gid, step, min(at) AS first_at FROM {source}
         WHERE lead_gid IS NOT NULL AND step IS NOT NULL AND at IS NOT NULL
         GROUP BY 1, 2) f ORDER BY 1, 2
ON CONFLICT (lead_gid, step) DO UPDATE SET
    first_at = EXCLUDED.first_at, first_time = EXCLUDED.first_time
    WHERE EXCLUDED.first_at < s.first_at;
WITH reached AS (  -- the lead-steps this batch first reached (or reached earlier)
    SELECT DISTINCT s.lead_gid FROM salescoach.desk_lead_steps s
      JOIN (SELECT lead_gid, step, min(at) AS first_at FROM {source}
             WHERE lead_gid IS NOT NULL AND step IS NOT NULL AND at IS NOT NULL
             GROUP BY 1, 2) f ON f.lead_gid = s.lead_gid AND f.step = s.step
     WHERE s.first_at = f.first_at
), ordered AS (
    SELECT s.lead_gid, s.step, lead(s.first_at) OVER w AS next_at,
           lead(s.first_time) OVER w AS next_time
      FROM salescoach.desk_lead_steps s JOIN reached r ON r.lead_gid = s.lead_gid
     WHERE s.first_time IS NOT NULL AND {STEP_POSITION.format(column="s.step")} > 0
    WINDOW w AS (PARTITION BY s.lead_gid
                 ORDER BY s.first_time, {STEP_POSITION.format(column="s.step")})
)
UPDATE salescoach.desk_lead_steps s SET next_at = o.next_at, next_time = o.next_time
  FROM ordered o
 WHERE s.lead_gid = o.lead_gid AND s.step = o.step
   AND (s.next_at, s.next_time) IS DISTINCT FROM (o.next_at, o.next_time);
INSERT INTO salescoach.desk_lead_spans AS s (lead_gid, first_day, last_day)
SELECT lead_gid, min(left(at, 10)), max(left(at, 10)) FROM {source}
 WHERE at IS NOT NULL AND lead_gid IS NOT NULL GROUP BY 1 ORDER BY 1
ON CONFLICT (lead_gid) DO UPDATE SET
    first_day = least(s.first_day, EXCLUDED.first_day),
    last_day = greatest(s.last_day, EXCLUDED.last_day)
    WHERE EXCLUDED.first_day < s.first_day OR EXCLUDED.last_day > s.last_day;
"""


_INDEXES = """
CREATE INDEX desk_answers_deal_value ON salescoach.desk_answers (lead_gid) INCLUDE (deal_value)
    WHERE field = 'deal_value' AND deal_value IS NOT NULL AND NOT removed;
-- Covering: the objections and exit criteria of a period are read from the index alone.
CREATE INDEX desk_interactions_kind ON salescoach.desk_interactions (kind, at)
    INCLUDE (owner, lead_gid, step, objection, result, criteria_unmet, gid)
    WHERE kind IN ('criteria', 'objection');
CREATE INDEX desk_interactions_decisive ON salescoach.desk_interactions (at)
    INCLUDE (lead_gid, owner, result, gid) WHERE result IN ('won', 'lost', 'no_decision');
"""


def _trigger(name: str, table: str, body: str) -> str:
    return f"""
CREATE FUNCTION salescoach.{name}() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = salescoach, pg_temp AS $desk$
BEGIN
{body}
    RETURN NULL;
END
$desk$;
REVOKE ALL ON FUNCTION salescoach.{name}() FROM PUBLIC;
CREATE TRIGGER {name} AFTER INSERT ON salescoach.{table}
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION salescoach.{name}();
"""


def migration() -> str:
    grants = "".join(
        f"REVOKE ALL ON salescoach.{t} FROM PUBLIC;\n"
        f"GRANT SELECT ON salescoach.{t} TO {{managers}};\n"
        for t in ROLLUP_TABLES
    )
    return f"""{_FUNCTIONS}{table("desk_answers", _ANSWERS, record=True)}{_INTERACTIONS}
{_ROLLUPS}{grants}{_INDEXES}
{_trigger("desk_apply_answers", "feed", merge_record("desk_answers", "answers", "new_rows"))}
{_trigger("desk_apply_rollups", "desk_interactions", _rollup_statements("new_rows"))}
{merge_record("desk_answers", "answers", "salescoach.feed")}
{_rollup_statements("salescoach.desk_interactions")}
"""
