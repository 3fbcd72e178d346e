"""Hub migration 8: a quota the manager set is the manager's, whatever a rep's store says.

`team goal set` writes a goal record with no lead in the rep's name, pushed by a manager
(origin "hub"); the reps' write policy lets a rep add changes to any goal in their own name, so
a rep's store edited by hand could overwrite the manager's target on the hub. Now:

- `manager_goals` records, from the manager's first change of each, which goals a manager set
  (a statement trigger fills it, so no write path bypasses it; existing ones are back-filled);
- a restrictive policy refuses a rep's change to such a goal, and any change claiming the
  hub's origin ("hub"), which only manager sessions write.

The push sorts a rep's changes by the same rule (`REP_MAY_NOT_WRITE`, salescoach.hub.session),
so a refused change is parked in the rep's store, not a failed sync.

Braces are doubled: the text goes through psycopg's `sql.SQL(...).format` like every migration.
"""

from __future__ import annotations

_V9 = """
CREATE TABLE salescoach.manager_goals (gid text PRIMARY KEY, owner text NOT NULL);
REVOKE ALL ON salescoach.manager_goals FROM PUBLIC;
GRANT SELECT ON salescoach.manager_goals TO {managers}, {reps};
ALTER TABLE salescoach.manager_goals ENABLE ROW LEVEL SECURITY;
CREATE POLICY managers_read ON salescoach.manager_goals FOR SELECT TO {managers} USING (true);
CREATE POLICY reps_read_own ON salescoach.manager_goals FOR SELECT TO {reps}
    USING (owner = current_user::text);

CREATE FUNCTION salescoach.note_manager_goals() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = salescoach, pg_temp AS $quota$
BEGIN
    INSERT INTO salescoach.manager_goals (gid, owner)
    SELECT DISTINCT ON (gid) gid, owner FROM new_rows
     WHERE tbl = 'goals' AND origin = 'hub'
       AND pg_has_role(pushed_by, (SELECT value FROM salescoach.hub_info
                                    WHERE key = 'managers'), 'MEMBER')
     ORDER BY gid, hlc COLLATE "C"
    ON CONFLICT (gid) DO NOTHING;
    RETURN NULL;
END
$quota$;
REVOKE ALL ON FUNCTION salescoach.note_manager_goals() FROM PUBLIC;
CREATE TRIGGER feed_manager_goals AFTER INSERT ON salescoach.feed
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION salescoach.note_manager_goals();

INSERT INTO salescoach.manager_goals (gid, owner)
SELECT DISTINCT ON (gid) gid, owner FROM salescoach.feed
 WHERE tbl = 'goals' AND origin = 'hub'
   AND pg_has_role(pushed_by, (SELECT value FROM salescoach.hub_info
                                WHERE key = 'managers'), 'MEMBER')
 ORDER BY gid, hlc COLLATE "C"
ON CONFLICT (gid) DO NOTHING;

CREATE POLICY reps_never_write_the_managers ON salescoach.feed AS RESTRICTIVE
    FOR INSERT TO {reps} WITH CHECK (
    origin <> 'hub'
    AND NOT (tbl = 'goals' AND EXISTS (SELECT 1 FROM salescoach.manager_goals m
                                        WHERE m.gid = feed.gid))
);
"""

# The same rule, row by row, for the push's sorting of a rep's changes (salescoach.hub.session).
REP_MAY_NOT_WRITE = """(
    i.origin = 'hub'
    OR (i.tbl = 'goals' AND EXISTS (SELECT 1 FROM salescoach.manager_goals m
                                     WHERE m.gid = i.gid))
)"""


def migration() -> str:
    return _V9
