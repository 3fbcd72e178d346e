"""Changing a lead's stage: the lead, its cadence tasks and the log, in one transaction.

`lead stage`, `lead archive` and the walk all plan with `core.leads.stages` and write with
`write_stage_change`. Closing a deal also writes its `outcome` line and the playbook's won or
lost follow-ups, as the walk's closing step does, so reports and goals count a deal however
it was closed.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from salescoach.actions.interaction_log import InteractionLog
from salescoach.core.kernel.records import Lead, NewInteraction
from salescoach.core.kernel.slotted import HashedSlotted
from salescoach.core.leads.stages import StageChange, Transition, plan_stage_change
from salescoach.core.planning.cancellation import CancelledTask
from salescoach.core.planning.followup import describe_outcome, propose_tasks, stage_outcome
from salescoach.errors import SalescoachError
from salescoach.store.cancellation import cancel_cadence_tasks
from salescoach.store.db import transaction
from salescoach.store.leads import get_lead, update_lead
from salescoach.store.sync_state import require_own_lead
from salescoach.store.tasks import insert_tasks

if TYPE_CHECKING:
    from salescoach.core.planning.cadence import PlannedTask
    from salescoach.core.playbook.parts import Playbook


class StageResult(HashedSlotted):
    __slots__ = (  # noqa: RUF023
        "lead",
        "change",
        "cancelled",
        "interaction_id",
        "added_tasks",
        "unscheduled",
    )

    def __init__(
        self,
        lead: Lead,
        change: StageChange,
        cancelled: list[CancelledTask],
        interaction_id: int | None,
        added_tasks: int = 0,
        unscheduled: str | None = None,
    ) -> None:
        self.lead = lead  # as it is now
        self.change = change
        self.cancelled = cancelled
        self.interaction_id = interaction_id  # None when the log is silenced
        self.added_tasks = added_tasks
        self.unscheduled = unscheduled  # why no follow-ups were scheduled, when the playbook failed

    @property
    def cancelled_tasks(self) -> int:
        return len(self.cancelled)


def change_stage(
    conn: sqlite3.Connection,
    log: InteractionLog,
    lead: Lead,
    asked: Transition,
    now: datetime,
    *,
    load_playbook: Callable[[str], Playbook],
    value: float | None = None,
) -> StageResult:
    """Apply `asked` to `lead` (`lead stage`, `lead archive`). Won or lost also logs the deal's
    outcome (with its `value` when won) and schedules the playbook's won or lost follow-ups;
    with the lead's playbook unreadable, none and why (the deal still closes)."""
    change = plan_stage_change(lead, asked)
    deal = stage_outcome(
        change.changes.get("status"), change.detail.get("reason"), value, now.date()
    )
    tasks: list[PlannedTask] = []
    unscheduled = None
    if deal is not None:
        try:
            playbook = load_playbook(lead.playbook)
        except SalescoachError as error:
            unscheduled = error.message
        else:
            tasks = propose_tasks(playbook, deal, lead.label, now.date())
    with transaction(conn):
        cancelled, interaction_id = write_stage_change(conn, log, lead.id, change, now)
        if deal is not None:
            write_outcome(conn, log, lead.id, deal, now, step=change.to_step)
        added = insert_tasks(conn, lead.id, tasks, now)
    return StageResult(
        get_lead(conn, lead.id), change, cancelled, interaction_id, len(added), unscheduled
    )


def write_stage_change(
    conn: sqlite3.Connection,
    log: InteractionLog,
    lead_id: int,
    change: StageChange,
    now: datetime,
    *,
    session_id: int | None = None,
) -> tuple[list[CancelledTask], int | None]:
    """Update the lead, cancel its cadence tasks and log the `stage` line (inside the
    caller's transaction). Returns (tasks cancelled, interaction id or None)."""
    require_own_lead(conn, lead_id)
    update_lead(conn, lead_id, change.changes, now)
    cancelled = []
    if change.cancel_reason:
        cancelled = cancel_cadence_tasks(conn, lead_id, change.cancel_reason, now)
    interaction_id = log.write(
        conn,
        NewInteraction(
            lead_id=lead_id,
            at=now,
            kind="stage",
            step=change.to_step,
            text=change.log_text(len(cancelled)),
            detail=change.log_detail(len(cancelled)),
            session_id=session_id,
        ),
    )
    return cancelled, interaction_id


def write_outcome(
    conn: sqlite3.Connection,
    log: InteractionLog,
    lead_id: int,
    outcome: Mapping[str, Any],
    at: datetime,
    *,
    step: str = "closing",
    channel: str | None = None,
    session_id: int | None = None,
) -> None:
    """The deal's `outcome` line (inside the caller's transaction): `result` is the outcome
    (won, lost, next_step, no_decision), which goals and reports count."""
    log.write(
        conn,
        NewInteraction(
            lead_id=lead_id,
            at=at,
            kind="outcome",
            step=step,
            channel=channel,
            text=describe_outcome(outcome),
            result=str(outcome["outcome"]),
            detail=dict(outcome),
            session_id=session_id,
        ),
    )
