"""The calls, e-mails, meetings, notes and open follow-ups logged here, as the CSV each CRM's
own import takes: Salesforce's Task object (Data Loader), HubSpot's activity imports (one
activity type per file, as HubSpot imports them), Pipedrive's activities import.

Pure: the store hands over interactions and tasks with their leads; this decides what each
becomes and writes it with the formula-safe CSV writer. README.md ("Activities back to the
CRM") has the column tables and where each column comes from.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from salescoach.core.kernel.csvsafe import write_csv
from salescoach.core.kernel.records import Interaction
from salescoach.core.planning.tasks import Task

VENDORS = ("salesforce", "hubspot", "pipedrive")
ACTIVITY_TYPES = ("call", "email", "meeting", "note", "task")
EXPORTED_KINDS = ("note", "outcome", "objection", "task")  # the walk's own records stay here
_CHANNEL_TYPES = {"call": "call", "email": "email", "meeting": "meeting"}
_CHANNEL_LABELS = {
    "call": "Call", "email": "E-mail", "meeting": "Meeting", "sms": "SMS", "social": "Social",
    "other": "Other",
}  # fmt: skip
SUBJECT_LIMIT = 255  # Salesforce's Task Subject
DEFAULT_TASK_TIME = time(9, 0)  # a task due on a day, not at a time, is placed at 9:00


@dataclass(frozen=True)
class Contact:
    """The lead an activity belongs to, as a CRM finds it."""

    lead_id: int
    name: str
    company: str | None
    email: str | None
    crm_vendor: str | None
    crm_id: str | None

    def crm_id_for(self, vendor: str) -> str:
        return self.crm_id or "" if self.crm_vendor == vendor else ""


@dataclass(frozen=True)
class Activity:
    ref: str  # "interaction-12" or "task-5": where it came from
    type: str  # one of ACTIVITY_TYPES
    contact: Contact
    start: datetime  # when it happened, or when the open task is due
    subject: str
    body: str
    done: bool
    priority: str  # low, normal, high
    minutes: int | None

    @property
    def day(self) -> date:
        return self.start.date()

    @property
    def end(self) -> datetime:
        return self.start + timedelta(minutes=self.minutes or 0)


def _first_line(text: str | None, limit: int = 80) -> str:
    line = (text or "").strip().splitlines()[0] if (text or "").strip() else ""
    return line if len(line) <= limit else line[: limit - 1] + "…"


def logged_here(item: Interaction) -> bool:
    """Whether a CRM should be given `item`: what was logged here, not the description a
    lead came in with (its first note, from the CRM's export or a marketing file)."""
    return not (item.detail or {}).get("imported_from")


def from_interaction(item: Interaction, contact: Contact) -> Activity:
    """What a logged interaction is to a CRM: its channel says the type (a note to self, an
    SMS or a social message is a note), its kind and text the subject."""
    label = _CHANNEL_LABELS.get(item.channel or "", "Note")
    if item.kind == "objection":
        summary = f"objection {item.objection}" + (f" ({item.result})" if item.result else "")
    elif item.kind == "outcome":
        summary = _first_line(item.text) or (item.result or "outcome")
    else:
        summary = _first_line(item.text)
    subject = summary if item.kind == "task" else f"{label}: {summary}".rstrip(": ")
    body = [item.text.strip()] if item.text and item.text.strip() else []
    if item.kind == "objection" and item.objection:
        body.append(f"Objection: {item.objection}" + (f", {item.result}" if item.result else ""))
    elif item.result:
        body.append(f"Result: {item.result}")
    if item.step:
        body.append(f"Step: {item.step}")
    body.append(f"Logged in salescoach (interaction {item.id})")
    kind = _CHANNEL_TYPES.get(item.channel or "", "task" if item.kind == "task" else "note")
    return Activity(
        ref=f"interaction-{item.id}",
        type=kind,
        contact=contact,
        start=item.at,
        subject=subject[:SUBJECT_LIMIT],
        body="\n".join(body),
        done=True,
        priority="normal",
        minutes=item.duration_minutes,
    )


def from_task(task: Task, contact: Contact) -> Activity:
    """An open follow-up task: a to-do for the CRM, due on its day (at its time, if any)."""
    start = datetime.combine(task.due, task.due_time or DEFAULT_TASK_TIME).astimezone()
    body = [task.note] if task.note else []
    body.append(f"Follow-up from salescoach (task {task.id})")
    return Activity(
        ref=f"task-{task.id}",
        type="task",
        contact=contact,
        start=start,
        subject=task.title[:SUBJECT_LIMIT],
        body="\n".join(body),
        done=False,
        priority=task.priority,
        minutes=None,
    )


def _hhmm(minutes: int | None) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}" if minutes else ""


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


Column = tuple[str, Callable[[Activity], object]]

