"""Applying a stage change: the lead, its cadence tasks and the log line, in one transaction.

Closing a deal also writes its `outcome` line and the playbook's won/lost follow-ups, with the
same functions the walk uses, so reports and goals count a deal however it was closed.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from salescoach.core.kernel.records import Lead, NewInteraction
from salescoach.core.leads.stages import StageChange
from salescoach.core.planning.followup import describe_outcome
from salescoach.store.cancellation import cancel_cadence_tasks
from salescoach.store.db import transaction
from salescoach.store.interactions import insert_interaction, logging_enabled
from salescoach.store.leads import get_lead, update_lead
from salescoach.store.tasks import insert_tasks

if TYPE_CHECKING:
    from salescoach.core.planning.cadence import PlannedTask


@dataclass(frozen=True)
class StageResult:
    lead: Lead
    cancelled_tasks: int
    interaction_id: int | None  # None when not logged (--no-log, or logging is off)
    added_tasks: int = 0


def apply_stage_change(
    conn: sqlite3.Connection,
    lead_id: int,
    change: StageChange,
    now: datetime,
    *,
    log: bool = True,
    outcome: Mapping[str, Any] | None = None,
    tasks: Sequence[PlannedTask] = (),
) -> StageResult:
    """Write `change` (planned by `core.stages.plan_stage_change`) for one lead, then the
    deal's `outcome` line (`core.followup.stage_outcome`) and its follow-up `tasks`."""
    with transaction(conn):
        cancelled, interaction_id = write_stage_change(conn, lead_id, change, now, log=log)
        if outcome is not None:
            write_outcome(conn, lead_id, outcome, now, log=log, step=change.detail["to_step"])
        added = insert_tasks(conn, lead_id, tasks, now)
    return StageResult(get_lead(conn, lead_id), cancelled, interaction_id, len(added))


def write_stage_change(
    conn: sqlite3.Connection,
    lead_id: int,
    change: StageChange,
    now: datetime,
    *,
    log: bool = True,
    session_id: int | None = None,
) -> tuple[int, int | None]:
    """Update the lead, cancel its cadence tasks and log the `stage` line (inside the
    caller's transaction). Returns (tasks cancelled, interaction id or None)."""
    update_lead(conn, lead_id, change.changes, now)
    cancelled = 0
    if change.cancel_reason:
        cancelled = cancel_cadence_tasks(conn, lead_id, change.cancel_reason, now)
    if not (log and logging_enabled(conn)):
        return cancelled, None
    text = change.summary
    if cancelled:
        text += f"; {cancelled} cadence task(s) cancelled"
    interaction_id = insert_interaction(
        conn,
        NewInteraction(
            lead_id=lead_id,
            at=now,
            kind="stage",
            step=change.changes.get("step", change.detail.get("to_step")),
            text=text,
            detail={**change.detail, "cancelled_tasks": cancelled},
            session_id=session_id,
        ),
    )
    return cancelled, interaction_id


def write_outcome(
    conn: sqlite3.Connection,
    lead_id: int,
    outcome: Mapping[str, Any],
    at: datetime,
    *,
    step: str = "closing",
    channel: str | None = None,
    session_id: int | None = None,
    log: bool = True,
) -> None:
    """The deal's `outcome` line (inside the caller's transaction): `result` is the outcome
    (won, lost, next_step, no_decision), which goals and reports count."""
    if not (log and logging_enabled(conn)):
        return
    insert_interaction(
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
