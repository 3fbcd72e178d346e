"""Every open task, streamed for the plain listing (`tasks --limit 0`): each row as SQLite
sorts it out, with the urgency it sorted by, and the widest cell of each column from one
aggregate query beforehand, so that the listing holds no row longer than it writes it.

Widths are in terminal cells of the text as the listing shows it (`safe_text.visible`): for
printable ASCII, its length, which SQLite measures; the few texts holding anything else are
measured by `cells` (registered for the query).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from datetime import date

from salescoach.core.planning.task_lines import OpenTaskLine, OpenTaskWidths
from salescoach.store.sql_functions import URGENCY_SQL
from salescoach.store.task_queries import TaskFilter, where_clause

# `records.lead_label` in SQL: "Ada Lovelace (Acme)", or the name alone.
_LABEL = (
    "CASE WHEN coalesce(l.company, '') = '' THEN l.name ELSE l.name || ' (' || l.company || ')' END"
)


def _widest(expr: str) -> str:
    measured = f"CASE WHEN {expr} GLOB '*[^ -~]*' THEN cells({expr}) ELSE length({expr}) END"
    return f"coalesce(max({measured}), 0)"


def open_task_widths(
    conn: sqlite3.Connection, flt: TaskFilter, today: date, cells: Callable[[str], int]
) -> OpenTaskWidths:
    """How many open tasks `flt` lists and the widest cell of each column, in one pass."""
    where, params = where_clause(flt, today)
    conn.create_function("cells", 1, cells, deterministic=True)
    spans = ", ".join(
        f"{way}(CASE WHEN t.due_time IS {test} NULL THEN t.due END)"
        for test in ("NOT", "") for way in ("min", "max")
    )  # fmt: skip
    row = conn.execute(
        f"SELECT count(*), coalesce(max(length(t.id)), 0), {_widest(_LABEL)}, "
        f"{_widest('t.title')}, {_widest('t.channel')}, {spans} "
        f"FROM tasks t JOIN leads l ON l.id = t.lead_id{where}",
        params,
    ).fetchone()
    timed, untimed = (row[5], row[6]), (row[7], row[8])
    return OpenTaskWidths(
        count=row[0], id=row[1], lead=row[2], title=row[3], channel=row[4],
        due_spans={
            key: (date.fromisoformat(first), date.fromisoformat(last))
            for key, (first, last) in ((True, timed), (False, untimed))
            if first is not None
        },
    )  # fmt: skip


def each_open_task(
    conn: sqlite3.Connection, flt: TaskFilter, today: date
) -> Iterator[OpenTaskLine]:
    """The open tasks `flt` lists, the most urgent first (as `tasks` orders them), each with
    the urgency SQL sorted it by."""
    where, params = where_clause(flt, today)
    rows = conn.execute(
        f"SELECT t.id, t.due, t.due_time, l.name, l.company, t.title, t.channel, "
        f"{URGENCY_SQL} AS urgency FROM tasks t JOIN leads l ON l.id = t.lead_id{where} "
        "ORDER BY urgency DESC, t.due, t.id",
        params,
    )
    for id_, due, due_time, name, company, title, channel, urgency in rows:
        yield OpenTaskLine(
            id_, date.fromisoformat(due), due_time, name, company, title, channel, urgency
        )
