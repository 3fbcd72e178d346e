"""The sync migration's SQL: global ids, the outbox and the triggers that fill it.

The synced tables keep their columns exactly: a row's gid and origin are in `sync_ids`
beside it (tools that insert by position, exports and CSV files see the tables as before).

Written with SQLite's built-in functions only, so that every write is captured whoever makes
it: salescoach's own code, a test writing with plain sqlite3, an older tool. A trigger on
every synced table records, in `sync_outbox`, which row changed and which of its columns; the
sync stamps and pushes them later. While the sync applies what it pulled it sets
`sync_state.applying` inside its own transaction, so pulled rows are not sent back (no other
connection can see the flag set: it is cleared before that transaction commits).

A migration that adds a column to a synced table recreates that table's update trigger with
`update_trigger(table, columns)`, so the new column is captured too; one that adds a synced
table gives it the three triggers (`capture(table)`). `M005_*` are the columns as M005 knew
them (it must create the same triggers on every store, whenever it runs); `RECORD_COLUMNS`
and `EVENT_COLUMNS` are today's.
"""

from __future__ import annotations

# The columns each synced table's changes carry (ids and the sync's own columns aside).
M005_RECORD_COLUMNS: dict[str, tuple[str, ...]] = {
    "leads": (
        "name", "company", "email", "phone", "source", "temperature", "playbook", "owner",
        "step", "status", "status_reason", "sla_due", "first_contact_at",
        "last_interaction_at", "step_entered_at", "created_at", "updated_at", "mobile",
        "job_title", "crm_vendor", "crm_id", "origin",
    ),
    "sessions": (
        "lead_id", "playbook", "status", "state_json", "started_at", "updated_at", "finished_at",
    ),
    "tasks": (
        "lead_id", "title", "due", "channel", "priority", "status", "cadence", "dedupe_key",
        "stop_on_reply", "note", "reason", "session_id", "created_at", "updated_at",
        "closed_at", "due_time",
    ),
    "answers": ("lead_id", "field", "value_json", "step", "question", "updated_at"),
    "goals": ("metric", "target", "period", "created_at"),
}  # fmt: skip
M005_EVENT_COLUMNS: dict[str, tuple[str, ...]] = {
    "interactions": (
        "lead_id", "at", "step", "channel", "kind", "text", "objection", "result",
        "duration_minutes", "detail_json", "session_id",
    ),
    "training": ("at", "drill", "item", "score", "max_score", "detail_json"),
}  # fmt: skip
# M006: the manager's drill assignments and published playbook versions; the playbook
# version a walk ran.
M006_RECORD_COLUMNS: dict[str, tuple[str, ...]] = {
    "sessions": (*M005_RECORD_COLUMNS["sessions"], "playbook_version"),
    "assignments": (
        "rep", "drill", "target", "playbook", "due", "assigned_at", "status", "done_at",
        "score", "max_score", "result",
    ),
    "playbooks": ("name", "version", "yaml", "published_at", "published_by"),
}  # fmt: skip
RECORD_COLUMNS: dict[str, tuple[str, ...]] = {**M005_RECORD_COLUMNS, **M006_RECORD_COLUMNS}
EVENT_COLUMNS: dict[str, tuple[str, ...]] = dict(M005_EVENT_COLUMNS)
SYNCED = (*RECORD_COLUMNS, *EVENT_COLUMNS)

# The gids M005 and M006 gave: version 4 UUIDs from SQLite's own random source.
M005_NEW_GID = (
    "lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || "
    "substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) "
    "|| substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))"
)
# Wall-clock milliseconds since the epoch, as SQLite reads the clock (the same value for
# every call within one statement's step).
NOW_MS = "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)"


def gid_v7(ms: str) -> str:
    """SQL for a version 7 UUID (RFC 9562: 48-bit Unix milliseconds `ms`, the version, 74
    random bits around the variant), lowercase 8-4-4-4-12 like a version 4's. Gids minted
    later sort after earlier ones, so a new row's lands at the right edge of `sync_ids`'
    key instead of on a random page of a big index."""
    return (
        f"printf('%08x-%04x', ({ms}) >> 16, ({ms}) & 65535) || '-7' || "
        "substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) "
        "|| substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))"
    )


# Since M013: time-ordered gids.
NEW_GID = gid_v7(NOW_MS)
_CAPTURING = "(SELECT applying FROM sync_state) = 0"
WHOLE_ROW = "*"


def insert_trigger(table: str, new_gid: str = NEW_GID) -> str:
    return f"""
CREATE TRIGGER sync_{table}_insert AFTER INSERT ON {table} WHEN {_CAPTURING}
BEGIN
    INSERT INTO sync_ids (tbl, gid, row) VALUES ('{table}', {new_gid}, NEW.rowid);
    INSERT INTO sync_outbox (tbl, row, fields, at) VALUES ('{table}', NEW.rowid, '*', {NOW_MS});
END;
"""


def update_trigger(table: str, columns: tuple[str, ...]) -> str:
    changed = ", ".join(f"CASE WHEN NEW.{c} IS NOT OLD.{c} THEN '{c}' END" for c in columns)
    return f"""
DROP TRIGGER IF EXISTS sync_{table}_update;
CREATE TRIGGER sync_{table}_update AFTER UPDATE OF {", ".join(columns)} ON {table}
WHEN {_CAPTURING}
BEGIN
    INSERT INTO sync_outbox (tbl, row, fields, at)
    SELECT '{table}', NEW.rowid, json_group_array(value), {NOW_MS}
    FROM json_each(json_array({changed})) WHERE type != 'null' HAVING count(*) > 0;
END;
"""


