"""Tasks for other tools: iCalendar, taskwarrior's JSON import format, and CSV.

Identifiers are stable, so exporting again and re-importing updates rather than duplicates:
the iCalendar UID is `task-<id>@salescoach` and the taskwarrior uuid is a UUID5 of that UID.
A task due on a day stays a date: in iCalendar a floating date (the reader's own day);
taskwarrior wants an instant, so it is due at the end of its day in the local time zone. A
task with a time of day is due at that moment on the local clock: iCalendar gets it in UTC,
as an event with a start and a duration, and a reminder (VALARM) before it.
"""

from __future__ import annotations

import io
import json
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, time, timedelta

from salescoach.core.kernel.csvsafe import write_csv
from salescoach.core.kernel.dates import MAX_YEAR, MIN_YEAR, in_range
from salescoach.core.planning import ics
from salescoach.core.planning.tasks import Task
from salescoach.errors import UsageError

FORMATS = ("ics", "taskwarrior", "csv")
_TODO_STATUS = {"open": "NEEDS-ACTION", "done": "COMPLETED"}
_EVENT_STATUS = {"open": "CONFIRMED", "done": "CONFIRMED"}
_ICS_PRIORITY = {"high": "1", "normal": "5", "low": "9"}
_TW_STATUS = {"open": "pending", "done": "completed"}
_TW_PRIORITY = {"high": "H", "normal": "M", "low": "L"}
CSV_COLUMNS = (
    "id",
    "lead_id",
    "lead",
    "title",
    "due",
    "channel",
    "priority",
    "status",
    "cadence",
    "note",
    "reason",
    "created_at",
    "closed_at",
)


def uid(task: Task) -> str:
    return f"task-{task.id}@salescoach"


def summary(task: Task) -> str:
    return f"{task.lead_label}: {task.title}"


def _description(task: Task) -> str:
    lines = [f"Lead: {task.lead_label} (salescoach lead {task.lead_id})"]
    if task.channel:
        lines.append(f"Channel: {task.channel}")
    if task.note:
        lines.append(task.note)
    return "\n".join(lines)


# How long an event for a task with a time of day lasts, by channel, unless told.
EVENT_MINUTES = {"call": 15, "meeting": 60}
DEFAULT_EVENT_MINUTES = 30
DEFAULT_ALARM_MINUTES = 10


def due_moment(task: Task) -> datetime | None:
    """When a task with a time of day is due, on the local clock; None for a day's task."""
    if task.due_time is None:
        return None
    return datetime.combine(task.due, task.due_time).astimezone()


def _alarm(task: Task, minutes: int, related_end: bool) -> list[list[str]]:
    if minutes <= 0:
        return []
    trigger = "TRIGGER;RELATED=END" if related_end else "TRIGGER"
    props: list[ics.Property] = [
        ("ACTION", "DISPLAY"),
        ("DESCRIPTION", ics.escape_text(summary(task))),
        (trigger, "-" + ics.duration(minutes)),
    ]
    return [ics.component("VALARM", props)]


