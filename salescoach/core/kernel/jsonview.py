"""Leads, interactions and open tasks as the JSON `--json` prints, typed.

Dates and times are ISO 8601 text; every field is present (null when unknown), so scripts
can rely on the keys. The `...Record` shapes are the plain records, nested inside other
outputs; `LeadJSON`, `LeadSummaryJSON`, `InteractionJSON` and `HistoryEntryJSON` are the
published ones, which name their `schema` and `version` (see core/kernel/jsonshape.py).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from typing_extensions import TypedDict

from salescoach.core.kernel.jsonshape import AnswerValue, Day, Moment, one_of
from salescoach.core.kernel.leadfields import TEMPERATURES
from salescoach.core.kernel.records import (
    CHANNELS,
    INTERACTION_KINDS,
    LEAD_STATUSES,
    Interaction,
    Lead,
    OpenTask,
)

Channel = Annotated[str, one_of(CHANNELS)]


class LeadFields(TypedDict):
    """Every column of a lead."""

    id: int
    name: str
    company: str | None
    email: str | None
    phone: str | None
    source: str | None
    temperature: Annotated[str, one_of(TEMPERATURES)]
    playbook: str
    owner: str | None
    step: str
    status: Annotated[str, one_of(LEAD_STATUSES)]
    status_reason: str | None
    sla_due: Day | None
    first_contact_at: Moment | None
    last_interaction_at: Moment | None
    step_entered_at: Moment
    created_at: Moment
    updated_at: Moment


class LeadRecord(LeadFields):
    """A lead with the answers recorded on it (field -> value)."""

    answers: dict[str, AnswerValue]


class LeadJSON(LeadRecord):
    """One lead with its answers: `lead add|edit|stage|archive --json`."""

    schema: Literal["lead"]
    version: Literal[1]


class LeadSummaryJSON(LeadFields):
    """One lead without its answers: `lead list --json` prints an array of them."""

    schema: Literal["lead-summary"]
    version: Literal[1]


class InteractionRecord(TypedDict):
    """One thing that happened with a lead; `channel` null is a note to self."""

    lead_id: int
    at: Moment
    kind: Annotated[str, one_of(INTERACTION_KINDS)]
    step: str | None
    channel: Channel | None
    text: str | None
    objection: str | None
    result: str | None
    duration_minutes: int | None
    detail: dict[str, Any] | None
    session_id: int | None
    id: int


class InteractionJSON(InteractionRecord):
    """The interaction just logged: `log --json`."""

    schema: Literal["interaction"]
    version: Literal[1]


class HistoryEntryJSON(InteractionRecord):
    """One interaction with its lead's label: `history --json` prints an array of them."""

    schema: Literal["history-entry"]
    version: Literal[1]
    lead_label: str


class OpenTaskRecord(TypedDict):
    id: int
    title: str
    due: Day
    channel: Channel | None
    priority: str
    cadence: str | None
    note: str | None


def moment(value: datetime) -> str:
    return value.isoformat(timespec="seconds")


def _day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _moment(value: datetime | None) -> str | None:
    return None if value is None else moment(value)


def lead_fields(lead: Lead) -> LeadFields:
    return {
        "id": lead.id,
        "name": lead.name,
        "company": lead.company,
        "email": lead.email,
        "phone": lead.phone,
        "source": lead.source,
        "temperature": lead.temperature,
        "playbook": lead.playbook,
        "owner": lead.owner,
        "step": lead.step,
        "status": lead.status,
        "status_reason": lead.status_reason,
        "sla_due": _day(lead.sla_due),
        "first_contact_at": _moment(lead.first_contact_at),
        "last_interaction_at": _moment(lead.last_interaction_at),
        "step_entered_at": moment(lead.step_entered_at),
        "created_at": moment(lead.created_at),
        "updated_at": moment(lead.updated_at),
    }


def lead_record(lead: Lead) -> LeadRecord:
    return {**lead_fields(lead), "answers": dict(lead.answers)}


def lead_json(lead: Lead) -> LeadJSON:
    return {"schema": "lead", "version": 1, **lead_record(lead)}


def lead_summary(lead: Lead) -> LeadSummaryJSON:
    """A lead for listings: every column, without the recorded answers."""
    return {"schema": "lead-summary", "version": 1, **lead_fields(lead)}


def interaction_record(item: Interaction) -> InteractionRecord:
    return {
        "lead_id": item.lead_id,
        "at": moment(item.at),
        "kind": item.kind,
        "step": item.step,
        "channel": item.channel,
        "text": item.text,
        "objection": item.objection,
        "result": item.result,
        "duration_minutes": item.duration_minutes,
        "detail": item.detail,
        "session_id": item.session_id,
        "id": item.id,
    }


def interaction_json(item: Interaction) -> InteractionJSON:
    return {"schema": "interaction", "version": 1, **interaction_record(item)}


def history_entry(item: Interaction, lead_label: str) -> HistoryEntryJSON:
    return {
        "schema": "history-entry",
        "version": 1,
        **interaction_record(item),
        "lead_label": lead_label,
    }


def open_task_record(task: OpenTask) -> OpenTaskRecord:
    return {
        "id": task.id,
        "title": task.title,
        "due": task.due.isoformat(),
        "channel": task.channel,
        "priority": task.priority,
        "cadence": task.cadence,
        "note": task.note,
    }
