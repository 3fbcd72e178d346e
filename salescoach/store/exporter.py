"""Export (JSONL or CSV) and restore (JSONL) of the whole store, lossless.

The full JSONL export is a header line, then one `{"table": ..., "row": {...}}` line per
row, tables in restore order and rows in id order, every column as stored (columns ending
in `_json` hold JSON text). `import_jsonl` restores it into an empty store in one
transaction, ids kept, so export -> import -> export gives the same bytes.
Exports read inside one read transaction: a consistent snapshot while others write.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TextIO

from salescoach.core.kernel.csvsafe import write_csv
from salescoach.errors import UsageError
from salescoach.store.db import transaction
from salescoach.store.migrations import SCHEMA_VERSION

FORMAT_NAME = "salescoach-export"
FORMAT_VERSION = 1
# Parents before children, so foreign keys hold at every row of a restore.
TABLES = (
    "leads", "sessions", "answers", "interactions", "tasks", "goals", "training",
    "review_items", "settings",
)  # fmt: skip
SINGLE_TABLES = ("leads", "answers", "interactions", "tasks")


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
    return conn.execute(f"SELECT * FROM {table} ORDER BY rowid")


def export_jsonl(conn: sqlite3.Connection, out: TextIO, what: str = "all") -> int:
    """Write JSONL; `all` is the restorable full export, a table name gives plain rows."""
    written = 0
    with snapshot(conn):
        if what == "all":
            header = {"format": FORMAT_NAME, "version": FORMAT_VERSION, "schema": SCHEMA_VERSION}
            out.write(_line(header))
        for table in TABLES if what == "all" else (what,):
            for row in _rows(conn, table):
                record = dict(row)
                out.write(_line({"table": table, "row": record} if what == "all" else record))
                written += 1
    return written


def export_csv(conn: sqlite3.Connection, out: TextIO, table: str) -> int:
    with snapshot(conn):
        return write_csv(out, columns(conn, table), (tuple(r) for r in _rows(conn, table)))


def _line(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def store_is_empty(conn: sqlite3.Connection) -> bool:
    data_tables = [t for t in TABLES if t != "settings"]
    return not any(conn.execute(f"SELECT 1 FROM {t} LIMIT 1").fetchone() for t in data_tables)


def import_jsonl(conn: sqlite3.Connection, lines: Iterable[str], source: str) -> dict[str, int]:
    """Restore a full JSONL export into an empty store; all rows or none. Returns counts."""
    numbered = enumerate(lines, 1)
    _check_header(next(numbered, (1, "")), source)
    known = {table: set(columns(conn, table)) for table in TABLES}
    counts = dict.fromkeys(TABLES, 0)
    with transaction(conn):
        if not store_is_empty(conn):
            raise UsageError(
                "the store already holds data; import restores into an empty store only",
                hint="set SALESCOACH_HOME to a new folder, or use `lead import` for CSV leads",
            )
        # Checked at COMMIT: a hand-edited file need not keep parents first.
        conn.execute("PRAGMA defer_foreign_keys = ON")
        for number, text in numbered:
            if not text.strip():
                continue
            table, row = _record(text, number, source, known)
            names = list(row)
            verb = "INSERT OR REPLACE" if table == "settings" else "INSERT"
            try:
                conn.execute(
                    f"{verb} INTO {table} ({', '.join(names)}) "
                    f"VALUES ({', '.join('?' for _ in names)})",
                    [row[n] for n in names],
                )
            except sqlite3.IntegrityError as exc:
                raise UsageError(f"{source}:{number}: {table} row refused ({exc})") from None
            counts[table] += 1
        _check_readable(conn, source)
        broken = conn.execute("PRAGMA foreign_key_check").fetchone()
        if broken is not None:
            raise UsageError(
                f"{source}: a {broken[0]} row refers to a missing {broken[2]} row "
                f"(rowid {broken[1]}); nothing was imported"
            )
    return counts


def _check_readable(conn: sqlite3.Connection, source: str) -> None:
    """Read back every lead and interaction as the commands will, so a hand-edited value
    (a date that is not one, JSON that is not JSON) is refused now, not met later."""
    from salescoach.store.interactions import row_to_interaction
    from salescoach.store.leads import row_to_lead

    for table, read in (("leads", row_to_lead), ("interactions", row_to_interaction)):
        for row in conn.execute(f"SELECT * FROM {table}"):
            try:
                read(row)
            except (ValueError, TypeError) as exc:  # JSONDecodeError is a ValueError
                raise UsageError(
                    f"{source}: {table} row {row['id']} has a value salescoach cannot read "
                    f"({exc}); nothing was imported"
                ) from None


def _check_header(first: tuple[int, str], source: str) -> None:
    try:
        header = json.loads(first[1])
    except json.JSONDecodeError:
        header = None
    if not isinstance(header, dict) or header.get("format") != FORMAT_NAME:
        raise UsageError(
            f"{source} is not a salescoach export (its first line has no export header)",
            hint="make one with `salescoach export --format jsonl`",
        )
    if header.get("version") != FORMAT_VERSION or not isinstance(header.get("schema"), int):
        raise UsageError(f"{source}: unknown export version {header.get('version')!r}")
    if header["schema"] > SCHEMA_VERSION:
        raise UsageError(
            f"{source} comes from a newer salescoach (schema {header['schema']})",
            hint="upgrade salescoach to import it",
        )


def _record(
    text: str, number: int, source: str, known: dict[str, set[str]]
) -> tuple[str, dict[str, Any]]:
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UsageError(f"{source}:{number}: not JSON ({exc.msg})") from None
    if not isinstance(record, dict) or record.get("table") not in known:
        raise UsageError(f'{source}:{number}: expected {{"table": ..., "row": {{...}}}}')
    table, row = record["table"], record.get("row")
    if not isinstance(row, dict) or not row:
        raise UsageError(f"{source}:{number}: the {table} row is missing")
    unknown = set(row) - known[table]
    if unknown:
        raise UsageError(f"{source}:{number}: {table} has no column {sorted(unknown)[0]!r}")
    if any(isinstance(v, dict | list) for v in row.values()):
        raise UsageError(f"{source}:{number}: values must be text, numbers or null")
    return table, row
