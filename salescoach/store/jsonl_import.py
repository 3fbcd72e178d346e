"""Restoring a full JSONL export into an empty store: every row checked first, then all of
them written in one transaction, or none.

The file is read whole before anything is written: each line must be standard JSON, each row
must pass `store.row_checks` (the rules of the commands that write that table), keys must be
unique and references must point at rows the file holds. A file with any problem is refused
whole, with every problem listed by line number, and the store is left as it was.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from salescoach.core.kernel import jsonlines
from salescoach.errors import UsageError
from salescoach.store import sync_runs
from salescoach.store.db import transaction
from salescoach.store.exporter import FORMAT_NAME, READABLE_VERSIONS, SYNC_TABLES, TABLES
from salescoach.store.migrations import SCHEMA_VERSION
from salescoach.store.row_checks import Findings, Row, TableShape, check_rows, table_shapes
from salescoach.store.sync_schema import missing_identities

MAX_LISTED = 50  # problems listed in the refusal; the rest are counted


def store_is_empty(conn: sqlite3.Connection) -> bool:
    data_tables = [t for t in TABLES if t != "settings"]
    return not any(conn.execute(f"SELECT 1 FROM {t} LIMIT 1").fetchone() for t in data_tables)


def _refuse_if_not_empty(conn: sqlite3.Connection) -> None:
    if not store_is_empty(conn):
        raise UsageError(
            "the store already holds data; import restores into an empty store only",
            hint="set SALESCOACH_HOME to a new folder, or use `lead import` for CSV leads",
        )


def import_jsonl(conn: sqlite3.Connection, lines: Iterable[str], source: str) -> dict[str, int]:
    """Restore a full JSONL export into an empty store; all rows or none. Returns counts.

    `lines` are the file's lines as `jsonlines.split_lines` gives them (broken at `\\n` only).
    """
    numbered = enumerate(lines, 1)
    version = _check_header(next(numbered, (1, "")), source)
    _refuse_if_not_empty(conn)
    shapes = table_shapes(conn, (*TABLES, *SYNC_TABLES, "sync_state"))
    findings = Findings()
    reader = _Reader(shapes, findings, runs=version >= 2)
    rows = [row for number, text in numbered for row in reader.rows(text, number)]
    check_rows(rows, shapes, findings)
    if findings.problems:
        raise UsageError(_refusal(source, findings))
    counts = dict.fromkeys(TABLES, 0)
    with transaction(conn):
        _refuse_if_not_empty(conn)  # again, inside the write lock
        # Checked at COMMIT: a hand-edited file need not keep parents first.
        conn.execute("PRAGMA defer_foreign_keys = ON")
        # The file's rows keep the sync identity it carries: capture is off meanwhile, and
        # rows it gives none (an export made before it carried them) get one after.
        conn.execute("UPDATE sync_state SET applying = 1")
        for row in rows:
            names = list(row.values)
            verb = "INSERT OR REPLACE" if row.table == "settings" else "INSERT"
            try:
                if row.table == "sync_state":
                    sets = ", ".join(f"{name} = ?" for name in names)
                    conn.execute(f"UPDATE sync_state SET {sets}", [row.values[n] for n in names])
                    continue
                conn.execute(
                    f"{verb} INTO {row.table} ({', '.join(names)}) "
                    f"VALUES ({', '.join('?' for _ in names)})",
                    [row.values[n] for n in names],
                )
            except sqlite3.IntegrityError as exc:  # a constraint the checks do not know
                raise UsageError(
                    f"{source}:{row.line}: {row.table} row refused ({exc}); nothing was imported"
                ) from None
            if row.table in counts:
                counts[row.table] += 1
        for statement in missing_identities():
            conn.execute(statement)
        conn.execute("UPDATE sync_state SET applying = 0, cursor = NULL")
        broken = conn.execute("PRAGMA foreign_key_check").fetchone()
        if broken is not None:
            raise UsageError(
                f"{source}: a {broken[0]} row refers to a missing {broken[2]} row "
                f"(rowid {broken[1]}); nothing was imported"
            )
    return counts


def _refusal(source: str, findings: Findings) -> str:
    problems = sorted(findings.problems)
    listed = [f"  {source}:{line}: {message}" for line, message in problems[:MAX_LISTED]]
    if len(problems) > MAX_LISTED:
        listed.append(f"  ... and {len(problems) - MAX_LISTED} more")
    many = f"{len(problems)} problem{'' if len(problems) == 1 else 's'}"
    return f"{source} was not imported ({many}; nothing was written):\n" + "\n".join(listed)


def _check_header(first: tuple[int, str], source: str) -> int:
    """The export's format version, once its header is one this version reads."""
    try:
        header = jsonlines.loads(first[1])
    except ValueError:
        header = None
    if not isinstance(header, dict) or header.get("format") != FORMAT_NAME:
        raise UsageError(
            f"{source} is not a salescoach export (its first line has no export header)",
            hint="make one with `salescoach export --format jsonl`",
        )
    if header.get("version") not in READABLE_VERSIONS or not isinstance(header.get("schema"), int):
        raise UsageError(f"{source}: unknown export version {header.get('version')!r}")
    if header["schema"] > SCHEMA_VERSION:
        raise UsageError(
            f"{source} comes from a newer salescoach (schema {header['schema']})",
            hint="upgrade salescoach to import it",
        )
    return int(header["version"])


class _Reader:
    """The rows on each line; a version 2 file's run lines stand for several."""

    def __init__(self, shapes: dict[str, TableShape], findings: Findings, runs: bool) -> None:
        self.shapes, self.findings, self.runs = shapes, findings, runs
        self.budget = [sync_runs.MAX_RUN_ROWS]

    def rows(self, text: str, number: int) -> list[Row]:
        if not text.strip():
            return []
        try:
            record = jsonlines.loads(text)
        except ValueError as exc:
            reason = getattr(exc, "msg", None) or str(exc)
            self.findings.add(number, f"not JSON ({reason})")
            return []
        if self.runs and isinstance(record, dict) and ("ids" in record or "pending" in record):
            rows = sync_runs.run_rows(record, number, self.budget)
            if isinstance(rows, str):
                self.findings.add(number, rows)
                return []
            return rows
        row = _row(record, number, self.shapes, self.findings)
        return [] if row is None else [row]


def _row(
    record: object, number: int, shapes: dict[str, TableShape], findings: Findings
) -> Row | None:
    """The row of one line's record, or None (a problem added to `findings`)."""
    if not isinstance(record, dict) or record.get("table") not in shapes:
        findings.add(number, 'expected {"table": ..., "row": {...}} naming a table of the store')
        return None
    table, values = record["table"], record.get("row")
    if not isinstance(values, dict) or not values:
        findings.add(number, f"the {table} row is missing")
        return None
    unknown = sorted(set(values) - set(shapes[table].types))
    if unknown:
        findings.add(number, f"{table} has no column {unknown[0]!r}")
        return None
    if any(isinstance(v, dict | list) for v in values.values()):
        findings.add(number, "values must be text, numbers or null")
        return None
    return Row(number, table, values)
