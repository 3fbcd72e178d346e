"""Hub migration 3: what the team report needs beyond migration 2's desk tables.

- `desk_answers`: the walk's recorded answers, merged field by field from the feed like the
  other record tables, with the `deal_value` answer as a number (`pipeline value by step`).
  Kept by a trigger of its own on the feed, so migration 2's trigger stays as it shipped.
- `desk_interactions.criteria_unmet`: on a `criteria` row, how many of the step's exit
  criteria that applied were not met (the playbook adherence figure), and `at_time`, the
  stamp as a timestamp (the funnel's days per step): each read once when the row arrives
  instead of parsed on every report.
- Indexes for the report's queries (each checked with EXPLAIN on a hub of 100,000 leads).

A rep's text is never trusted to be JSON or a stamp: the parsing functions return null for
anything that does not parse, so a malformed row can neither fail a push nor a report.
"""

from __future__ import annotations

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
        THEN salescoach.desk_criteria_unmet(data ->> 'detail_json') END) STORED,
    ADD COLUMN at_time timestamp GENERATED ALWAYS AS
        (salescoach.desk_stamp(data ->> 'at')) STORED;
"""

_INDEXES = """
CREATE INDEX desk_answers_deal_value ON salescoach.desk_answers (lead_gid) INCLUDE (deal_value)
    WHERE field = 'deal_value' AND deal_value IS NOT NULL AND NOT removed;
CREATE INDEX desk_interactions_kind ON salescoach.desk_interactions (kind, at)
    WHERE kind IN ('criteria', 'objection');
CREATE INDEX desk_interactions_decisive ON salescoach.desk_interactions (at)
    INCLUDE (lead_gid, owner, result) WHERE result IN ('won', 'lost', 'no_decision');
"""


def migration() -> str:
    merge = merge_record("desk_answers", "answers", "new_rows")
    backfill = merge_record("desk_answers", "answers", "salescoach.feed")
    return f"""{_FUNCTIONS}{table("desk_answers", _ANSWERS, record=True)}{_INTERACTIONS}{_INDEXES}
CREATE FUNCTION salescoach.desk_apply_answers() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = salescoach, pg_temp AS $desk$
BEGIN
{merge}
    RETURN NULL;
END
$desk$;
REVOKE ALL ON FUNCTION salescoach.desk_apply_answers() FROM PUBLIC;
CREATE TRIGGER feed_to_desk_answers AFTER INSERT ON salescoach.feed
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION salescoach.desk_apply_answers();
{backfill}
"""
