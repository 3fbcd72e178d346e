"""Applying a stage change: the lead, its cadence tasks and the log line, in one transaction."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from salescoach.core.records import Lead, NewInteraction
from salescoach.core.stages import StageChange
from salescoach.store.cancellation import cancel_cadence_tasks
from salescoach.store.db import transaction
from salescoach.store.interactions import insert_interaction, logging_enabled
from salescoach.store.leads import get_lead, update_lead


@dataclass(frozen=True)
class StageResult:
    lead: Lead
    cancelled_tasks: int
    interaction_id: int | None  # None when not logged (--no-log, or logging is off)


def apply_stage_change(
    conn: sqlite3.Connection,
    lead_id: int,
    change: StageChange,
    now: datetime,
    *,
    log: bool = True,
) -> StageResult:
    """Write `change` (planned by `core.stages.plan_stage_change`) for one lead."""
    with transaction(conn):
        update_lead(conn, lead_id, change.changes, now)
        cancelled = 0
        if change.cancel_reason:
            cancelled = cancel_cadence_tasks(conn, lead_id, change.cancel_reason, now)
        interaction_id = None
        if log and logging_enabled(conn):
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
                ),
            )
    return StageResult(get_lead(conn, lead_id), cancelled, interaction_id)
