"""The records the store keeps, as plain values the domain code can use without a database."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal, get_args

from salescoach.core.kernel.slotted import HashedSlotted
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


class Lead(HashedSlotted):
    __slots__ = (  # noqa: RUF023
        "id",
        "name",
        "company",
        "email",
        "phone",
        "source",
        "temperature",
        "playbook",
        "owner",
        "step",
        "status",
        "status_reason",
        "sla_due",
        "first_contact_at",
        "last_interaction_at",
        "step_entered_at",
        "created_at",
        "updated_at",
        "answers",
        "mobile",
        "job_title",
        "crm_vendor",
        "crm_id",
    )

    def __init__(
        self,
        id: int,
        name: str,
        company: str | None,
        email: str | None,
        phone: str | None,
        source: str | None,
        temperature: str,
        playbook: str,
        owner: str | None,
        step: str,
        status: LeadStatus,
        status_reason: str | None,
        sla_due: date | None,
        first_contact_at: datetime | None,
        last_interaction_at: datetime | None,
        step_entered_at: datetime,
        created_at: datetime,
        updated_at: datetime,
        answers: dict[str, Any] | None = None,
        mobile: str | None = None,
        job_title: str | None = None,
        crm_vendor: str | None = None,
        crm_id: str | None = None,
    ) -> None:
        self.id = id
        self.name = name
        self.company = company
        self.email = email
        self.phone = phone
        self.source = source
        self.temperature = temperature
        self.playbook = playbook
        self.owner = owner
        self.step = step
        self.status = status
        self.status_reason = status_reason
        self.sla_due = sla_due
        self.first_contact_at = first_contact_at
        self.last_interaction_at = last_interaction_at
        self.step_entered_at = step_entered_at
        self.created_at = created_at
        self.updated_at = updated_at
        self.answers: dict[str, Any] = {} if answers is None else answers
        self.mobile = mobile
        self.job_title = job_title
        self.crm_vendor = crm_vendor  # the CRM the lead was imported from, with its record id
        self.crm_id = crm_id

    @property
    def label(self) -> str:
        return lead_label(self.name, self.company)


class NewInteraction(HashedSlotted):
    """What a caller logs; the store adds the id."""

    __slots__ = (  # noqa: RUF023
        "lead_id",
        "at",
        "kind",
        "step",
        "channel",
        "text",
        "objection",
        "result",
        "duration_minutes",
        "detail",
        "session_id",
    )

    def __init__(
        self,
        lead_id: int,
        at: datetime,
        kind: InteractionKind,
        step: str | None = None,
        channel: str | None = None,
        text: str | None = None,
        objection: str | None = None,
        result: str | None = None,
        duration_minutes: int | None = None,
        detail: dict[str, Any] | None = None,
        session_id: int | None = None,
    ) -> None:
        self.lead_id = lead_id
        self.at = at
        self.kind = kind
        self.step = step
        self.channel = channel
        self.text = text
        self.objection = objection
        self.result = result
        self.duration_minutes = duration_minutes
        self.detail = detail
        self.session_id = session_id

    @property
    def is_contact(self) -> bool:
        """A contact with the buyer (it went by a channel), not a note to self: it stamps the
        lead's first contact."""
        return bool(self.channel)


class Interaction(NewInteraction):
    __slots__ = ("id",)

    def __init__(
        self,
        lead_id: int,
        at: datetime,
        kind: InteractionKind,
        step: str | None = None,
        channel: str | None = None,
        text: str | None = None,
        objection: str | None = None,
        result: str | None = None,
        duration_minutes: int | None = None,
        detail: dict[str, Any] | None = None,
        session_id: int | None = None,
        id: int = 0,
    ) -> None:
        super().__init__(
            lead_id,
            at,
            kind,
            step,
            channel,
            text,
            objection,
            result,
            duration_minutes,
            detail,
            session_id,
        )
        self.id = id


class LoggedInteraction(HashedSlotted):
    """An interaction with the label of its lead, for logs that span several leads."""

    __slots__ = ("interaction", "lead_label")

    def __init__(self, interaction: Interaction, lead_label: str) -> None:
        self.interaction = interaction
        self.lead_label = lead_label


class OpenTask(HashedSlotted):
    """A lead's open follow-up task, as `lead show` and the pre-call brief list them."""

    __slots__ = ("id", "title", "due", "channel", "priority", "cadence", "note")  # noqa: RUF023

    def __init__(
        self,
        id: int,
        title: str,
        due: date,
        channel: str | None,
        priority: str,
        cadence: str | None,
        note: str | None,
    ) -> None:
        self.id = id
        self.title = title
        self.due = due
        self.channel = channel
        self.priority = priority
        self.cadence = cadence
        self.note = note
