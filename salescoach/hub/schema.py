"""The hub's schema: numbered migrations, applied in order and never edited once shipped.

A new version of the schema is a new entry at the end of `MIGRATIONS`. Each runs in the
transaction that records it in `salescoach.migrations`, so a hub is always at one version.

Version 1 is the change feed with its access rules:

- `feed`: every row change any replica pushed, appended and never rewritten; read in the order
  of the transaction that wrote it (`xid`, xid8) then `seq`, and only below the oldest
  transaction still running (`pg_snapshot_xmin`), so a row that commits after a row written
  later is never skipped by a reader that already passed the later one.
- `lead_owners`: who owns each lead now, and the clock of the change that said so; row-level
  security keys on it, so a reassigned lead's rows follow their new owner.
- Two group roles per hub, named in `hub_info`: managers (read and write all) and reps (read
  and write the rows of their own leads, goals and training only). Row-level security is
  forced on both, so even their owner sees rows only as a manager.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from salescoach.hub import (
    coaching_schema,
    desk_funnel_schema,
    desk_period_schema,
    desk_plan_schema,
    desk_report_schema,
    desk_schema,
    desk_tuning,
    quota_guard,
)
from salescoach.hub.errors import HubSchemaTooNew, HubSchemaTooOld, NotAHub

SCHEMA = "salescoach"
KIND = "salescoach hub"

_V1 = """
CREATE SCHEMA salescoach;
REVOKE ALL ON SCHEMA salescoach FROM PUBLIC;
GRANT USAGE ON SCHEMA salescoach TO {managers}, {reps};

CREATE TABLE salescoach.migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE salescoach.hub_info (key text PRIMARY KEY, value text NOT NULL);

CREATE TABLE salescoach.lead_owners (
    lead_gid text PRIMARY KEY,
    owner text NOT NULL,
    owner_hlc text NOT NULL
);
CREATE INDEX lead_owners_owner ON salescoach.lead_owners (owner);

CREATE TABLE salescoach.feed (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
    tbl text NOT NULL CHECK (tbl IN
        ('leads', 'tasks', 'answers', 'sessions', 'goals', 'interactions', 'training')),
    gid text NOT NULL,
    lead_gid text,
    owner text NOT NULL,
    origin text NOT NULL,
    hlc text NOT NULL,
    fields jsonb NOT NULL,
    handed_from text,
    pushed_by text NOT NULL DEFAULT current_user,
    UNIQUE (tbl, gid, hlc),
    CHECK (tbl <> 'leads' OR lead_gid = gid)
);
CREATE INDEX feed_order ON salescoach.feed (xid, seq);
CREATE INDEX feed_lead ON salescoach.feed (lead_gid, xid, seq);
CREATE INDEX feed_unowned ON salescoach.feed (owner, xid, seq) WHERE lead_gid IS NULL;
CREATE INDEX feed_handed ON salescoach.feed (handed_from) WHERE handed_from IS NOT NULL;

GRANT SELECT ON salescoach.migrations, salescoach.hub_info TO {managers}, {reps};
GRANT SELECT, INSERT ON salescoach.feed TO {managers}, {reps};
GRANT SELECT, INSERT ON salescoach.lead_owners TO {reps};
GRANT SELECT, INSERT, UPDATE ON salescoach.lead_owners TO {managers};

-- Written only by their owner (the role that ran `team init`), in migrations; read by all.
ALTER TABLE salescoach.migrations ENABLE ROW LEVEL SECURITY;
CREATE POLICY everyone_reads ON salescoach.migrations FOR SELECT TO {managers}, {reps}
    USING (true);
ALTER TABLE salescoach.hub_info ENABLE ROW LEVEL SECURITY;
CREATE POLICY everyone_reads ON salescoach.hub_info FOR SELECT TO {managers}, {reps}
    USING (true);

ALTER TABLE salescoach.lead_owners ENABLE ROW LEVEL SECURITY;
ALTER TABLE salescoach.lead_owners FORCE ROW LEVEL SECURITY;
CREATE POLICY managers_all ON salescoach.lead_owners TO {managers} USING (true) WITH CHECK (true);
CREATE POLICY reps_read_own ON salescoach.lead_owners FOR SELECT TO {reps}
    USING (owner = current_user::text);
CREATE POLICY reps_claim_new ON salescoach.lead_owners FOR INSERT TO {reps}
    WITH CHECK (owner = current_user::text);

