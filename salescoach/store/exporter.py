"""Export (JSONL or CSV) of the whole store, lossless.

The full JSONL export is a header line, then one `{"table": ..., "row": {...}}` line per
row, tables in restore order and rows in id order, every column as stored (columns ending
in `_json` hold JSON text). `store.jsonl_import` restores it into an empty store, ids kept,
so export -> import -> export gives the same bytes. Lines are standard JSON ending in `\n`
(see `core.kernel.jsonlines`). Exports read inside one read transaction: a consistent
snapshot while others write.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

from salescoach.core.kernel import jsonlines
from salescoach.core.kernel.csvsafe import write_csv
from salescoach.errors import StoreError
from salescoach.store.migrations import SCHEMA_VERSION

FORMAT_NAME = "salescoach-export"
FORMAT_VERSION = 1
# Parents before children, so foreign keys hold at every row of a restore.
TABLES = (
    "leads", "sessions", "answers", "interactions", "tasks", "goals", "training",
    "review_items", "settings",
)  # fmt: skip
SINGLE_TABLES = ("leads", "answers", "interactions", "tasks")
# After the data, its sync identity (store/sync_schema.py): each row's gid, origin and field
# clocks, the local changes not yet pushed, and the replica's clock (`sync_state`, without the
# pull's cursor: a restored store pulls its hub from the start, merging what it holds already).
# A restored store that syncs therefore adds nothing to the hub that it already had.
SYNC_TABLES = ("sync_ids", "sync_clock", "sync_outbox", "sync_parked", "sync_handed_away")
SYNC_STATE_COLUMNS = ("clock", "last_sync_at")


def columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [r["name"] for r in conn.execute(f"PRAGMA table_info({table})")]


@contextmanager
def snapshot(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """A read transaction: every query inside sees the same state of the store."""
    conn.execute("BEGIN")
    try:
        yield conn
    finally:
        conn.execute("COMMIT")


def _rows(conn: sqlite3.Connection, table: str) -> sqlite3.Cursor:
    # A cursor, not a generator: a reader that goes away mid-export (`| head`) must not
    # leave a suspended generator to be finalised after the connection has closed.
    if table == "sync_state":
        return conn.execute(f"SELECT {', '.join(SYNC_STATE_COLUMNS)} FROM sync_state")
    return conn.execute(f"SELECT * FROM {table} ORDER BY rowid")


def export_jsonl(conn: sqlite3.Connection, out: TextIO, what: str = "all") -> int:
    """Write JSONL; `all` is the restorable full export, a table name gives plain rows."""
    written = 0
    with snapshot(conn):
        if what == "all":
            header = {"format": FORMAT_NAME, "version": FORMAT_VERSION, "schema": SCHEMA_VERSION}
            out.write(_line(header, None))
        for table in (*TABLES, *SYNC_TABLES, "sync_state") if what == "all" else (what,):
            for row in _rows(conn, table):
                record = dict(row)
                line = {"table": table, "row": record} if what == "all" else record
                out.write(_line(line, (table, row[0])))
                written += 1
    return written


def export_csv(conn: sqlite3.Connection, out: TextIO, table: str) -> int:
    with snapshot(conn):
        return write_csv(out, columns(conn, table), (tuple(r) for r in _rows(conn, table)))


def _line(data: dict[str, Any], row: tuple[str, object] | None) -> str:
    """`data` as a line; `row` (table, first column) names it if it cannot be written."""
    try:
        return jsonlines.dump_line(data)
    except ValueError:
        where = "the header" if row is None else f"the {row[0]} row {row[1]!r}"
        # Only NaN or an infinity fails: SQLite REAL holds them, JSON has no way to write them.
        raise StoreError(
            f"{where} holds a number JSON cannot carry (NaN or infinity); the export stopped there",
            hint="correct that value with sqlite3, then export again",
        ) from None
