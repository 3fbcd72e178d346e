"""Follow-up tasks: added by hand or from a cadence, done, snoozed, dropped or cancelled.

Reads and writes only; the rules for changing a task are in `core.planning.tasks`, applied by
`actions.tasks` inside one transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from salescoach.core.planning.tasks import Task
from salescoach.errors import NotFoundError

if TYPE_CHECKING:  # the cadence module pulls in the playbook model: not needed to list tasks
    from salescoach.core.planning.cadence import PlannedTask

# Tasks with what listing and urgency need of their lead, in one indexed join.
TASK_SELECT = (
    "SELECT t.id, t.lead_id, t.title, t.due, t.channel, t.priority, t.status, t.cadence, "
    "t.stop_on_reply, t.note, t.reason, t.created_at, t.updated_at, t.closed_at, t.due_time, "
    "l.name AS lead_name, l.company AS lead_company, l.temperature, l.step, "
    "l.status AS lead_status, l.first_contact_at IS NOT NULL AS contacted, l.sla_due "
    "FROM tasks t JOIN leads l ON l.id = t.lead_id"
)


def insert_tasks(
    conn: sqlite3.Connection,
    lead_id: int,
    planned: Iterable[PlannedTask],
    now: datetime,
    *,
    session_id: int | None = None,
) -> list[int]:
    """Add tasks (inside the caller's transaction). A task whose dedupe key the lead already
    has is skipped, so running a cadence twice adds nothing. Returns the new ids."""
    stamp = now.isoformat(timespec="seconds")
    ids = []
    for task in planned:
        cursor = conn.execute(
            "INSERT INTO tasks (lead_id, title, due, channel, priority, cadence, dedupe_key, "
            "stop_on_reply, note, session_id, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (lead_id, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING",
            (
                lead_id,
                task.title,
                task.due.isoformat(),
                task.channel,
                task.priority,
                task.cadence,
                task.dedupe_key,
                int(task.stop_on_reply),
                task.note,
                session_id,
                stamp,
                stamp,
            ),
        )
        if cursor.rowcount:
            ids.append(int(cursor.lastrowid or 0))
    return ids


def row_to_task(row: sqlite3.Row) -> Task:
    return Task(
        id=row["id"],
        lead_id=row["lead_id"],
        title=row["title"],
        due=date.fromisoformat(row["due"]),
        channel=row["channel"],
        priority=row["priority"],
        status=row["status"],
        cadence=row["cadence"],
        stop_on_reply=bool(row["stop_on_reply"]),
        note=row["note"],
        reason=row["reason"],
        created_at=datetime.fromisoformat(row["created_at"]),
        updated_at=datetime.fromisoformat(row["updated_at"]),
        closed_at=datetime.fromisoformat(row["closed_at"]) if row["closed_at"] else None,
        lead_name=row["lead_name"],
        lead_company=row["lead_company"],
        temperature=row["temperature"],
        step=row["step"],
        lead_status=row["lead_status"],
        contacted=bool(row["contacted"]),
        sla_due=date.fromisoformat(row["sla_due"]) if row["sla_due"] else None,
        due_time=time.fromisoformat(row["due_time"]) if row["due_time"] else None,
    )


def get_task(conn: sqlite3.Connection, task_id: int) -> Task:
    row = conn.execute(TASK_SELECT + " WHERE t.id = ?", (task_id,)).fetchone()
    if row is None:
        raise NotFoundError(
            f"no task with id {task_id}", hint="see `salescoach tasks --status all`"
        )
    return row_to_task(row)


def insert_task(
    conn: sqlite3.Connection,
    lead_id: int,
    title: str,
    due: date,
    now: datetime,
    *,
    channel: str | None = None,
    priority: str = "normal",
    note: str | None = None,
    at: time | None = None,
) -> int:
    """Add one task by hand (inside the caller's transaction); returns its id."""
    stamp = now.isoformat(timespec="seconds")
    cursor = conn.execute(
        "INSERT INTO tasks (lead_id, title, due, due_time, channel, priority, note, created_at, "
        "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (lead_id, title, due.isoformat(), clock_text(at), channel, priority, note, stamp, stamp),
    )
    return int(cursor.lastrowid or 0)


def clock_text(at: time | None) -> str | None:
    """A time of day as stored: HH:MM."""
    return at.strftime("%H:%M") if at else None


def update_task(
    conn: sqlite3.Connection, task_id: int, values: dict[str, Any], now: datetime
) -> None:
    """Change task columns (inside the caller's transaction), stamping `updated_at`."""
    values = {**values, "updated_at": now.isoformat(timespec="seconds")}
    assignments = ", ".join(f"{name} = ?" for name in values)
    conn.execute(f"UPDATE tasks SET {assignments} WHERE id = ?", [*values.values(), task_id])


def close_task(
    conn: sqlite3.Connection, task_id: int, status: str, now: datetime, *, reason: str | None
) -> None:
    """Close a task as `status` (done, dropped), with why (inside the caller's transaction)."""
    stamp = now.isoformat(timespec="seconds")
    values: dict[str, Any] = {"status": status, "closed_at": stamp}
    if reason is not None:
        values["reason"] = reason
    update_task(conn, task_id, values, now)


def task_statuses(conn: sqlite3.Connection, task_ids: Iterable[int]) -> dict[int, str]:
    """The status of each of these tasks (those that exist)."""
    ids = list(task_ids)
    marks = ", ".join("?" * len(ids))
    rows = conn.execute(f"SELECT id, status FROM tasks WHERE id IN ({marks})", ids)
    return {int(r["id"]): str(r["status"]) for r in rows}


def task_id_for_key(conn: sqlite3.Connection, lead_id: int, dedupe_key: str) -> int | None:
    """The id of the lead's task with that de-duplication key, if it has one."""
    row = conn.execute(
        "SELECT id FROM tasks WHERE lead_id = ? AND dedupe_key = ?", (lead_id, dedupe_key)
    ).fetchone()
    return int(row["id"]) if row else None
