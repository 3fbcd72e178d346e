"""Listing tasks: filters, and ordering by urgency computed in SQL.

SQLite sorts every open task by the `urgency(...)` function (`core.planning.urgency.total`,
registered by `store.sql_functions`) and hands back only the first page; Python then scores
just those rows again, with their terms, for `--explain`.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from salescoach.core.planning.tasks import Task
from salescoach.store.sql_functions import URGENCY_SQL
from salescoach.store.task_rank import ranked_ids
from salescoach.store.tasks import TASK_SELECT, row_to_task

DUE_WORDS = ("today", "overdue", "week")
WEEK_DAYS = 7  # `--due week`: today and the six days after it


@dataclass(frozen=True)
class TaskFilter:
    """Which tasks to list. `due` is a word from DUE_WORDS or an exact date."""

    due: str | date | None = None
    lead_id: int | None = None
    channel: str | None = None
    status: str = "open"  # or "all", or any task status
    limit: int | None = 50  # None: every match


def date_params(today: date) -> dict[str, str]:
    return {"today": today.isoformat()}


def where_clause(flt: TaskFilter, today: date) -> tuple[str, dict[str, Any]]:
    clauses: list[str] = []
    params: dict[str, Any] = date_params(today)
    if flt.status != "all":
        clauses.append("t.status = :status")
        params["status"] = flt.status
    if flt.due == "overdue":
        clauses.append("t.due < :today")
    elif flt.due == "today":
        clauses.append("t.due <= :today")
    elif flt.due == "week":
        clauses.append("t.due <= :week_end")
        # The next 7 days, today included: on a Sunday "week" still looks a week ahead.
        params["week_end"] = (today + timedelta(days=WEEK_DAYS - 1)).isoformat()
    elif isinstance(flt.due, date):
        clauses.append("t.due = :due_on")
        params["due_on"] = flt.due.isoformat()
    if flt.lead_id is not None:
        clauses.append("t.lead_id = :lead_id")
        params["lead_id"] = flt.lead_id
    if flt.channel is not None:
        clauses.append("t.channel = :channel")
        params["channel"] = flt.channel
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def list_tasks(conn: sqlite3.Connection, flt: TaskFilter, today: date) -> tuple[list[Task], int]:
    """Matching tasks, the open most urgent first, the closed most recently closed first, and
    how many match in all."""
    where, params = where_clause(flt, today)
    # The filters read only the task, and every task has its lead (leads are never deleted), so
    # the count skips the join: the `tasks_status_due` index alone answers it.
    total = conn.execute("SELECT count(*) FROM tasks t" + where, params).fetchone()[0]
    due_by = _due_by(flt, today)
    if flt.status == "open" and flt.limit is not None and due_by is not False:
        return most_urgent(conn, today, flt.limit, due_by), int(total)
    return list(each_task(conn, flt, today)), int(total)


def each_task(conn: sqlite3.Connection, flt: TaskFilter, today: date) -> Iterator[Task]:
    """The tasks `list_tasks` lists, one at a time as SQLite sorts them out (a listing of
    every task holds none of them for long)."""
    where, params = where_clause(flt, today)
    by_urgency = ((URGENCY_SQL, "DESC"), ("t.due", "ASC"), ("t.id", "ASC"))
    recently_closed = "coalesce(t.closed_at, t.updated_at) DESC, t.id DESC"
    if flt.status == "open":
        order = ", ".join(f"{term} {way}" for term, way in by_urgency)
    elif flt.status == "all":
        # Open tasks first, in the order `tasks` lists them; then the closed, latest first.
        open_first = [f"CASE WHEN t.status = 'open' THEN {t} END {way}" for t, way in by_urgency]
        order = ", ".join(["t.status = 'open' DESC", *open_first, recently_closed])
    else:
        order = recently_closed
    sql = f"{TASK_SELECT}{where} ORDER BY {order}"
    if flt.limit is not None:
        sql += " LIMIT :limit"
        params["limit"] = flt.limit
    return map(row_to_task, conn.execute(sql, params))


def _due_by(flt: TaskFilter, today: date) -> date | Literal[False] | None:
    """The last due date `flt` lists (None: any), or False when it filters on more."""
    if flt.lead_id is not None or flt.channel is not None or isinstance(flt.due, date):
        return False
    if flt.due == "overdue":
        return today - timedelta(days=1)
    if flt.due == "today":
        return today
    if flt.due == "week":
        return today + timedelta(days=WEEK_DAYS - 1)
    return None


_BY_IDS = "t.id IN (SELECT value FROM json_each(:ids))"
_SCORED = (
    f"SELECT t.id, {URGENCY_SQL} FROM tasks t JOIN leads l ON l.id = t.lead_id WHERE {_BY_IDS}"
)


def most_urgent(
    conn: sqlite3.Connection, today: date, limit: int, due_by: date | None
) -> list[Task]:
    """The `limit` most urgent open tasks due by `due_by` (None: any day), as a full sort
    would list them, scoring only the few that could be among them (store.task_rank)."""
    ids = ranked_ids(conn, today, limit, due_by, _SCORED)
    rows = conn.execute(
        f"{TASK_SELECT} WHERE {_BY_IDS} ORDER BY {URGENCY_SQL} DESC, t.due, t.id LIMIT :limit",
        {**date_params(today), "ids": json.dumps(ids), "limit": limit},
    )
    return [row_to_task(r) for r in rows]


def sql_urgencies(conn: sqlite3.Connection, today: date) -> dict[int, float]:
    """Every task's urgency as SQL computes it, for the test that SQL sorts by the score."""
    sql = f"SELECT t.id, {URGENCY_SQL} AS urgency FROM tasks t JOIN leads l ON l.id = t.lead_id"
    return {row["id"]: row["urgency"] for row in conn.execute(sql, date_params(today))}
