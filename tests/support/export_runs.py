"""A version 2 export as version 1 wrote it: every run line as the full lines of its rows.

The data lines of both versions are the same; so are the sync rows once the runs are
expanded. Comparing with a version 1 export written by the Python encoder therefore checks
both the data lines and that the runs stand for exactly the rows the store holds.
"""

from __future__ import annotations

import io
import sqlite3

from salescoach.core.kernel import jsonlines
from salescoach.store.exporter import SYNC_STATE_COLUMNS, SYNC_TABLES, TABLES, snapshot
from salescoach.store.migrations import SCHEMA_VERSION
from salescoach.store.row_checks import Row
from salescoach.store.sync_runs import MAX_RUN_ROWS, run_rows


def as_version_1(text: str) -> str:
    lines = []
    for number, line in enumerate(text.splitlines(), 1):
        record = jsonlines.loads(line)
        if number == 1 and record.get("format") == "salescoach-export":
            assert record["version"] == 2
            lines.append(jsonlines.dump_line({**record, "version": 1}))
        elif "ids" in record or "pending" in record:
            rows = run_rows(record, number, [MAX_RUN_ROWS])
            assert not isinstance(rows, str), rows
            lines.extend(_full(row) for row in rows)
        else:
            lines.append(line + "\n")
    return "".join(lines)


def _full(row: Row) -> str:
    return jsonlines.dump_line({"table": row.table, "row": row.values})


def python_export(conn: sqlite3.Connection, what: str) -> str:
    """Every row through the Python encoder, one line each."""
    out = io.StringIO()
    with snapshot(conn):
        if what == "all":
            header = {"format": "salescoach-export", "version": 1, "schema": SCHEMA_VERSION}
            out.write(jsonlines.dump_line(header))
        for table in (*TABLES, *SYNC_TABLES, "sync_state") if what == "all" else (what,):
            query = f"SELECT * FROM {table} ORDER BY rowid"
            if table == "sync_state":  # its clock and last sync, never the pull's cursor
                query = f"SELECT {', '.join(SYNC_STATE_COLUMNS)} FROM sync_state"
            for row in conn.execute(query):
                record = dict(row)
                line = {"table": table, "row": record} if what == "all" else record
                out.write(jsonlines.dump_line(line))
    return out.getvalue()
