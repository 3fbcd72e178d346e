"""Leads, interactions and open tasks as the JSON `--json` prints (typed in
core/kernel/shapes.py), and the data-home commands' outputs.

Dates and times are ISO 8601 text; every field is present (null when unknown), so scripts
can rely on the keys. The `..._record` functions build the plain records, nested inside other
outputs; `lead_json`, `lead_summary`, `interaction_json` and `history_entry` build the
published ones, which name their `schema` and `version`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, cast

from salescoach.core.kernel.cancelled import CancelledTask, cancelled_json
from salescoach.core.kernel.records import Interaction, Lead, OpenTask

if TYPE_CHECKING:
    from salescoach.core.kernel.shapes import (
        HistoryEntryJSON,
        InteractionJSON,
        InteractionRecord,
        LeadContact,
        LeadFields,
        LeadJSON,
        LeadRecord,
        LeadSummaryJSON,
        OpenTaskRecord,
        RestoreJSON,
    )


def moment(value: datetime) -> str:
    return value.isoformat(timespec="seconds")


def _day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _moment(value: datetime | None) -> str | None:
    return None if value is None else moment(value)


def lead_contact(lead: Lead) -> LeadContact:
    return {
        "id": lead.id,
        "name": lead.name,
        "company": lead.company,
        "email": lead.email,
        "phone": lead.phone,
        "source": lead.source,
    }


def lead_fields(lead: Lead) -> LeadFields:
    return {
        **lead_contact(lead),
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
        "mobile": lead.mobile,
        "job_title": lead.job_title,
        "crm_vendor": lead.crm_vendor,
        "crm_id": lead.crm_id,
    }


def lead_record(lead: Lead) -> LeadRecord:
    return {**lead_fields(lead), "answers": dict(lead.answers)}


def lead_json(lead: Lead, cancelled: Sequence[CancelledTask] | None = None) -> LeadJSON:
    """A lead; with `cancelled`, the follow-up tasks the command cancelled (`lead stage`)."""
    # mypy refuses ** into a TypedDict with a NotRequired key the item lacks; the keys match.
    data = cast("LeadJSON", {"schema": "lead", "version": 1, **lead_record(lead)})
    if cancelled is not None:
        data["cancelled_tasks"] = cancelled_json(cancelled)
    return data


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


def interaction_json(
    item: Interaction, cancelled: Sequence[CancelledTask] | None = None
) -> InteractionJSON:
    """An interaction; with `cancelled`, the follow-up tasks logging it cancelled (`log`)."""
    data = cast(
        "InteractionJSON", {"schema": "interaction", "version": 1, **interaction_record(item)}
    )
    if cancelled is not None:
        data["cancelled_tasks"] = cancelled_json(cancelled)
    return data


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


def restore_report(counts: Mapping[str, int]) -> RestoreJSON:
    return {
        "schema": "import",
        "version": 1,
        "leads": counts["leads"],
        "sessions": counts["sessions"],
        "answers": counts["answers"],
        "interactions": counts["interactions"],
        "tasks": counts["tasks"],
        "goals": counts["goals"],
        "training": counts["training"],
        "review_items": counts["review_items"],
        "settings": counts["settings"],
    }
