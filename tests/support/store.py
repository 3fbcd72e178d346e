"""Databases as each schema version of salescoach left them, for the migration tests.

One builder per schema version. A new migration M00N adds `build_vN` here (rows in every
table as that version knew them); `test_every_version_has_a_fixture` insists on it.
"""

from __future__ import annotations

import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from salescoach.store import lead_search
from salescoach.store.db import connect, run_migrations


@contextmanager
def _upgraded(path: Path, version: int) -> Iterator[sqlite3.Connection]:
    """The store as the builder of `version - 1` left it, migrated to `version`: the
    connection the builder of `version` adds its rows with."""
    BUILDERS[version - 1](path)
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        run_migrations(conn, version - 1, upto=version)
        yield conn


def build_v0(path: Path) -> None:
    """Before the first migration: a database with nothing in it (a fresh, empty file)."""
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA user_version = 0")


def build_v1(path: Path) -> None:
    """Schema 1 (M001) with rows in every table, unusual text included."""
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        run_migrations(conn, 0, upto=1)
        script = [
            "INSERT INTO leads VALUES (1, 'Ada Lovelace', 'ACME', 'ada@acme.io', '+44 1', "
            "'webinar', 'qualified', 'b2b-saas', 'sam', 'closing', 'won', 'signed', "
            "'2026-03-12', '2026-03-01T10:00:00+00:00', '2026-03-05T10:00:00+00:00', "
            "'2026-03-05T10:00:00+00:00', '2026-02-28T09:00:00+00:00', "
            "'2026-03-05T10:00:00+00:00')",
            "INSERT INTO leads (id, name, playbook, step_entered_at, created_at, updated_at) "
            "VALUES (2, 'مريم 🌟', 'services', '2026-03-02T08:00:00+01:00', "
            "'2026-03-02T08:00:00+01:00', '2026-03-02T08:00:00+01:00')",
            "INSERT INTO answers VALUES (1, 'persona', '\"cfo\"', 'preparation', 'Who?', 'x')",
            "INSERT INTO sessions VALUES (1, 1, 'b2b-saas', 'finished', '{\"step\": 6}', "
            "'a', 'b', 'c')",
            "INSERT INTO interactions VALUES (1, 1, '2026-03-01T10:00:00+00:00', 'approach', "
            "'call', 'outcome', 'booked a demo', NULL, 'next_step', 20, '{\"k\": 1}', 1)",
            "INSERT INTO interactions VALUES (2, 1, '2026-03-05T10:00:00+00:00', 'objections', "
            "'meeting', 'objection', NULL, 'price', 'resolved', NULL, NULL, 1)",
            "INSERT INTO tasks VALUES (1, 1, 'Send the recap', '2026-03-06', 'email', 'high', "
            "'open', 'after_call', 'after_call:0:2026-03-05', 1, 'note', NULL, 1, 'a', 'b', NULL)",
            "INSERT INTO goals VALUES (1, 'calls', 20, 'week', 'a')",
            "INSERT INTO training VALUES (1, 'a', 'objections', 'price', 4, 5, '{}')",
            "INSERT INTO review_items VALUES ('price', 'objections', 2, '2026-03-12', 'a')",
            "INSERT INTO settings VALUES ('logging', 'off')",
        ]
        conn.execute("BEGIN")
        for statement in script:
            conn.execute(statement)
        conn.execute("COMMIT")


def build_v2(path: Path) -> None:
    """Schema 2 (M002: CRM columns, a task's time of day): schema 1's rows, a lead imported
    from Salesforce and a task at a time of day."""
    with _upgraded(path, 2) as conn:
        conn.execute("BEGIN")
        conn.execute(
            "INSERT INTO leads (id, name, company, phone, mobile, job_title, source, "
            "temperature, playbook, owner, step_entered_at, created_at, updated_at, "
            "crm_vendor, crm_id) VALUES (3, 'Grace Hopper', 'Navy', '+1 555 0100', "
            "'+1 555 0199', 'Rear Admiral', 'Web', 'qualified', 'b2b-saas', 'Sam Rep', "
            "'2026-03-03T08:00:00+00:00', '2026-03-03T08:00:00+00:00', "
            "'2026-03-03T08:00:00+00:00', 'salesforce', '00Q5g00000AbCdEEAV')"
        )
        conn.execute(
            "INSERT INTO tasks (id, lead_id, title, due, due_time, channel, created_at, "
            "updated_at) VALUES (2, 3, 'Call Grace', '2026-03-13', '14:30', 'call', 'a', 'b')"
        )
        conn.execute("COMMIT")


def build_v3(path: Path) -> None:
    """Schema 3 (M003: indexes only): schema 2's rows."""
    with _upgraded(path, 3):
        pass  # M003 adds indexes only


