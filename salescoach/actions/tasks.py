"""Changing follow-up tasks by hand: add, done, snooze, drop, edit (`salescoach tasks ...`).

Every change reads the task inside its own write transaction and checks it there by the
rules in `core.planning.tasks`, so a rule broken (a dropped task marked done, a date in the
past) leaves the store exactly as it was.
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, time
from typing import Any

from salescoach.actions.interaction_log import InteractionLog
from salescoach.core.kernel.records import NewInteraction
from salescoach.core.kernel.safe_text import check_text
from salescoach.core.planning.cancellation import reopened_due, require_reopenable
from salescoach.core.planning.tasks import (
    Task,
    TaskChanges,
    require_not_past,
    require_open,
    require_time_ahead,
)
from salescoach.errors import UsageError
from salescoach.store.db import transaction
from salescoach.store.leads import get_lead
from salescoach.store.sync_state import require_own_lead
from salescoach.store.tasks import clock_text, close_task, get_task, insert_task, update_task


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
    at: time | None = None,
) -> Task:
    """Add one task by hand, due on a day (at a time of day, if `at`). The due date may not
    be in the past, nor the lead archived."""
    require_not_past(due, now.date(), "the due date")
    require_time_ahead(due, at, now)
    note = check_text("task note", note, multiline=True) if note else note
    with transaction(conn):
        require_own_lead(conn, lead_id)
        if get_lead(conn, lead_id).status == "archived":
            raise UsageError(
                f"lead {lead_id} is archived; reopen it before adding tasks",
                hint=f"salescoach lead stage {lead_id} STEP --reopen",
            )
        task_id = insert_task(
            conn, lead_id, title, due, now, channel=channel, priority=priority, note=note, at=at
        )
        return get_task(conn, task_id)


def complete_task(
    conn: sqlite3.Connection,
    log: InteractionLog,
    task_id: int,
    now: datetime,
    *,
    note: str | None = None,
) -> Task:
    """Mark an open task done and log it as an interaction on the task's channel."""
    note = check_text("note", note, multiline=True) if note else note
    with transaction(conn):
        task = _own_task(conn, task_id)
        require_open(task, "marked done")
        close_task(conn, task_id, "done", now, reason=None)
        detail: dict[str, Any] = {"task_id": task.id, "title": task.title}
        if task.cadence:
            detail["cadence"] = task.cadence
        log.write(
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


def snooze_task(
    conn: sqlite3.Connection, task_id: int, until: date, now: datetime, at: time | None = None
) -> Task:
    """Move an open task's due date to `until` (today or later); its time of day stays,
    unless `at` gives another."""
    require_not_past(until, now.date(), "snoozing until")
    values: dict[str, Any] = {"due": until.isoformat()}
    if at is not None:
        values["due_time"] = clock_text(at)
    with transaction(conn):
        task = _own_task(conn, task_id)
        require_open(task, "snoozed")
        require_time_ahead(until, at or task.due_time, now)
        update_task(conn, task_id, values, now)
        return get_task(conn, task_id)


def drop_task(conn: sqlite3.Connection, task_id: int, reason: str, now: datetime) -> Task:
    """Close an open task without doing it; the reason is kept on the task."""
    if not reason.strip():
        raise UsageError("say why the task is dropped", hint="--reason 'no longer relevant'")
    reason = check_text("reason", reason.strip())
    with transaction(conn):
        require_open(_own_task(conn, task_id), "dropped")
        close_task(conn, task_id, "dropped", now, reason=reason)
        return get_task(conn, task_id)


def reopen_task(conn: sqlite3.Connection, task_id: int, now: datetime) -> Task:
    """Open a cancelled or dropped task again (`core.planning.cancellation`): due when it was
    due, or today when that day has passed."""
    with transaction(conn):
        task = _own_task(conn, task_id)
        require_reopenable(task.id, task.status, task.lead_status)
        due = reopened_due(task.due, now.date())
        values: dict[str, Any] = {"status": "open", "reason": None, "closed_at": None}
        values["due"] = due.isoformat()
        if due != task.due:
            values["due_time"] = None  # "today, any time": the old time of day has passed
        update_task(conn, task_id, values, now)
        return get_task(conn, task_id)


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
    given: dict[str, Any] = {k: v for k, v in values.items() if v is not None}
    if changes.due is not None:
        # A new due date replaces the time of day too: "friday" is any time on Friday.
        require_time_ahead(changes.due, changes.due_time, now)
        given["due_time"] = clock_text(changes.due_time)
    return _change_open(conn, task_id, given, now, "edited")


def _change_open(
    conn: sqlite3.Connection, task_id: int, values: dict[str, Any], now: datetime, action: str
) -> Task:
    with transaction(conn):
        require_open(_own_task(conn, task_id), action)
        update_task(conn, task_id, values, now)
        return get_task(conn, task_id)


def _own_task(conn: sqlite3.Connection, task_id: int) -> Task:
    """The task, when its lead is still this rep's (a lead handed away is read-only)."""
    task = get_task(conn, task_id)
    require_own_lead(conn, task.lead_id)
    return task
