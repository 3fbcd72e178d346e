"""Export (JSONL or CSV) of the whole store, lossless.

The full JSONL export is a header line, then one `{"table": ..., "row": {...}}` line per
row, tables in restore order and rows in id order, every column as stored (columns ending
in `_json` hold JSON text). `store.jsonl_import` restores it into an empty store, ids kept,
so export -> import -> export gives the same bytes. Lines are standard JSON ending in `\n`
(see `core.kernel.jsonlines`). Exports read inside one read transaction: a consistent
snapshot while others write.

SQLite writes each line itself (`json_object`, in C) and joins a batch of 2,000 into one
UTF-8 BLOB that goes to the output's binary buffer as it is: encoding 7,000,000 rows (a
100,000-lead store with its sync identity) one by one in Python cost most of an export. Its
text is byte for byte what `jsonlines` writes for strings, integers and NULL, not for
floating-point numbers (it keeps 15 digits, Python the shortest exact form): tables with REAL
columns, and any row holding a REAL or a BLOB value, are encoded in Python as before.

On a store of 100,000 rows and more, with a second core, a second process writes the export
from about half-way through its work (`halfway`, `write_part`) in the same snapshot, while
this one writes up to there (`store.export_tail`): the same bytes in about half the time.
"""

from __future__ import annotations

import codecs
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TextIO, cast

from salescoach.core.kernel import jsonlines
from salescoach.core.kernel.csvsafe import write_csv
from salescoach.errors import StoreError
from salescoach.store import sync_runs
from salescoach.store.migrations import SCHEMA_VERSION

if TYPE_CHECKING:
    from salescoach.store.export_tail import Cut