def build_v4(path: Path) -> None:
    """Schema 4 (M004: how a lead came in): schema 3's rows, a lead imported from a file and one
    added by hand."""
    with _upgraded(path, 4) as conn:
        conn.execute("BEGIN")
        for lead_id, name, origin in ((4, "Imported", "import"), (5, "By hand", "hand")):
            conn.execute(
                "INSERT INTO leads (id, name, playbook, step_entered_at, created_at, updated_at, "
                "origin) VALUES (?, ?, 'b2b-saas', 'a', 'a', 'a', ?)",
                (lead_id, name, origin),
            )
        conn.execute("COMMIT")


def build_v5(path: Path) -> None:
    """Schema 5 (sync: gids, the outbox and its triggers): schema 4's rows, all waiting to be
    pushed, and a lead added since."""
    with _upgraded(path, 5) as conn:
        conn.execute(
            "INSERT INTO leads (id, name, playbook, step_entered_at, created_at, updated_at) "
            "VALUES (6, 'Katherine Johnson', 'b2b-saas', 'a', 'a', 'a')"
        )


def build_v6(path: Path) -> None:
    """Schema 6 (M006: drill assignments, published playbooks, a walk's playbook version):
    schema 5's rows, an assignment pulled from the manager and a walk with its version."""
    with _upgraded(path, 6) as conn:
        conn.execute("BEGIN")
        conn.execute(
            "INSERT INTO assignments (id, rep, drill, target, playbook, due, assigned_at) "
            "VALUES (1, 'ann', 'objections', 'price', 'b2b-saas', '2026-03-20', 'a')"
        )
        conn.execute(
            "INSERT INTO playbooks (id, name, version, yaml, published_at) "
            "VALUES (1, 'team', 1, 'extends: b2b-saas\n', 'a')"
        )
        conn.execute(
            "INSERT INTO sessions (id, lead_id, playbook, started_at, updated_at, "
            "playbook_version) VALUES (2, 6, 'team', 'a', 'a', '1')"
        )
        conn.execute("COMMIT")


def build_v7(path: Path) -> None:
    """Schema after M007 (open tasks ranked by their lasting urgency terms, kept by triggers):
    schema 6's rows, a task added since and one of its lead's moved on."""
    with _upgraded(path, 7) as conn:
        conn.execute(
            "INSERT INTO tasks (lead_id, title, due, created_at, updated_at) "
            "VALUES (6, 'Call back', '2026-03-12', 'a', 'a')"
        )
        conn.execute("UPDATE leads SET step = 'closing' WHERE id = 6")


def build_v8(path: Path) -> None:
    """Schema 8 (M008: why a pulled change is parked, leads handed away): schema 7's rows and
    a parked change waiting for its lead."""
    with _upgraded(path, 8) as conn:
        conn.execute(
            "INSERT INTO sync_parked (tbl, gid, change_json) VALUES ('interactions', 'g1', '{}')"
        )


def build_v9(path: Path) -> None:
    """Schema 9 (M009: each lead's first arrival at each step, kept by triggers): schema 8's
    rows and an interaction logged since at an earlier time than its step's first."""
    with _upgraded(path, 9) as conn:
        conn.execute(
            "INSERT INTO interactions (lead_id, at, step, kind) "
            "VALUES (6, '2026-02-01T09:00:00+00:00', 'approach', 'note')"
        )


def build_v10(path: Path) -> None:
    """Schema 10 (M010: the report's period marks, lead-days and objection days, kept by
    triggers): schema 9's rows and an objection, a call and a decisive result logged since,
    one of them before the lead's earlier rows."""
    with _upgraded(path, 10) as conn:
        conn.executemany(
            "INSERT INTO interactions (lead_id, at, step, channel, kind, objection, result) "
            "VALUES (6, ?, ?, ?, ?, ?, ?)",
            [("2026-02-02T09:00:00+00:00", "objections", "call", "objection", "price", "partly"),
             ("2026-01-15T09:00:00+00:00", "approach", "call", "note", None, None),
             ("2026-02-03T09:00:00+00:00", "closing", "meeting", "outcome", None, "won")],
        )  # fmt: skip


def build_v11(path: Path) -> None:
    """Schema 11 (M011: the trigram index over leads' names and companies): schema 10's rows,
    a lead renamed and one added since."""
    with _upgraded(path, 11) as conn:
        conn.execute("UPDATE leads SET name = 'Dorothy Vaughan' WHERE id = 5")
        conn.execute(
            "INSERT INTO leads (id, name, company, playbook, step_entered_at, created_at, "
            "updated_at) VALUES (7, 'Mary Jackson', 'Langley', 'b2b-saas', 'a', 'a', 'a')"
        )