def delete_trigger(table: str) -> str:
    # Only goals are deleted by salescoach (`goal remove`); the removal travels as a tombstone.
    return f"""
CREATE TRIGGER sync_{table}_delete AFTER DELETE ON {table} WHEN {_CAPTURING}
BEGIN
    INSERT INTO sync_outbox (tbl, row, gid, fields, at)
    SELECT '{table}', OLD.rowid, gid, '["_removed"]', {NOW_MS}
    FROM sync_ids WHERE tbl = '{table}' AND row = OLD.rowid AND alias = 0;
    DELETE FROM sync_ids WHERE tbl = '{table}' AND row = OLD.rowid;
    DELETE FROM sync_clock WHERE tbl = '{table}' AND row = OLD.rowid;
END;
"""


def _identity(table: str) -> str:
    return f"""
INSERT INTO sync_ids (tbl, gid, row) SELECT '{table}', {M005_NEW_GID}, rowid FROM {table};
INSERT INTO sync_outbox (tbl, row, fields, at) SELECT '{table}', rowid, '*', {NOW_MS} FROM {table};
"""


def missing_identities() -> list[str]:
    """Statements giving every synced row without a gid one, and its whole row to push (a
    restore from an export that carried no sync identity)."""
    statements = []
    for table in SYNCED:
        lacking = (
            f"FROM {table} WHERE NOT EXISTS (SELECT 1 FROM sync_ids s "
            f"WHERE s.tbl = '{table}' AND s.row = {table}.rowid)"
        )
        statements.append(
            f"INSERT INTO sync_outbox (tbl, row, fields, at) "
            f"SELECT '{table}', rowid, '*', {NOW_MS} {lacking}"
        )
        statements.append(
            f"INSERT INTO sync_ids (tbl, gid, row) SELECT '{table}', {NEW_GID}, rowid {lacking}"
        )
    return statements


_TABLES = """
-- One row: the clock's last stamp, where the pull resumes, the last sync, the capture switch.
CREATE TABLE sync_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    applying INTEGER NOT NULL DEFAULT 0,
    clock TEXT,
    cursor TEXT,
    last_sync_at TEXT
);
INSERT INTO sync_state (id) VALUES (1);
-- Local changes not yet on the hub: which row, which columns ('*': all), when (wall ms), and
-- the stamp once given. Refused ones (the hub said no) stay, marked, with the change as it
-- was pushed (`kept`, JSON), and are reported.
CREATE TABLE sync_outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    tbl TEXT NOT NULL,
    row INTEGER NOT NULL,
    gid TEXT,
    fields TEXT NOT NULL,
    at INTEGER NOT NULL,
    hlc TEXT,
    refused INTEGER NOT NULL DEFAULT 0,
    kept TEXT
);
CREATE INDEX sync_outbox_row ON sync_outbox (tbl, row);
CREATE INDEX sync_outbox_hlc ON sync_outbox (refused, hlc);
-- The stamp that wrote each field of each record (records merge field by field).
CREATE TABLE sync_clock (
    tbl TEXT NOT NULL,
    row INTEGER NOT NULL,
    field TEXT NOT NULL,
    hlc TEXT NOT NULL,
    PRIMARY KEY (tbl, row, field)
);
-- Every synced row's global id and origin (NULL: made here). `alias` 1: a second gid of the
-- row (the same answer or goal made on two replicas at once, merged into one row).
CREATE TABLE sync_ids (
    tbl TEXT NOT NULL,
    gid TEXT NOT NULL,
    row INTEGER NOT NULL,
    origin TEXT,
    alias INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (tbl, gid)
);
CREATE INDEX sync_ids_row ON sync_ids (tbl, row);
-- Pulled changes that cannot be applied yet (their lead has not arrived): kept, retried.
CREATE TABLE sync_parked (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    tbl TEXT NOT NULL,
    gid TEXT NOT NULL,
    change_json TEXT NOT NULL
);
"""


def migration() -> str:
    parts = [_TABLES]
    for table in (*M005_RECORD_COLUMNS, *M005_EVENT_COLUMNS):
        parts.append(_identity(table))
        parts.append(insert_trigger(table, M005_NEW_GID))
    for table, columns in M005_RECORD_COLUMNS.items():
        parts.append(update_trigger(table, columns))
        parts.append(delete_trigger(table))
    return "".join(parts)


def capture(table: str, new_gid: str = NEW_GID) -> str:
    """The triggers of a record table added after M005 (it starts empty: no identities)."""
    return (
        insert_trigger(table, new_gid)
        + update_trigger(table, RECORD_COLUMNS[table])
        + (delete_trigger(table))
    )


def time_ordered_gids() -> str:
    """M013: every synced table's insert trigger again, minting version 7 gids (`NEW_GID`).
    The gids already given stay: the hub and the other replicas know the rows by them."""
    return "".join(f"DROP TRIGGER sync_{table}_insert;" + insert_trigger(table) for table in SYNCED)
