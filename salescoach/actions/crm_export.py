"""`export activities --for CRM`: what the CRM has not been given yet, and the record that it
now has. The marks move only after the file was written, and never backwards."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import date

from salescoach.core.leads.activity_export import (
    Activity,
    from_interaction,
    from_task,
    logged_here,
)
from salescoach.store.crm_export import (
    Marks,
    logged_after,
    lowest,
    open_tasks_after,
    read_marks,
    save_marks,
)
from salescoach.store.db import transaction
from salescoach.store.exporter import snapshot


def pending_activities(
    conn: sqlite3.Connection,
    vendor: str,
    types: Sequence[str],
    since: date | None,
    *,
    again: bool = False,
) -> tuple[list[Activity], Marks]:
    """The activities of `types` not yet exported to `vendor` (all of them when `again`) that
    happened, or were added, on or after `since`; and the marks once they are exported.
    Those before `since` are passed over: the marks move past them too."""
    marks = Marks() if again else read_marks(conn, vendor)
    with snapshot(conn):
        logged = logged_after(conn, lowest(marks, types))
        tasks = open_tasks_after(conn, marks.tasks) if "task" in types else []
    activities = []
    after = Marks(dict(marks.interactions), marks.tasks)
    for item, contact in logged:
        if not logged_here(item):
            continue
        activity = from_interaction(item, contact)
        if activity.type not in types or item.id <= marks.interactions.get(activity.type, 0):
            continue
        after.interactions[activity.type] = item.id
        if since is None or item.at.date() >= since:
            activities.append(activity)
    for task, contact in tasks:
        after.tasks = task.id
        if since is None or task.created_at.date() >= since:
            activities.append(from_task(task, contact))
    return activities, after


def record_export(conn: sqlite3.Connection, vendor: str, marks: Marks) -> None:
    """Remember what `vendor` has been given (marks only ever grow)."""
    with transaction(conn):
        saved = read_marks(conn, vendor)
        for kind, last in marks.interactions.items():
            saved.interactions[kind] = max(saved.interactions.get(kind, 0), last)
        saved.tasks = max(saved.tasks, marks.tasks)
        save_marks(conn, vendor, saved)
