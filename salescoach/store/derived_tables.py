"""Derived tables sit out a bulk insert and are rebuilt set-based, in the same transaction.

A derived table (`step_arrivals`, `task_rank`, the report's `store/period_marks.py` and
`store/lead_progress.py`, the leads' trigram index `store/lead_search.py`) is kept by per-row
triggers on the tables it follows, so every writer keeps it: a command, a plain sqlite3
script, a restore. A first pull inserts 100,000 interactions at once, and there those
triggers cost a program run per row
(SQLite runs a trigger's program for every row, even one its WHEN turns away); `lead import`
inserts thousands of leads, each of which FTS5 would write out as an index segment of its own.
So for an insert of many rows (`sync_apply`, `actions.lead_import`), the registered triggers
are dropped, the rows go in, each registered rebuild brings its derived table up to date for
the new rows in a few set-based statements, and the triggers are created again from their
own stored text, all inside the caller's transaction: no other connection ever sees a table
without its triggers, and a crash or a rollback (a savepoint's too) puts everything back as it
was. The result is the same as the triggers' (tests/store/test_derived_tables.py compares the
whole store both ways, tests/actions/test_lead_import.py after an import).

A new derived table takes part by adding a `Rebuild` per table whose inserts it follows to
`REBUILDS` below: the triggers to take off meanwhile (the source's insert trigger, and any
trigger on the derived table itself that its own writes would set off), and the statements
that rebuild it for the source's new rows, whose rowids run from `:first` to `:last`. A
trigger not registered simply keeps firing per row: slower, never wrong.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from salescoach.store import lead_progress, lead_search, period_marks, step_arrivals, task_rank


@dataclass(frozen=True, slots=True)
class Rebuild:
    """How one derived table follows a bulk insert into `source`."""

    source: str
    triggers: tuple[str, ...]  # dropped during the insert and the rebuild
    statements: tuple[str, ...]  # named parameters :first and :last, the new rows' rowids


REBUILDS: tuple[Rebuild, ...] = (
    Rebuild("interactions", step_arrivals.TRIGGERS_ON_INSERT, step_arrivals.REBUILD_NEW_ROWS),
    Rebuild("interactions", period_marks.TRIGGERS_ON_INSERT, period_marks.REBUILD_NEW_ROWS),
    # After step_arrivals': it reads the rebuilt first arrivals.
    Rebuild("interactions", lead_progress.TRIGGERS_ON_INSERT, lead_progress.REBUILD_NEW_ROWS),
    Rebuild("tasks", task_rank.TRIGGERS_ON_INSERT, task_rank.REBUILD_NEW_ROWS),
    Rebuild("leads", lead_search.TRIGGERS_ON_INSERT, lead_search.REBUILD_NEW_ROWS),
)


def _stored(conn: sqlite3.Connection, names: tuple[str, ...]) -> dict[str, str]:
    """The text of those of these triggers that exist, by name."""
    marks = ", ".join("?" for _ in names)
    return dict(
        conn.execute(
            f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN ({marks})",
            names,
        ).fetchall()
    )


@contextmanager
def triggers_off(conn: sqlite3.Connection, names: tuple[str, ...]) -> Iterator[None]:
    """Without these triggers (those that exist) until the block ends; created again from
    their stored text. Inside a transaction only: its rollback restores them."""
    found = _stored(conn, names).items()
    for name, _ in found:
        conn.execute(f"DROP TRIGGER {name}")
    yield
    for _, sql in found:
        conn.execute(sql)


@contextmanager
def bulk_insert(
    conn: sqlite3.Connection, table: str, first: int, last: int | None = None
) -> Iterator[None]:
    """Insert `table`'s rows `first`..`last` (new rowids; without `last`, up to the highest
    rowid when the block ends) in the block, with the derived tables that follow it rebuilt
    set-based afterwards instead of row by row. The block neither changes nor deletes those
    new rows (their per-row update and delete triggers would act on derived rows not yet
    there). A derived table the store lacks (its triggers absent) is not rebuilt."""
    names = tuple(name for r in REBUILDS if r.source == table for name in r.triggers)
    present = _stored(conn, names) if names else {}
    rebuilds = [r for r in REBUILDS if r.source == table and present.keys() & set(r.triggers)]
    if not rebuilds:
        yield
        return
    with triggers_off(conn, names):
        yield
        if last is None:
            last = int(conn.execute(f"SELECT coalesce(max(rowid), 0) FROM {table}").fetchone()[0])
        for rebuild in rebuilds:
            for statement in rebuild.statements:
                conn.execute(statement, {"first": first, "last": last})
