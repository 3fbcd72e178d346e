"""A data home's first pull of many batches: one transaction, indexes built once at the end.

A new rep's store is empty and the hub may hold 100,000 of their rows. Applied batch by batch,
each batch its own transaction, every row goes into each index of its table as it comes:
the interactions' and leads' secondary indexes and the derived tables' cost more than the
rows themselves, and each commit checkpoints. Into an empty table it is cheaper to insert
the rows in rowid order without those indexes and build each index once, by one sort. So
when the store holds no leads and no interactions yet (`is_first_pull`), the whole pull is
applied in one transaction (`whole_pull`): the secondary indexes of the tables it fills
that are still empty are dropped at its start and created again from their own stored text
before it commits. No other connection ever sees a table without its indexes, and a sync
killed or a hub lost half-way rolls everything back: the store is as before and the next
sync pulls from the start.

What stays while the rows go in: unique indexes (they find the same row made on two
replicas, and refuse a second one) and the indexes the batches' own statements read
(`KEPT`: the derived tables' rebuilds find a lead's interactions by them). Any other index
of these tables is set aside, one added later too: never wrong, only a sort at the end.
The write lock is held for the whole pull: a store that holds nothing yet has no other
writer to keep waiting for long.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from salescoach.store.db import transaction

# The tables a first pull fills, and the derived tables their rebuilds fill.
FILLED = ("leads", "interactions", "interaction_marks", "lead_progress")
# Read while the rows go in, so kept: by the step-arrival, mark and progress rebuilds.
KEPT = frozenset({"interactions_lead_at", "interactions_lead_step_at"})


def is_first_pull(conn: sqlite3.Connection) -> bool:
    """Whether the store holds no leads and no interactions yet."""
    return all(
        conn.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone() is None
        for table in ("leads", "interactions")
    )


@contextmanager
def whole_pull(conn: sqlite3.Connection) -> Iterator[None]:
    """One transaction for the block (the batches applied with
    `sync_apply.apply_batch_within`), with the set-aside indexes created again at its end."""
    with transaction(conn):
        aside = _set_aside(conn)
        for name, _ in aside:
            conn.execute(f"DROP INDEX {name}")
        yield
        for _, sql in aside:
            conn.execute(sql)


def _set_aside(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """(name, text) of the secondary indexes to build at the end: those of the filled tables
    still empty, neither unique nor kept."""
    found: list[tuple[str, str]] = []
    for table in FILLED:
        if conn.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone() is not None:
            continue
        unique = {row[1] for row in conn.execute(f"PRAGMA index_list({table})") if row[2]}
        found.extend(
            (name, sql)
            for name, sql in conn.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ?"
                " AND sql IS NOT NULL ORDER BY name",
                (table,),
            )
            if name not in unique and name not in KEPT
        )
    return found
