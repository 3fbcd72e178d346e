"""Hub migration 4: coaching through the hub, drill assignments and published playbooks.

Both are record tables of the feed with no lead (`lead_gid` NULL), written first by a manager:

- `assignments`: one per drill the manager assigned to a rep (the change's `owner`). The
  reps' read policy already lets a rep read rows with no lead in their own name. A rep may
  add a change to an assignment only when a manager made it for them, and only of its outcome
  fields (`ASSIGNMENT_OUTCOME` of salescoach.core.sync.changes): `assignment_owners` records,
  from the manager's first change of each, whom it is for (a statement trigger fills it, so no
  write path bypasses it); the policy checks it before the row is stored.
- `playbooks`: one record per published version; every rep reads them all, no rep writes
  one (the reps' write policies name neither table). A name's versions are numbered by the
  hub: each is unique in the feed (`feed_playbook_version`), and publishing takes the next
  number under a lock (salescoach.hub.coaching_writes).

Braces are doubled: the text goes through psycopg's `sql.SQL(...).format` like every migration.
"""

from __future__ import annotations

from salescoach.core.sync.changes import ASSIGNMENT_OUTCOME

_OUTCOME = ", ".join(f"'{name}'" for name in ASSIGNMENT_OUTCOME)
# Written out, not derived: a shipped migration's text never changes.
_TABLES = (
    "'leads', 'tasks', 'answers', 'sessions', 'goals', 'interactions', 'training', "
    "'assignments', 'playbooks'"
)

_V4 = f"""
ALTER TABLE salescoach.feed DROP CONSTRAINT feed_tbl_check;
-- NOT VALID: every row already held passed the narrower check; new rows are checked.
ALTER TABLE salescoach.feed ADD CONSTRAINT feed_tbl_check CHECK (tbl IN ({_TABLES})) NOT VALID;
-- By text: a malformed version pushed from some store must not fail the whole push.
CREATE UNIQUE INDEX feed_playbook_version ON salescoach.feed
    ((fields ->> 'name'), (fields ->> 'version'))
    WHERE tbl = 'playbooks' AND fields ? 'version';
CREATE INDEX feed_coaching ON salescoach.feed (tbl, gid)
    WHERE tbl IN ('assignments', 'playbooks', 'sessions');

CREATE TABLE salescoach.assignment_owners (gid text PRIMARY KEY, owner text NOT NULL);
REVOKE ALL ON salescoach.assignment_owners FROM PUBLIC;
GRANT SELECT ON salescoach.assignment_owners TO {{managers}}, {{reps}};
ALTER TABLE salescoach.assignment_owners ENABLE ROW LEVEL SECURITY;
CREATE POLICY managers_read ON salescoach.assignment_owners FOR SELECT TO {{managers}}
    USING (true);
CREATE POLICY reps_read_own ON salescoach.assignment_owners FOR SELECT TO {{reps}}
    USING (owner = current_user::text);

CREATE FUNCTION salescoach.note_assignments() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = salescoach, pg_temp AS $coach$
BEGIN
    INSERT INTO salescoach.assignment_owners (gid, owner)
    SELECT DISTINCT ON (gid) gid, owner FROM new_rows WHERE tbl = 'assignments'
     ORDER BY gid, hlc COLLATE "C"
    ON CONFLICT (gid) DO NOTHING;
    RETURN NULL;
END
$coach$;
REVOKE ALL ON FUNCTION salescoach.note_assignments() FROM PUBLIC;
CREATE TRIGGER feed_assignments AFTER INSERT ON salescoach.feed
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION salescoach.note_assignments();

CREATE POLICY reps_read_playbooks ON salescoach.feed FOR SELECT TO {{reps}}
    USING (tbl = 'playbooks');
-- A rep reports a drill done: only the outcome fields, of an assignment made for them.
CREATE POLICY reps_do_assignments ON salescoach.feed FOR INSERT TO {{reps}} WITH CHECK (
    tbl = 'assignments'
    AND lead_gid IS NULL
    AND owner = current_user::text
    AND pushed_by = current_user::text
    AND handed_from IS NULL
    AND (fields - ARRAY[{_OUTCOME}]) = '{{{{}}}}'::jsonb
    AND EXISTS (SELECT 1 FROM salescoach.assignment_owners a
                WHERE a.gid = feed.gid AND a.owner = current_user::text)
);
"""

# The same rule, row by row, for the push's sorting of a rep's changes (salescoach.hub.session).
REP_MAY_DO_ASSIGNMENT = f"""(
    i.tbl = 'assignments' AND i.lead_gid IS NULL
    AND (i.fields - ARRAY[{_OUTCOME}]) = '{{}}'::jsonb
    AND EXISTS (SELECT 1 FROM salescoach.assignment_owners a
                WHERE a.gid = i.gid AND a.owner = current_user::text)
)"""


def migration() -> str:
    return _V4