def build_v12(path: Path) -> None:
    """Schema 12 (M012: each lead's funnel figures and their day sums, kept by triggers):
    schema 11's rows, a lead moved on a step, an interaction logged and one removed since."""
    with _upgraded(path, 12) as conn:
        conn.execute(
            "UPDATE leads SET step = 'closing', step_entered_at = '2026-02-04T09:00:00+00:00' "
            "WHERE id = 6"
        )
        conn.execute(
            "INSERT INTO interactions (lead_id, at, step, kind) "
            "VALUES (7, '2026-02-05T09:00:00+00:00', 'approach', 'note')"
        )
        conn.execute("DELETE FROM interactions WHERE lead_id = 6 AND step = 'objections'")


def build_v13(path: Path) -> None:
    """Schema 13 (M013: time-ordered gids): schema 12's rows (version 4 gids) and a lead and
    a task added since (version 7 gids)."""
    with _upgraded(path, 13) as conn:
        conn.execute(
            "INSERT INTO leads (id, name, company, playbook, step_entered_at, created_at, "
            "updated_at) VALUES (8, 'Katherine Johnson', 'Langley', 'b2b-saas', 'a', 'a', 'a')"
        )
        conn.execute(
            "INSERT INTO tasks (lead_id, title, due, status, created_at, updated_at) "
            "VALUES (8, 'Send the orbit figures', '2026-03-12', 'open', 'a', 'a')"
        )


BUILDERS: dict[int, Callable[[Path], None]] = {
    0: build_v0, 1: build_v1, 2: build_v2, 3: build_v3, 4: build_v4, 5: build_v5,
    6: build_v6, 7: build_v7, 8: build_v8, 9: build_v9, 10: build_v10, 11: build_v11,
    12: build_v12, 13: build_v13,
}  # fmt: skip


def table_contents(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, in rowid order (a table without rowids: in key order)."""
    with closing(sqlite3.connect(path)) as conn:
        return _rows_by_table(conn)


def _rows_by_table(conn: sqlite3.Connection) -> dict[str, list[tuple[object, ...]]]:
    tables = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' "
        "AND name NOT LIKE 'sqlite_%' ORDER BY name"
    ).fetchall()
    return {
        name: [
            tuple(row)
            for row in conn.execute(
                f"SELECT * FROM {name} ORDER BY {'1, 2' if 'WITHOUT ROWID' in sql else 'rowid'}"
            )
        ]
        for name, sql in tables
    }


def comparable_contents(conn: sqlite3.Connection) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table and the schema, as two stores that took the same writes by
    different paths (per-row triggers, a bulk insert) must agree on them."""
    found = _rows_by_table(conn)
    # The trigram index by the terms it holds at each place, not its segments' layout (one
    # insert of many rows writes fewer, larger segments than one insert a row).
    for shadow in [name for name in found if name.startswith(f"{lead_search.TABLE}_")]:
        del found[shadow]
    if lead_search.indexed(conn):
        found[lead_search.TABLE] = _index_terms(conn)
    # A local write's gid and outbox time are drawn afresh in each store.
    found["sync_ids"] = [r[:1] + r[2:] if r[3] is None else r for r in found["sync_ids"]]
    found["sync_outbox"] = [r[:5] + r[6:] for r in found["sync_outbox"]]
    found["schema"] = [tuple(r) for r in conn.execute("SELECT * FROM sqlite_master ORDER BY 2")]
    return found


def _index_terms(conn: sqlite3.Connection) -> list[tuple[object, ...]]:
    """Every term of the trigram index with its lead, column and offset, once checked."""
    table = lead_search.TABLE
    conn.execute(f"INSERT INTO {table} ({table}) VALUES ('integrity-check')")
    conn.execute(f"CREATE VIRTUAL TABLE temp.terms USING fts5vocab(main, {table}, instance)")
    try:
        return [tuple(r) for r in conn.execute("SELECT * FROM temp.terms ORDER BY 1, 2, 3, 4")]
    finally:
        conn.execute("DROP TABLE temp.terms")


def assert_killed_script_leaves_store(store: Path, script: str, root: Path) -> None:
    """Run `script` (its argument: the store's path) in a child that SIGKILLs itself mid-write;
    the store must then hold exactly what it held before."""
    with closing(connect(store)) as conn:
        before = comparable_contents(conn)
    child = subprocess.run(
        [sys.executable, "-c", script, str(store)], cwd=root, capture_output=True
    )
    assert child.returncode == -signal.SIGKILL, child.stderr
    with closing(connect(store)) as conn:
        assert comparable_contents(conn) == before


_TEMPLATE: Path | None = None


@contextmanager
def fresh_store() -> Iterator[sqlite3.Connection]:
    """A fresh, empty store at this schema: a copy of one migrated once per test process
    (migrating takes longer than a property test's example)."""
    global _TEMPLATE
    if _TEMPLATE is None:
        _TEMPLATE = Path(tempfile.mkdtemp()) / "template.db"
        connect(_TEMPLATE).close()
    with tempfile.TemporaryDirectory() as folder:
        shutil.copy(_TEMPLATE, Path(folder) / "a.db")
        with closing(connect(Path(folder) / "a.db")) as conn:
            yield conn
