"""Hub migration 2: the manager's desk, the team's current state in typed tables.

The feed is the history; the desk tables are what it adds up to now, so that a report over
100,000 leads reads a few indexed tables instead of replaying millions of changes. One
statement trigger on the feed keeps them current from every row inserted (any session, any
path): records merge field by field (for each field the change with the greatest hlc wins,
so the order changes arrive in does not matter), events are kept once by gid. Each record
keeps its merged fields (`data`) and each field's winning clock (`clocks`); the typed columns
are generated from `data`. Clocks compare byte-wise (`COLLATE "C"`), as their text sorts.

The desk is the manager's: only the managers' group may read it, and nobody writes it but the
trigger (SECURITY DEFINER, owned by the hub's creator).

Braces are doubled: the text goes through psycopg's `sql.SQL(...).format` like every migration.
"""

from __future__ import annotations

_RECORD_TABLES = {
    "desk_leads": (
        "leads",
        """
    name text GENERATED ALWAYS AS (data ->> 'name') STORED,
    company text GENERATED ALWAYS AS (data ->> 'company') STORED,
    source text GENERATED ALWAYS AS (data ->> 'source') STORED,
    playbook text GENERATED ALWAYS AS (data ->> 'playbook') STORED,
    step text GENERATED ALWAYS AS (data ->> 'step') STORED,
    status text GENERATED ALWAYS AS (coalesce(data ->> 'status', 'open')) STORED,
    status_reason text GENERATED ALWAYS AS (data ->> 'status_reason') STORED,
    sla_due text GENERATED ALWAYS AS (data ->> 'sla_due') STORED,
    first_contact_at text GENERATED ALWAYS AS (data ->> 'first_contact_at') STORED,
    last_interaction_at text GENERATED ALWAYS AS (data ->> 'last_interaction_at') STORED,
    step_entered_at text GENERATED ALWAYS AS (data ->> 'step_entered_at') STORED,
    created_at text GENERATED ALWAYS AS (data ->> 'created_at') STORED,""",
    ),
    "desk_tasks": (
        "tasks",
        """
    title text GENERATED ALWAYS AS (data ->> 'title') STORED,
    due text GENERATED ALWAYS AS (data ->> 'due') STORED,
    status text GENERATED ALWAYS AS (coalesce(data ->> 'status', 'open')) STORED,""",
    ),
    "desk_goals": (
        "goals",
        """
    metric text GENERATED ALWAYS AS (data ->> 'metric') STORED,
    target numeric GENERATED ALWAYS AS ((data ->> 'target')::numeric) STORED,
    period text GENERATED ALWAYS AS (data ->> 'period') STORED,
    removed boolean GENERATED ALWAYS AS
        (coalesce((data ->> '_removed')::boolean, false)) STORED,""",
    ),
}
_EVENT_TABLES = {
    "desk_interactions": (
        "interactions",
        """
    at text GENERATED ALWAYS AS (data ->> 'at') STORED,
    step text GENERATED ALWAYS AS (data ->> 'step') STORED,
    channel text GENERATED ALWAYS AS (data ->> 'channel') STORED,
    kind text GENERATED ALWAYS AS (data ->> 'kind') STORED,
    objection text GENERATED ALWAYS AS (data ->> 'objection') STORED,
    result text GENERATED ALWAYS AS (data ->> 'result') STORED,""",
    ),
    "desk_training": (
        "training",
        """
    at text GENERATED ALWAYS AS (data ->> 'at') STORED,
    drill text GENERATED ALWAYS AS (data ->> 'drill') STORED,
    item text GENERATED ALWAYS AS (data ->> 'item') STORED,
    score numeric GENERATED ALWAYS AS ((data ->> 'score')::numeric) STORED,
    max_score numeric GENERATED ALWAYS AS ((data ->> 'max_score')::numeric) STORED,""",
    ),
}
_INDEXES = """
CREATE INDEX desk_leads_status ON salescoach.desk_leads (status, step);
CREATE INDEX desk_leads_sla ON salescoach.desk_leads (sla_due) WHERE sla_due IS NOT NULL;
CREATE INDEX desk_tasks_lead ON salescoach.desk_tasks (lead_gid);
CREATE INDEX desk_interactions_at ON salescoach.desk_interactions (at, owner);
CREATE INDEX desk_interactions_lead ON salescoach.desk_interactions (lead_gid, at);
CREATE INDEX desk_training_at ON salescoach.desk_training (at, owner);
"""


