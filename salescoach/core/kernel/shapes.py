"""The shapes of the JSON the kernel's records print as, and of the data-home commands'
outputs (`paths`, `logs status`, `import`).

Like every `shapes.py`, this module holds only TypedDicts: the code that builds them
(core/kernel/jsonview.py) imports it for type checking only, so printing JSON never pays for
building these classes; core/published.py imports it to generate the schemas. Dates and times
are ISO 8601 text; every field is present (null when unknown).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, NotRequired

from typing_extensions import TypedDict

from salescoach.core.kernel.jsonshape import AnswerValue, Count, Day, Moment, one_of
from salescoach.core.kernel.leadfields import TEMPERATURES
from salescoach.core.kernel.records import CHANNELS, INTERACTION_KINDS, LEAD_STATUSES

Channel = Annotated[str, one_of(CHANNELS)]


class LeadContact(TypedDict):
    """Who a lead is and where it came from."""

    id: int
    name: str
    company: str | None
    email: str | None
    phone: str | None
    source: str | None


class LeadFields(LeadContact):
    """Every column of a lead."""

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
    mobile: str | None
    job_title: str | None
    crm_vendor: str | None  # the CRM the lead was imported from (crm_id: its record there)
    crm_id: str | None


class LeadRecord(LeadFields):
    """A lead with the answers recorded on it (field -> value)."""

    answers: dict[str, AnswerValue]


class LeadJSON(LeadRecord):
    """One lead with its answers: `lead add|edit|stage|archive --json`; `lead stage|archive`
    add the follow-up tasks the change cancelled."""

    schema: Literal["lead"]
    version: Literal[1]
    cancelled_tasks: NotRequired[list[CancelledTaskRecord]]


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
    """The interaction just logged: `log --json`, with the follow-up tasks a reply cancelled."""

    schema: Literal["interaction"]
    version: Literal[1]
    cancelled_tasks: NotRequired[list[CancelledTaskRecord]]


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


class CancelledTaskRecord(TypedDict):
    """A follow-up task the command cancelled; `reason` is why (lead replied, lead lost...).
    `salescoach tasks reopen ID` undoes it."""

    id: int
    title: str
    due: Day
    cadence: str | None
    reason: str


class PathsJSON(TypedDict):
    """Where salescoach keeps things: `paths --json`."""

    schema: Literal["paths"]
    version: Literal[1]
    data_home: str
    database: str
    user_playbooks: str
    playbook_search_path: list[str]  # "origin: folder", first match wins


class LogsStatusJSON(TypedDict):
    """Whether interactions are logged: `logs status --json`."""

    schema: Literal["logs-status"]
    version: Literal[1]
    logging: bool


class RestoreJSON(TypedDict):
    """Rows restored into each table: `import --json`."""

    schema: Literal["import"]
    version: Literal[1]
    leads: Count
    sessions: Count
    answers: Count
    interactions: Count
    tasks: Count
    goals: Count
    training: Count
    review_items: Count
    settings: Count