FORMAT_NAME = "salescoach-export"
# 2: `sync_ids` and the pending `sync_outbox` entries as runs (store/sync_runs.py).
FORMAT_VERSION = 2
READABLE_VERSIONS = (1, 2)
# Parents before children, so foreign keys hold at every row of a restore.
TABLES = (
    "leads", "sessions", "answers", "interactions", "tasks", "goals", "training",
    "review_items", "settings", "assignments", "playbooks",
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
    write = _byte_writer(out)
    if what != "all":
        with snapshot(conn):
            return _write_table(conn, write, what, wrapped=False)
    from salescoach.store import export_tail

    # On a large store a second process writes the rest of the export, from about half-way
    # through its work, while this one writes up to there (store/export_tail.py).
    cut, span = halfway(conn)
    with export_tail.rest_elsewhere(conn, snapshot(conn), cut, span) as rest:
        header = {"format": FORMAT_NAME, "version": FORMAT_VERSION, "schema": SCHEMA_VERSION}
        write(_line(header, None).encode())
        if rest is None:
            return write_part(conn, write)
        written = write_part(conn, write, end=cut)
        done = rest.copy_to(write)
        return written + (done if done is not None else write_part(conn, write, start=cut))


FIRST_ROW, LAST_ROW = -(2**63), 2**63 - 1
EXPORT_ORDER = (*TABLES, *SYNC_TABLES, "sync_state")
# What writing a row costs, roughly: in a run table (a gid, or nothing), and per column of a
# full line. Only where the export is cut depends on them, never what it writes.
_RUN_ROW_COST, _COLUMN_COST = 3, 1


def write_part(
    conn: sqlite3.Connection, write: Write, start: Cut | None = None, end: Cut | None = None
) -> int:
    """The full export's rows from `start` (None: the first) up to `end` (None: the last),
    without the header: the two parts of a cut export are the whole of it."""
    first = EXPORT_ORDER.index(start[0]) if start else 0
    last = EXPORT_ORDER.index(end[0]) if end else len(EXPORT_ORDER) - 1
    written = 0
    for n in range(first, last + 1):
        low = start[1] if start and n == first else FIRST_ROW
        high = end[1] - 1 if end and n == last else LAST_ROW
        if low <= high:
            written += _write_table(conn, write, EXPORT_ORDER[n], wrapped=True, rows=(low, high))
    return written


def halfway(conn: sqlite3.Connection) -> tuple[Cut, int]:
    """A cut about half-way through the work of a full export, and about how many rows the
    export has (counted from each table's first and last rowid, a seek each: more than it
    has where rows were deleted). The cut is inside a table SQLite writes line by line (on
    a store in use, the interactions), else at the start of a table."""
    tables: list[tuple[str, int, int, int]] = []  # name, first rowid, rows, cost of a row
    for table in EXPORT_ORDER:
        # Apart, so that each is one seek (together they would scan the table).
        low, high = conn.execute(
            f"SELECT (SELECT min(rowid) FROM {table}), (SELECT max(rowid) FROM {table})"
        ).fetchone()
        rows = 0 if low is None else high - low + 1
        cost = _RUN_ROW_COST if table in _AS_RUNS else _COLUMN_COST * len(columns(conn, table))
        tables.append((table, low or 0, rows, cost))
    total = sum(rows for _name, _low, rows, _cost in tables)
    half, done = sum(rows * cost for _name, _low, rows, cost in tables) / 2, 0.0
    for table, low, rows, cost in tables:
        if rows and done + rows * cost >= half:
            if not _written_in_sqlite(conn, table):
                return (table, FIRST_ROW), total
            return (table, low + int((half - done) / cost)), total
        done += rows * cost
    return ("sync_state", FIRST_ROW), total


def _written_in_sqlite(conn: sqlite3.Connection, table: str) -> bool:
    """Whether the full export writes `table` through `_write_in_sqlite`, the one writer
    that can start or stop inside a table."""
    if table in _AS_RUNS or table == "sync_state":
        return False
    return not any(r["type"].upper() == "REAL" for r in conn.execute(f"PRAGMA table_info({table})"))


def _write_table(
    conn: sqlite3.Connection,
    write: Write,
    table: str,
    *,
    wrapped: bool,
    rows: tuple[int, int] = (FIRST_ROW, LAST_ROW),
) -> int:
    """The table's rows with rowids in `rows` (a part of it only where SQLite writes it)."""
    whole = rows == (FIRST_ROW, LAST_ROW)
    if wrapped and table in _AS_RUNS:
        assert whole, f"a cut inside {table}"
        return _AS_RUNS[table](conn, write, _full_lines(conn))
    info = list(conn.execute(f"PRAGMA table_info({table})"))
    # sync_state goes out without its cursor, so not as a whole row.
    if table == "sync_state" or any(r["type"].upper() == "REAL" for r in info):
        assert whole, f"a cut inside {table}"
        return _write_in_python(write, table, wrapped, _rows(conn, table))
    return _write_in_sqlite(conn, write, table, wrapped, info, rows)


Write = Callable[[bytes], object]
_AS_RUNS = {"sync_ids": sync_runs.write_ids, "sync_outbox": sync_runs.write_outbox}


def _full_lines(conn: sqlite3.Connection) -> sync_runs.FullLines:
    """A sync table's row written whole, as every row of a version 1 export was."""

    def sql(table: str) -> str:
        names = columns(conn, table)
        row_object = "json_object(" + ", ".join(f"'{n}', \"{n}\"" for n in names) + ")"
        odd = " OR ".join(f"typeof(\"{n}\") IN ('real', 'blob')" for n in names)
        line = f"""'{{"table":"{table}","row":' || {row_object} || '}}'"""
        return f"CASE WHEN {odd} THEN char(1) ELSE {line} END"

    def python(table: str, rowid: int) -> bytes:
        row = conn.execute(f"SELECT * FROM {table} WHERE rowid = ?", (rowid,)).fetchone()
        return _line(_record(table, row, True), (table, row[0])).encode()

    return sync_runs.FullLines(sql, python)


def _byte_writer(out: TextIO) -> Write:
    """How UTF-8 lines reach `out`: straight into its binary buffer when it has one that
    takes UTF-8 (a file, stdout), so a whole store's text is never decoded and encoded again."""
    buffer = getattr(out, "buffer", None)
    encoding = getattr(out, "encoding", None) or "ascii"
    if buffer is None or codecs.lookup(encoding).name != "utf-8":
        return lambda data: out.write(data.decode())
    out.flush()
    return cast(Write, buffer.write)


def _write_in_sqlite(
    conn: sqlite3.Connection,
    write: Write,
    table: str,
    wrapped: bool,
    info: list[sqlite3.Row],
    rowids: tuple[int, int],
) -> int:
    row_object = "json_object(" + ", ".join(f"'{r['name']}', \"{r['name']}\"" for r in info) + ")"
    # Only a column without TEXT affinity, other than the integer key, can hold a REAL.
    keys = [r for r in info if r["pk"]]
    alias = keys[0]["name"] if len(keys) == 1 and keys[0]["type"].upper() == "INTEGER" else None
    numeric = [r["name"] for r in info if r["type"].upper() != "TEXT" and r["name"] != alias]
    real = " OR ".join(f"typeof(\"{name}\") = 'real'" for name in numeric) or "0"
    # A row holding a REAL, which SQLite writes with fewer digits than Python, is marked by a
    # control character JSON text never holds raw.
    line = f"CASE WHEN {real} THEN char(1) ELSE {row_object} END"
    before, after = (f'{{"table":"{table}","row":', "}\n") if wrapped else ("", "\n")
    # SQLite joins a batch of lines (a range of rowids, scanned in order) into one UTF-8
    # BLOB, so Python handles batches, never rows.
    batch_sql = (
        f"SELECT count(*), CAST(group_concat({line}, ?) AS BLOB) FROM {table} "
        "WHERE rowid BETWEEN ? AND ?"
    )
    between, prefix, suffix = (after + before), before.encode(), after.encode()
    written = 0
    for start, end in sync_runs.batches(conn, table, *rowids):
        try:
            rows, text = conn.execute(batch_sql, (between, start, end)).fetchone()
        except sqlite3.OperationalError:  # a BLOB, which JSON cannot hold: Python says so
            rest = conn.execute(
                f"SELECT * FROM {table} WHERE rowid BETWEEN ? AND ? ORDER BY rowid",
                (start, rowids[1]),
            )
            return written + _write_in_python(write, table, wrapped, rest)
        if b"\x01" not in text:
            write(prefix)
            write(jsonlines.escape_line_breaks_utf8(text))
            write(suffix)
        else:
            _write_rows(conn, write, table, (before, after), (line, start, end))
        written += int(rows)
    return written


def _write_rows(
    conn: sqlite3.Connection,
    write: Write,
    table: str,
    around: tuple[str, str],
    rows: tuple[str, object, int],
) -> None:
    """One batch row by row: SQLite's line for each, Python's for a row holding a REAL."""
    line, start, last = rows
    batch = conn.execute(
        f"SELECT rowid, {line} FROM {table} WHERE rowid BETWEEN ? AND ? ORDER BY rowid",
        (start, last),
    ).fetchall()
    objects = [text for _rowid, text in batch]
    for n, (rowid, text) in enumerate(batch):
        if text == "\x01":
            row = conn.execute(f"SELECT * FROM {table} WHERE rowid = ?", (rowid,)).fetchone()
            try:
                objects[n] = _encoded(dict(row), (table, row[0]))
            except StoreError:  # the lines before the row that stopped it are written
                if n:
                    write(_joined(objects[:n], *around))
                raise
    write(_joined(objects, *around))


def _joined(objects: list[str], before: str, after: str) -> bytes:
    text = before + (after + before).join(objects) + after
    return jsonlines.escape_line_breaks(text).encode()


def _write_in_python(write: Write, table: str, wrapped: bool, rows: sqlite3.Cursor) -> int:
    written = 0
    for row in rows:
        write(_line(_record(table, row, wrapped), (table, row[0])).encode())
        written += 1
    return written


def _record(table: str, row: sqlite3.Row, wrapped: bool) -> dict[str, Any]:
    record = dict(row)
    return {"table": table, "row": record} if wrapped else record


def export_csv(conn: sqlite3.Connection, out: TextIO, table: str) -> int:
    with snapshot(conn):
        return write_csv(out, columns(conn, table), (tuple(r) for r in _rows(conn, table)))


def _line(data: dict[str, Any], row: tuple[str, object] | None) -> str:
    """`data` as a line; `row` (table, first column) names it if it cannot be written."""
    return _encoded(data, row) + "\n"


def _encoded(data: dict[str, Any], row: tuple[str, object] | None) -> str:
    try:
        return jsonlines.dumps(data)
    except ValueError:
        where = "the header" if row is None else f"the {row[0]} row {row[1]!r}"
        # Only NaN or an infinity fails: SQLite REAL holds them, JSON has no way to write them.
        raise StoreError(
            f"{where} holds a number JSON cannot carry (NaN or infinity); the export stopped there",
            hint="correct that value with sqlite3, then export again",
        ) from None