ALTER TABLE salescoach.feed ENABLE ROW LEVEL SECURITY;
ALTER TABLE salescoach.feed FORCE ROW LEVEL SECURITY;
CREATE POLICY managers_all ON salescoach.feed TO {managers} USING (true) WITH CHECK (true);
-- A rep reads the rows of the leads it owns now, its own goals and training, and the change
-- that handed one of its leads to another rep.
CREATE POLICY reps_read_own ON salescoach.feed FOR SELECT TO {reps} USING (
    (lead_gid IS NULL AND owner = current_user::text)
    OR EXISTS (SELECT 1 FROM salescoach.lead_owners o
               WHERE o.lead_gid = feed.lead_gid AND o.owner = current_user::text)
    OR handed_from = current_user::text
);
-- A rep writes only its own rows, of leads it owns now, and never gives a lead away.
CREATE POLICY reps_write_own ON salescoach.feed FOR INSERT TO {reps} WITH CHECK (
    owner = current_user::text
    AND pushed_by = current_user::text
    AND handed_from IS NULL
    AND NOT (fields ? 'owner' AND fields ->> 'owner' IS DISTINCT FROM current_user::text)
    AND (
        (lead_gid IS NULL AND tbl IN ('goals', 'training'))
        OR EXISTS (SELECT 1 FROM salescoach.lead_owners o
                   WHERE o.lead_gid = feed.lead_gid AND o.owner = current_user::text)
    )
);
"""

# (version, name, SQL). Append only: a shipped entry is never edited.
MIGRATIONS: tuple[tuple[int, str, str], ...] = (
    (1, "the change feed and its access rules", _V1),
    (2, "the manager's desk: the team's current state", desk_schema.migration()),
    (3, "the team report: answers and exit criteria", desk_report_schema.migration()),
    (4, "coaching: drill assignments and published playbooks", coaching_schema.migration()),
    (6, "the desk at a large team's size: a faster trigger, indexes", desk_tuning.migration()),
    (7, "the team report's funnel from one row per lead", desk_funnel_schema.migration()),
    (8, "a quota the manager set is the manager's", quota_guard.migration()),
    (10, "the team report's figures per rep and day", desk_period_schema.migration()),
    (11, "team plan's SLA lists in the plan's order", desk_plan_schema.migration()),
)
SCHEMA_VERSION = MIGRATIONS[-1][0]


def group_roles(database: str) -> tuple[str, str]:
    """The managers' and reps' group roles of a hub: roles belong to the whole server, so
    each hub's are named after its database."""
    return f"salescoach_{database}_managers"[:63], f"salescoach_{database}_reps"[:63]


def hub_version(connection: Any) -> int | None:
    """The hub's schema version; None when the database has no salescoach schema at all."""
    found = connection.execute(
        "SELECT to_regclass('salescoach.migrations') IS NOT NULL"
        " AND to_regclass('salescoach.hub_info') IS NOT NULL"
    ).fetchone()
    if not found[0]:
        return None
    kind = connection.execute("SELECT value FROM salescoach.hub_info WHERE key = 'kind'").fetchone()
    if kind is None or kind[0] != KIND:
        raise NotAHub("this database has a salescoach schema but is not a salescoach hub")
    version = connection.execute("SELECT max(version) FROM salescoach.migrations").fetchone()[0]
    return int(version or 0)


# The hub's kind and version in one round trip, JIT compiling turned off with them (a
# desk command's aggregates: seconds to compile, nothing saved).
_KIND_VERSION_JIT_OFF = """
SELECT (SELECT value FROM salescoach.hub_info WHERE key = 'kind'),
       (SELECT max(version) FROM salescoach.migrations), set_config('jit', 'off', false)
"""


def checked_jit_off(connection: Any, *, where: Callable[[], str]) -> None:
    """`check_version`, and JIT compiling off for the session, in one round trip on a hub of
    this salescoach's schema; a database that is not one is checked step by step, which says
    what it is (`where`: how the hub is named then)."""
    import psycopg

    try:
        found = connection.execute(_KIND_VERSION_JIT_OFF).fetchone()
    except psycopg.DatabaseError:
        found = None
    if found is None or found[0] != KIND or found[1] != SCHEMA_VERSION:
        check_version(connection, where=where())
        connection.execute("SET jit = off")


def check_version(connection: Any, *, where: str) -> None:
    """NotAHub, or the schema too old or too new for this salescoach."""
    version = hub_version(connection)
    if version is None:
        raise NotAHub(
            f"{where} is not a salescoach hub; nothing was changed",
            hint="check the database name; a manager creates a hub with `salescoach team init URL`",
        )
    if version < SCHEMA_VERSION:
        raise HubSchemaTooOld(
            f"the hub's schema is version {version}, older than this salescoach's "
            f"({SCHEMA_VERSION}); nothing was changed",
            hint="the manager upgrades it with `salescoach team init URL --upgrade`",
        )
    if version > SCHEMA_VERSION:
        raise HubSchemaTooNew(
            f"the hub's schema is version {version}, newer than this salescoach's "
            f"({SCHEMA_VERSION}); nothing was changed",
            hint="upgrade salescoach (pip install -U 'salescoach[team]')",
        )


def migrate(connection: Any, *, start: int) -> int:
    """Apply every migration after `start`, each in its own transaction; the new version."""
    from psycopg import sql

    managers, reps = _group_roles_of(connection, start)
    names = {"managers": sql.Identifier(managers), "reps": sql.Identifier(reps)}
    for version, name, text in MIGRATIONS:
        if version <= start:
            continue
        with connection.transaction():
            connection.execute(sql.SQL(text).format(**names))
            if version == 1:
                connection.execute(
                    "INSERT INTO salescoach.hub_info VALUES ('kind', %s),"
                    " ('managers', %s), ('reps', %s)",
                    (KIND, managers, reps),
                )
            connection.execute(
                "INSERT INTO salescoach.migrations (version, name) VALUES (%s, %s)",
                (version, name),
            )
    return SCHEMA_VERSION


def _group_roles_of(connection: Any, start: int) -> tuple[str, str]:
    if start == 0:
        database = connection.execute("SELECT current_database()").fetchone()[0]
        return group_roles(database)
    return hub_roles(connection)


def hub_roles(connection: Any) -> tuple[str, str]:
    rows = dict(
        connection.execute(
            "SELECT key, value FROM salescoach.hub_info WHERE key IN ('managers', 'reps')"
        ).fetchall()
    )
    return rows["managers"], rows["reps"]
