"""Listing tasks: filters, and ordering by urgency computed in SQL.

The urgency expression is built from the coefficient tables in `core.urgency`, so SQLite can
sort every open task and hand back only the first page; Python then scores just those rows
(with their terms, for `--explain`). A test keeps the two computations equal.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from salescoach.core.planning import urgency as u
from salescoach.core.planning.tasks import Task
from salescoach.store.tasks import TASK_SELECT, row_to_task

DUE_WORDS = ("today", "overdue", "week")
WEEK_DAYS = 7  # `--due week`: today and the six days after it
_SAFE_KEY = re.compile(r"^[a-z_]+$")


@dataclass(frozen=True)
class TaskFilter:
    """Which tasks to list. `due` is a word from DUE_WORDS or an exact date."""

    due: str | date | None = None
    lead_id: int | None = None
    channel: str | None = None
    status: str = "open"  # or "all", or any task status
    limit: int | None = 50  # None: every match


def _case(column: str, values: Mapping[str, float]) -> str:
    arms = []
    for key, value in values.items():
        assert _SAFE_KEY.match(key), key  # our own constants, written into the SQL as literals
        arms.append(f"WHEN '{key}' THEN {value!r}")
    return f"(CASE {column} {' '.join(arms)} ELSE 0.0 END)"


def urgency_sql() -> str:
    """The urgency total as an SQL expression over `t` (tasks) and `l` (leads).

    Named parameters: :today, :tomorrow (ISO dates). Terms are added in `u.TERM_ORDER`."""
    late = "(julianday(:today) - julianday(t.due))"
    age = "(julianday(:today) - julianday(substr(t.created_at, 1, 10)))"
    values = {
        "overdue": f"(min(max({late}, 0), {u.OVERDUE_CAP_DAYS}) / {float(u.OVERDUE_CAP_DAYS)!r})",
        "due": f"(CASE WHEN {late} >= 0 THEN 1.0 "
        f"ELSE max(0.0, 1.0 + {late} / {float(u.DUE_SOON_DAYS)!r}) END)",
        "sla": "(CASE WHEN l.first_contact_at IS NOT NULL OR l.status != 'open' "
        "OR l.sla_due IS NULL THEN 0.0 "
        f"WHEN l.sla_due < :today THEN {u.SLA_BROKEN!r} "
        f"WHEN l.sla_due = :today THEN {u.SLA_TODAY!r} "
        f"WHEN l.sla_due = :tomorrow THEN {u.SLA_TOMORROW!r} ELSE 0.0 END)",
        "priority": _case("t.priority", u.PRIORITY_VALUES),
        "stage": _case("l.step", u.STAGE_VALUES),
        "temperature": _case("l.temperature", u.TEMPERATURE_VALUES),
        "age": f"(min(max({age}, 0), {u.AGE_CAP_DAYS}) / {float(u.AGE_CAP_DAYS)!r})",
    }
    terms = [f"{u.COEFFICIENTS[name]!r} * {values[name]}" for name in u.TERM_ORDER]
    return "(" + " + ".join(terms) + ")"


def date_params(today: date) -> dict[str, str]:
    return {"today": today.isoformat(), "tomorrow": (today + timedelta(days=1)).isoformat()}


def _where(flt: TaskFilter, today: date) -> tuple[str, dict[str, Any]]:
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
    """Matching tasks, most urgent first (open tasks) or most recently closed first (others),
    and how many match in all."""
    where, params = _where(flt, today)
    total = conn.execute(
        "SELECT count(*) FROM tasks t JOIN leads l ON l.id = t.lead_id" + where, params
    ).fetchone()[0]
    order = (
        f"{urgency_sql()} DESC, t.due, t.id"
        if flt.status == "open"
        else "t.status = 'open' DESC, coalesce(t.closed_at, t.updated_at) DESC, t.id DESC"
    )
    sql = f"{TASK_SELECT}{where} ORDER BY {order}"
    if flt.limit is not None:
        sql += " LIMIT :limit"
        params["limit"] = flt.limit
    return [row_to_task(r) for r in conn.execute(sql, params)], int(total)


def sql_urgencies(conn: sqlite3.Connection, today: date) -> dict[int, float]:
    """Every task's urgency as SQL computes it, for the test that holds SQL and Python equal."""
    sql = f"SELECT t.id, {urgency_sql()} AS urgency FROM tasks t JOIN leads l ON l.id = t.lead_id"
    return {row["id"]: row["urgency"] for row in conn.execute(sql, date_params(today))}
