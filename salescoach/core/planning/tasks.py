"""Follow-up tasks as values, and the rules for changing them.

A task is `open` until it is `done`, `dropped` (by the rep, with a reason) or `cancelled` (by
the tool: the lead was won, lost, archived, or replied to a stop-on-reply cadence). Only open
tasks change; a due date a person sets is never in the past.

What counts as a reply: an interaction logged with `result = "replied"` (REPLY_RESULT), which
`salescoach log LEAD --reply` writes. Which tasks a reply cancels, and how a cancelled task is
reopened, is `core.planning.cancellation`.
"""

from __future__ import annotations

from datetime import date, datetime, time

from salescoach.core.kernel.records import NewInteraction, lead_label, parse_channel
from salescoach.core.kernel.safe_text import check_text
from salescoach.core.kernel.slotted import HashedSlotted
from salescoach.core.planning.urgency import UrgencyInput
from salescoach.errors import UsageError

TASK_STATUSES = ("open", "done", "dropped", "cancelled")
PRIORITIES = ("low", "normal", "high")
REPLY_RESULT = "replied"


class Task(HashedSlotted):
    __slots__ = (  # noqa: RUF023
        "id",
        "lead_id",
        "title",
        "due",
        "channel",
        "priority",
        "status",
        "cadence",
        "stop_on_reply",
        "note",
        "reason",
        "created_at",
        "updated_at",
        "closed_at",
        "lead_name",
        "lead_company",
        "temperature",
        "step",
        "lead_status",
        "contacted",
        "sla_due",
        "due_time",
    )

    def __init__(
        self,
        id: int,
        lead_id: int,
        title: str,
        due: date,
        channel: str | None,
        priority: str,
        status: str,
        cadence: str | None,
        stop_on_reply: bool,
        note: str | None,
        reason: str | None,
        created_at: datetime,
        updated_at: datetime,
        closed_at: datetime | None,
        lead_name: str,
        lead_company: str | None,
        temperature: str,
        step: str,
        lead_status: str,
        contacted: bool,
        sla_due: date | None,
        due_time: time | None = None,
    ) -> None:
        self.id = id
        self.lead_id = lead_id
        self.title = title
        self.due = due
        self.channel = channel
        self.priority = priority
        self.status = status
        self.cadence = cadence
        self.stop_on_reply = stop_on_reply
        self.note = note
        self.reason = reason
        self.created_at = created_at
        self.updated_at = updated_at
        self.closed_at = closed_at
        # The lead, as far as listing and urgency need it.
        self.lead_name = lead_name
        self.lead_company = lead_company
        self.temperature = temperature
        self.step = step
        self.lead_status = lead_status
        self.contacted = contacted
        self.sla_due = sla_due
        self.due_time = due_time  # a time of day on the due date (local), if one was set

    @property
    def lead_label(self) -> str:
        return lead_label(self.lead_name, self.lead_company)

    @property
    def closed(self) -> str | None:
        """How and when a closed task was closed (`done 2026-03-04`, `cancelled 2026-03-11:
        lead replied`); None while it is open. Old rows without a close stamp use their last
        change."""
        if self.status == "open":
            return None
        when = (self.closed_at or self.updated_at).date().isoformat()
        return f"{self.status} {when}" + (f": {self.reason}" if self.reason else "")

    def urgency_input(self) -> UrgencyInput:
        return UrgencyInput(
            due=self.due,
            created=self.created_at.date(),
            priority=self.priority,
            temperature=self.temperature,
            step=self.step,
            lead_status=self.lead_status,
            contacted=self.contacted,
            sla_due=self.sla_due,
        )


class TaskChanges(HashedSlotted):
    """What `tasks edit` may change; None leaves a field as it is."""

    __slots__ = ("title", "due", "due_time", "channel", "priority")  # noqa: RUF023

    def __init__(
        self,
        title: str | None = None,
        due: date | None = None,
        due_time: time | None = None,
        channel: str | None = None,
        priority: str | None = None,
    ) -> None:
        self.title = title
        self.due = due
        self.due_time = due_time  # with `due`: its time of day (None: any time that day)
        self.channel = channel
        self.priority = priority

    def is_empty(self) -> bool:
        return all(v is None for v in (self.title, self.due, self.channel, self.priority))


def require_open(task: Task, action: str) -> None:
    if task.status != "open":
        why = f" ({task.reason})" if task.reason else ""
        raise UsageError(
            f"task {task.id} is {task.status}{why}; only open tasks can be {action}",
            hint="see open tasks with `salescoach tasks`",
        )


def require_not_past(day: date, today: date, what: str) -> None:
    if day < today:
        raise UsageError(
            f"{what} {day.isoformat()} is in the past (today is {today.isoformat()})",
            hint="give today or a later date",
        )


def require_time_ahead(day: date, at: time | None, now: datetime) -> None:
    """A time of day today must still be ahead (a later day may have any time)."""
    if at is not None and day == now.date() and at < now.time().replace(second=0, microsecond=0):
        raise UsageError(
            f"{at.strftime('%H:%M')} today has passed (it is {now.strftime('%H:%M')})",
            hint="give a later time, or a later day",
        )


def check_title(title: str) -> str:
    cleaned = " ".join(title.split())
    if not cleaned:
        raise UsageError("a task needs a title")
    return check_text("task title", cleaned)


def check_channel(channel: str | None) -> str | None:
    return parse_channel(channel, hint="channels: ")


def check_priority(priority: str | None) -> str | None:
    if priority is None:
        return None
    word = priority.strip().lower()
    if word not in PRIORITIES:
        raise UsageError(
            f"unknown priority {priority!r}", hint="priorities: " + ", ".join(PRIORITIES)
        )
    return word


def is_reply(item: NewInteraction) -> bool:
    """Whether a logged interaction is the lead replying (see the module docstring)."""
    return item.result == REPLY_RESULT