_SF_PRIORITY = {"high": "High", "normal": "Normal", "low": "Low"}
_SF_TYPE = {"call": "Call", "email": "Email", "meeting": "Meeting"}
SALESFORCE: list[Column] = [
    ("Subject", lambda a: a.subject),
    ("ActivityDate", lambda a: a.day.isoformat()),
    ("Status", lambda a: "Completed" if a.done else "Not Started"),
    ("Priority", lambda a: _SF_PRIORITY.get(a.priority, "Normal")),
    ("Description", lambda a: a.body),
    ("WhoId", lambda a: a.contact.crm_id_for("salesforce")),
    ("Email", lambda a: a.contact.email),
    ("TaskSubtype", lambda a: {"call": "Call", "email": "Email"}.get(a.type, "Task")),
    ("Type", lambda a: _SF_TYPE.get(a.type, "Other")),
    ("CallDurationInSeconds", lambda a: a.minutes * 60 if a.type == "call" and a.minutes else None),
]  # fmt: skip

_HS_CONTACT: list[Column] = [
    ("Email", lambda a: a.contact.email),
    ("Contact Record ID", lambda a: a.contact.crm_id_for("hubspot")),
]
_HS_PRIORITY = {"high": "HIGH", "normal": "MEDIUM", "low": "LOW"}
HUBSPOT: dict[str, list[Column]] = {
    "call": [
        ("hs_timestamp", lambda a: _utc(a.start)),
        ("hs_call_title", lambda a: a.subject),
        ("hs_call_body", lambda a: a.body),
        ("hs_call_direction", lambda a: "OUTBOUND"),
        ("hs_call_status", lambda a: "COMPLETED"),
        ("hs_call_duration", lambda a: a.minutes * 60_000 if a.minutes else None),
        *_HS_CONTACT,
    ],
    "email": [
        ("hs_timestamp", lambda a: _utc(a.start)),
        ("hs_email_direction", lambda a: "EMAIL"),
        ("hs_email_status", lambda a: "SENT"),
        ("hs_email_subject", lambda a: a.subject),
        ("hs_email_text", lambda a: a.body),
        *_HS_CONTACT,
    ],
    "meeting": [
        ("hs_timestamp", lambda a: _utc(a.start)),
        ("hs_meeting_title", lambda a: a.subject),
        ("hs_meeting_body", lambda a: a.body),
        ("hs_meeting_start_time", lambda a: _utc(a.start)),
        ("hs_meeting_end_time", lambda a: _utc(a.end)),
        ("hs_meeting_outcome", lambda a: "COMPLETED"),
        *_HS_CONTACT,
    ],
    "note": [
        ("hs_timestamp", lambda a: _utc(a.start)),
        ("hs_note_body", lambda a: f"{a.subject}\n{a.body}"),
        *_HS_CONTACT,
    ],
    "task": [
        ("hs_timestamp", lambda a: _utc(a.start)),
        ("hs_task_subject", lambda a: a.subject),
        ("hs_task_body", lambda a: a.body),
        ("hs_task_status", lambda a: "COMPLETED" if a.done else "NOT_STARTED"),
        ("hs_task_priority", lambda a: _HS_PRIORITY.get(a.priority, "MEDIUM")),
        ("hs_task_type", lambda a: "TODO"),
        *_HS_CONTACT,
    ],
}


def _pd(a: Activity, value: object) -> object:
    return None if a.type == "note" else value  # a note fills only Note - Content


PIPEDRIVE: list[Column] = [
    ("Activity - Subject", lambda a: _pd(a, a.subject)),
    ("Activity - Type", lambda a: _pd(a, a.type)),
    ("Activity - Due date", lambda a: _pd(a, a.day.isoformat())),
    ("Activity - Due time", lambda a: _pd(a, a.start.strftime("%H:%M"))),
    ("Activity - Duration", lambda a: _pd(a, _hhmm(a.minutes))),
    ("Activity - Done", lambda a: _pd(a, "Done" if a.done else "To do")),
    ("Activity - Note", lambda a: _pd(a, a.body)),
    ("Note - Content", lambda a: f"{a.subject}\n{a.body}" if a.type == "note" else None),
    ("Person - Name", lambda a: a.contact.name),
    ("Person - Email", lambda a: a.contact.email),
    ("Organization - Name", lambda a: a.contact.company),
]


def columns_for(vendor: str, kind: str | None) -> list[Column]:
    if vendor == "salesforce":
        return SALESFORCE
    if vendor == "hubspot":
        return HUBSPOT[kind or "note"]
    return PIPEDRIVE


def to_csv(vendor: str, kind: str | None, activities: Iterable[Activity]) -> tuple[str, int]:
    """The CRM's import file for `activities` (of one `kind` for HubSpot), and its rows."""
    columns = columns_for(vendor, kind)
    buffer = io.StringIO()
    written = write_csv(
        buffer, [name for name, _ in columns], ([get(a) for _, get in columns] for a in activities)
    )
    return buffer.getvalue(), written


def count_by_type(activities: Sequence[Activity]) -> dict[str, int]:
    counts = dict.fromkeys(ACTIVITY_TYPES, 0)
    for activity in activities:
        counts[activity.type] += 1
    return {k: n for k, n in counts.items() if n}
