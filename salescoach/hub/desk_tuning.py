"""Hub migration 6: the desk at the size of a 50-rep team (100,000 leads, 2,000,000 calls).

- The desk trigger merges the same way (salescoach.hub.desk_schema) but a record changed once
  in the batch (every lead of an import) is taken whole, not split into its fields, sorted
  and put back together; and every sort and grouping compares bytes (`COLLATE "C"`), not the
  database's language collation (10,000 imported leads: 0.4 s instead of 2.6 s).
- `team import` looks up the file's duplicate keys (a lead's e-mail; its name and company,
  lower case) in two indexes instead of reading every lead.

Braces are doubled: the text goes through psycopg's `sql.SQL(...).format` like every migration.
"""

from __future__ import annotations

from salescoach.hub.desk_schema import _EVENT_TABLES, _RECORD_TABLES

_INDEXES = """
CREATE INDEX desk_leads_email_key ON salescoach.desk_leads (lower(data ->> 'email'));
CREATE INDEX desk_leads_name_key ON salescoach.desk_leads
    ((lower(name) || '|' || lower(coalesce(company, ''))));
"""


def _merge_record(name: str, tbl: str, source: str) -> str:
    # As desk_schema's: per (row, field) the batch's latest, then the later of it and the
    # stored one. A row with no fields merges nothing, whichever way it goes.
    later = f'h COLLATE "C" > coalesce({name}.clocks ->> k, \'\') COLLATE "C"'
    return f"""
WITH batch AS (
    SELECT n.gid COLLATE "C" AS gid, n.lead_gid, n.owner, n.fields, n.hlc,
           count(*) OVER (PARTITION BY n.gid COLLATE "C") AS changes
      FROM {source} n
     WHERE n.tbl = '{tbl}'
), fields AS (
    SELECT DISTINCT ON (b.gid, e.key COLLATE "C") b.gid, b.lead_gid, b.owner, e.key, e.value,
           b.hlc
      FROM batch b, jsonb_each(b.fields) e
     WHERE b.changes > 1
     ORDER BY b.gid, e.key COLLATE "C", b.hlc COLLATE "C" DESC
), merged AS (
    SELECT gid, min(lead_gid) AS lead_gid, min(owner) AS owner,
           jsonb_object_agg(key, value) AS data, jsonb_object_agg(key, hlc) AS clocks
      FROM fields GROUP BY gid
    UNION ALL
    SELECT gid, lead_gid, owner, fields,
           (SELECT jsonb_object_agg(k, hlc) FROM jsonb_object_keys(fields) k)
      FROM batch
     WHERE changes = 1 AND fields <> '{{{{}}}}'::jsonb
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
SELECT DISTINCT ON (gid COLLATE "C") gid, lead_gid, owner, fields, hlc FROM {source}
 WHERE tbl = '{tbl}' ORDER BY gid COLLATE "C", hlc COLLATE "C"
ON CONFLICT (gid) DO NOTHING;
"""


def migration() -> str:
    parts = [_merge_record(name, tbl, "new_rows") for name, (tbl, _) in _RECORD_TABLES.items()]
    parts += [_add_event(name, tbl, "new_rows") for name, (tbl, _) in _EVENT_TABLES.items()]
    return f"""{_INDEXES}
CREATE OR REPLACE FUNCTION salescoach.desk_apply() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = salescoach, pg_temp AS $desk$
BEGIN
{"".join(parts)}
    RETURN NULL;
END
$desk$;
"""
