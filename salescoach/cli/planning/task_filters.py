"""Turning the task filter options people type into a store `TaskFilter`."""

from __future__ import annotations

import sqlite3
from datetime import date

from salescoach.core.kernel.dates import parse_date
from salescoach.core.planning.tasks import TASK_STATUSES, check_channel
from salescoach.errors import UsageError
from salescoach.store.task_queries import DUE_WORDS, TaskFilter


def task_filter(
    conn: sqlite3.Connection,
    today: date,
    *,
    due: str | None,
    lead: str | None,
    channel: str | None,
    status: str,
    limit: int | None,
) -> TaskFilter:
    from salescoach.store.leads import find_lead

    word = status.strip().lower()
    if word not in (*TASK_STATUSES, "all"):
        raise UsageError(
            f"unknown status {status!r}", hint="statuses: " + ", ".join((*TASK_STATUSES, "all"))
        )
    when: str | date | None = None
    if due is not None:
        when = due.strip().lower() if due.strip().lower() in DUE_WORDS else parse_date(due, today)
    return TaskFilter(
        due=when,
        lead_id=find_lead(conn, lead).id if lead is not None else None,
        channel=check_channel(channel),
        status=word,
        limit=limit or None,
    )