def to_ics(
    tasks: Sequence[Task],
    now: datetime,
    *,
    version: str,
    as_events: bool = False,
    alarm_minutes: int = DEFAULT_ALARM_MINUTES,
    event_minutes: int | None = None,
) -> str:
    """VTODOs with a DUE date, or VEVENTs (`as_events`): all-day on the due date, or, for a
    task with a time of day, starting then and lasting `event_minutes` (by default by
    channel). Timed tasks get a reminder `alarm_minutes` before (0: none). The caller names
    the product `version`: core does not import the package it sits in."""
    components = []
    for task in tasks:
        _check_due(task)
        props: list[ics.Property] = [
            ("UID", uid(task)),
            ("DTSTAMP", ics.utc_stamp(now)),
            ("CREATED", ics.utc_stamp(task.created_at)),
            ("LAST-MODIFIED", ics.utc_stamp(task.updated_at)),
            ("SUMMARY", ics.escape_text(summary(task))),
            ("DESCRIPTION", ics.escape_text(_description(task))),
        ]
        categories = ["salescoach", *([task.channel] if task.channel else [])]
        props.append(("CATEGORIES", ",".join(ics.escape_text(c) for c in categories)))
        moment = due_moment(task)
        alarm = _alarm(task, alarm_minutes, related_end=not as_events) if moment else []
        if as_events and moment is not None:
            minutes = event_minutes or EVENT_MINUTES.get(task.channel or "", DEFAULT_EVENT_MINUTES)
            props += [
                ("DTSTART", ics.utc_stamp(moment)),
                ("DTEND", ics.utc_stamp(moment + timedelta(minutes=minutes))),
                ("TRANSP", "OPAQUE"),
                ("STATUS", _EVENT_STATUS.get(task.status, "CANCELLED")),
            ]
            components.append(ics.component("VEVENT", props, alarm))
            continue
        if as_events:
            props += [
                ("DTSTART;VALUE=DATE", ics.date_value(task.due)),
                ("DTEND;VALUE=DATE", ics.date_value(task.due + timedelta(days=1))),
                ("TRANSP", "TRANSPARENT"),
                ("STATUS", _EVENT_STATUS.get(task.status, "CANCELLED")),
            ]
            components.append(ics.component("VEVENT", props))
            continue
        due = (
            ("DUE", ics.utc_stamp(moment))
            if moment
            else ("DUE;VALUE=DATE", ics.date_value(task.due))
        )
        props += [
            due,
            ("PRIORITY", _ICS_PRIORITY.get(task.priority, "0")),
            ("STATUS", _TODO_STATUS.get(task.status, "CANCELLED")),
        ]
        if task.status == "done" and task.closed_at:
            props.append(("COMPLETED", ics.utc_stamp(task.closed_at)))
        components.append(ics.component("VTODO", props, alarm))
    return ics.calendar(components, prodid=f"-//salescoach//salescoach {version}//EN")


def _tw_stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def local_end_of_day(task: Task) -> datetime:
    """When the task is due for taskwarrior: its time of day, else the last second of the
    due day, on the local clock (DST-aware via the system zone)."""
    return due_moment(task) or datetime.combine(task.due, time(23, 59, 59)).astimezone()


def to_taskwarrior(tasks: Sequence[Task]) -> str:
    """A JSON array in taskwarrior's task format, as `task import` reads it."""
    items = []
    for task in tasks:
        item: dict[str, object] = {
            "uuid": str(uuid.uuid5(uuid.NAMESPACE_URL, f"salescoach:{uid(task)}")),
            "description": summary(task),
            "status": _TW_STATUS.get(task.status, "deleted"),
            "entry": _tw_stamp(task.created_at),
            "modified": _tw_stamp(task.updated_at),
            "due": _tw_stamp(local_end_of_day(task)),
            "priority": _TW_PRIORITY.get(task.priority, "M"),
            "project": "salescoach",
            "tags": [task.channel] if task.channel else [],
        }
        if task.status != "open":
            item["end"] = _tw_stamp(task.closed_at or task.updated_at)
        if task.note:
            item["annotations"] = [{"entry": _tw_stamp(task.created_at), "description": task.note}]
        items.append(item)
    return json.dumps(items, ensure_ascii=False, indent=1, allow_nan=False) + "\n"


def to_csv(tasks: Sequence[Task]) -> str:
    rows = (
        [
            task.id,
            task.lead_id,
            task.lead_label,
            task.title,
            task.due.isoformat(),
            task.channel or "",
            task.priority,
            task.status,
            task.cadence or "",
            task.note or "",
            task.reason or "",
            task.created_at.isoformat(timespec="seconds"),
            task.closed_at.isoformat(timespec="seconds") if task.closed_at else "",
        ]
        for task in tasks
    )
    buffer = io.StringIO()
    write_csv(buffer, CSV_COLUMNS, rows)
    return buffer.getvalue()


def _check_due(task: Task) -> None:
    """A due date a store from before the date range may hold (9999-12-31 has no next day
    for an event to end on) is named instead of crashing the export."""
    if not in_range(task.due):
        raise UsageError(
            f"task {task.id} is due {task.due.isoformat()}, outside the years "
            f"{MIN_YEAR}-{MAX_YEAR} salescoach keeps; nothing was exported",
            hint=f"salescoach tasks edit {task.id} --due DATE",
        )
