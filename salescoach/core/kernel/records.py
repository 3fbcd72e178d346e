"""The records the store keeps, as plain values the domain code can use without a database."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal, get_args

from salescoach.errors import UsageError

LeadStatus = Literal["open", "won", "lost", "archived"]
ClosedStatus = Literal["won", "lost", "archived"]  # a lead's status once its deal has ended
InteractionKind = Literal["note", "answer", "objection", "outcome", "stage", "criteria", "task"]
ObjectionResult = Literal["resolved", "partly", "not_resolved"]
Channel = Literal["call", "email", "meeting", "sms", "social", "other"]  # how a rep reaches a buyer

LEAD_STATUSES: tuple[LeadStatus, ...] = get_args(LeadStatus)
# How a lead came in (the leads.origin column): `lead import` (marketing's hand-off, a CRM
# export) or `lead add`. The report's first-contact SLA counts imported leads.
IMPORTED, BY_HAND = "import", "hand"
LEAD_ORIGINS = (IMPORTED, BY_HAND)
CLOSED_STATUSES: tuple[ClosedStatus, ...] = get_args(ClosedStatus)
INTERACTION_KINDS: tuple[InteractionKind, ...] = get_args(InteractionKind)
OBJECTION_RESULTS: tuple[ObjectionResult, ...] = get_args(ObjectionResult)
CHANNELS: tuple[Channel, ...] = get_args(Channel)
WALK_CHANNEL: Channel = "call"  # a guided walk's channel unless the rep names another
MAX_ID = 2**63 - 1  # SQLite's largest integer: no id is larger
MAX_LIMIT = 1_000_000  # the most rows a listing's --limit asks for


def parse_channel(text: str | None, *, hint: str = "use ") -> str | None:
    """A channel from what a rep typed (any case, spaces around it); None stays None.

    `hint` starts the list of channels shown when the word is not one (each command's own)."""
    if text is None:
        return None
    word = text.strip().lower()
    if word not in CHANNELS:
        raise UsageError(f"unknown channel {text!r}", hint=hint + ", ".join(CHANNELS))
    return word


def lead_label(name: str, company: str | None) -> str:
    """How a lead is named to the rep: "Ada Lovelace (Acme)", or the name alone."""
    return f"{name} ({company})" if company else name


@dataclass(frozen=True)
class Lead:
    id: int
    name: str
    company: str | None
    email: str | None
    phone: str | None
    source: str | None
    temperature: str
    playbook: str
    owner: str | None
    step: str
    status: LeadStatus
    status_reason: str | None
    sla_due: date | None
    first_contact_at: datetime | None
    last_interaction_at: datetime | None
    step_entered_at: datetime
    created_at: datetime
    updated_at: datetime
    answers: dict[str, Any] = field(default_factory=dict)
    mobile: str | None = None
    job_title: str | None = None
    crm_vendor: str | None = None  # the CRM the lead was imported from, with its record id
    crm_id: str | None = None

    @property
    def label(self) -> str:
        return lead_label(self.name, self.company)


@dataclass(frozen=True)
class NewInteraction:
    """What a caller logs; the store adds the id."""

    lead_id: int
    at: datetime
    kind: InteractionKind
    step: str | None = None
    channel: str | None = None
    text: str | None = None
    objection: str | None = None
    result: str | None = None
    duration_minutes: int | None = None
    detail: dict[str, Any] | None = None
    session_id: int | None = None

    @property
    def is_contact(self) -> bool:
        """A contact with the buyer (it went by a channel), not a note to self: it stamps the
        lead's first contact."""
        return bool(self.channel)


@dataclass(frozen=True)
class Interaction(NewInteraction):
    id: int = 0


@dataclass(frozen=True)
class LoggedInteraction:
    """An interaction with the label of its lead, for logs that span several leads."""

    interaction: Interaction
    lead_label: str


@dataclass(frozen=True)
class OpenTask:
    """A lead's open follow-up task, as `lead show` and the pre-call brief list them."""

    id: int
    title: str
    due: date
    channel: str | None
    priority: str
    cadence: str | None
    note: str | None