def _table(name: str, typed: str, *, record: bool) -> str:
    clocks = "    clocks jsonb NOT NULL," if record else "    hlc text NOT NULL,"
    return f"""
CREATE TABLE salescoach.{name} (
    gid text PRIMARY KEY,
    lead_gid text,
    owner text NOT NULL,
    data jsonb NOT NULL,
{clocks}{typed}
    CHECK (gid <> '')
);
REVOKE ALL ON salescoach.{name} FROM PUBLIC;
GRANT SELECT ON salescoach.{name} TO {{managers}};
"""


def _merge_record(name: str, tbl: str, source: str) -> str:
    # The batch's winner per (row, field), then per field the later of it and the stored one.
    later = f'h COLLATE "C" > coalesce({name}.clocks ->> k, \'\') COLLATE "C"'
    return f"""
WITH fields AS (
    SELECT DISTINCT ON (n.gid, e.key) n.gid, n.lead_gid, n.owner, e.key, e.value, n.hlc
      FROM {source} n, jsonb_each(n.fields) e
     WHERE n.tbl = '{tbl}'
     ORDER BY n.gid, e.key, n.hlc COLLATE "C" DESC
), merged AS (
    SELECT gid, min(lead_gid) AS lead_gid, min(owner) AS owner,
           jsonb_object_agg(key, value) AS data, jsonb_object_agg(key, hlc) AS clocks
      FROM fields GROUP BY gid
)
INSERT INTO salescoach.{name} AS {name} (gid, lead_gid, owner, data, clocks)
SELECT gid, lead_gid, owner, data, clocks FROM merged
ON CONFLICT (gid) DO UPDATE SET
    data = {name}.data || (SELECT coalesce(jsonb_object_agg(k, EXCLUDED.data -> k), '{{{{}}}}')
                             FROM jsonb_each_text(EXCLUDED.clocks) c(k, h) WHERE {later}),
    clocks = {name}.clocks || (SELECT coalesce(jsonb_object_agg(k, h), '{{{{}}}}')
                                 FROM jsonb_each_text(EXCLUDED.clocks) c(k, h) WHERE {later});
"""


def _add_event(name: str, tbl: str, source: str) -> str:
    return f"""
INSERT INTO salescoach.{name} (gid, lead_gid, owner, data, hlc)
SELECT DISTINCT ON (gid) gid, lead_gid, owner, fields, hlc FROM {source}
 WHERE tbl = '{tbl}' ORDER BY gid, hlc COLLATE "C"
ON CONFLICT (gid) DO NOTHING;
"""


def _apply_statements(source: str) -> str:
    parts = [_merge_record(name, tbl, source) for name, (tbl, _) in _RECORD_TABLES.items()]
    parts += [_add_event(name, tbl, source) for name, (tbl, _) in _EVENT_TABLES.items()]
    return "".join(parts)


def migration() -> str:
    tables = [_table(n, typed, record=True) for n, (_, typed) in _RECORD_TABLES.items()]
    tables += [_table(n, typed, record=False) for n, (_, typed) in _EVENT_TABLES.items()]
    apply = _apply_statements("new_rows")
    # The feed so far goes through the same statements as every later insert.
    backfill = _apply_statements("salescoach.feed")
    return f"""{"".join(tables)}{_INDEXES}
CREATE FUNCTION salescoach.desk_apply() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = salescoach, pg_temp AS $desk$
BEGIN
{apply}
    RETURN NULL;
END
$desk$;
REVOKE ALL ON FUNCTION salescoach.desk_apply() FROM PUBLIC;
CREATE TRIGGER feed_to_desk AFTER INSERT ON salescoach.feed
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION salescoach.desk_apply();
{backfill}
"""
