"""Follow-up tasks: added by hand or from a cadence, done, snoozed, dropped or cancelled.

Every change reads the task inside its own write transaction and checks it there, so a rule
broken (a dropped task marked done, a date in the past) leaves the store exactly as it was.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from salescoach.core.kernel.records import NewInteraction
from salescoach.core.planning.tasks import (
    Task,
    TaskChanges,
    require_not_past,
    require_open,
)
from salescoach.errors import NotFoundError, UsageError
from salescoach.store.db import transaction
from salescoach.store.interactions import insert_interaction, logging_enabled

if TYPE_CHECKING:  # the cadence module pulls in the playbook model: not needed to list tasks
    from salescoach.core.planning.cadence import PlannedTask

# Tasks with what listing and urgency need of their lead, in one indexed join.
TASK_SELECT = (
    "SELECT t.id, t.lead_id, t.title, t.due, t.channel, t.priority, t.status, t.cadence, "
    "t.stop_on_reply, t.note, t.reason, t.created_at, t.updated_at, t.closed_at, "
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
    )


def get_task(conn: sqlite3.Connection, task_id: int) -> Task:
    row = conn.execute(TASK_SELECT + " WHERE t.id = ?", (task_id,)).fetchone()
    if row is None:
        raise NotFoundError(
            f"no task with id {task_id}", hint="see `salescoach tasks --status all`"
        )
    return row_to_task(row)


def add_task(
    conn: sqlite3.Connection,
    lead_id: int,
    title: str,
    due: date,
    now: datetime,
    *,
    channel: str | None = None,
    priority: str = "normal",
    note: str | None = None,
) -> Task:
    """Add one task by hand (its own transaction). The due date may not be in the past."""
    require_not_past(due, now.date(), "the due date")
    stamp = now.isoformat(timespec="seconds")
    with transaction(conn):
        status = conn.execute("SELECT status FROM leads WHERE id = ?", (lead_id,)).fetchone()
        if status is None:
            raise NotFoundError(f"no lead with id {lead_id}")
        if status["status"] == "archived":
            raise UsageError(
                f"lead {lead_id} is archived; reopen it before adding tasks",
                hint=f"salescoach lead stage {lead_id} STEP --reopen",
            )
        cursor = conn.execute(
            "INSERT INTO tasks (lead_id, title, due, channel, priority, note, created_at, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (lead_id, title, due.isoformat(), channel, priority, note, stamp, stamp),
        )
        return get_task(conn, int(cursor.lastrowid or 0))


def complete_task(
    conn: sqlite3.Connection, task_id: int, now: datetime, *, note: str | None = None
) -> Task:
    """Mark an open task done and log it as an interaction on the task's channel."""
    stamp = now.isoformat(timespec="seconds")
    with transaction(conn):
        task = get_task(conn, task_id)
        require_open(task, "marked done")
        conn.execute(
            "UPDATE tasks SET status = 'done', updated_at = ?, closed_at = ? WHERE id = ?",
            (stamp, stamp, task_id),
        )
        if logging_enabled(conn):
            detail: dict[str, Any] = {"task_id": task.id, "title": task.title}
            if task.cadence:
                detail["cadence"] = task.cadence
            insert_interaction(
                conn,
                NewInteraction(
                    lead_id=task.lead_id,
                    at=now,
                    kind="task",
                    step=task.step,
                    channel=task.channel,
                    text=f"{task.title}: {note}" if note else task.title,
                    detail=detail,
                ),
            )
        return get_task(conn, task_id)


def snooze_task(conn: sqlite3.Connection, task_id: int, until: date, now: datetime) -> Task:
    """Move an open task's due date to `until` (today or later)."""
    require_not_past(until, now.date(), "snoozing until")
    return _update(conn, task_id, {"due": until.isoformat()}, now, "snoozed")


def drop_task(conn: sqlite3.Connection, task_id: int, reason: str, now: datetime) -> Task:
    """Close an open task without doing it; the reason is kept on the task."""
    if not reason.strip():
        raise UsageError("say why the task is dropped", hint="--reason 'no longer relevant'")
    stamp = now.isoformat(timespec="seconds")
    changes = {"status": "dropped", "reason": reason.strip(), "closed_at": stamp}
    return _update(conn, task_id, changes, now, "dropped")


def edit_task(conn: sqlite3.Connection, task_id: int, changes: TaskChanges, now: datetime) -> Task:
    if changes.is_empty():
        raise UsageError("nothing to change", hint="give --title, --due, --channel or --priority")
    if changes.due is not None:
        require_not_past(changes.due, now.date(), "the due date")
    values = {
        "title": changes.title,
        "due": changes.due.isoformat() if changes.due else None,
        "channel": changes.channel,
        "priority": changes.priority,
    }
    return _update(conn, task_id, {k: v for k, v in values.items() if v is not None}, now, "edited")


def _update(
    conn: sqlite3.Connection, task_id: int, values: dict[str, Any], now: datetime, action: str
) -> Task:
    with transaction(conn):
        require_open(get_task(conn, task_id), action)
        values = {**values, "updated_at": now.isoformat(timespec="seconds")}
        assignments = ", ".join(f"{name} = ?" for name in values)
        conn.execute(f"UPDATE tasks SET {assignments} WHERE id = ?", [*values.values(), task_id])
        return get_task(conn, task_id)
