"""Logging one interaction on a lead: `salescoach log`, `objection --lead`, a reviewed call."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from salescoach.actions.interaction_log import InteractionLog
from salescoach.core.kernel.records import NewInteraction
from salescoach.core.planning.cancellation import REPLY_REASON, CancelledTask, reply_cancels
from salescoach.core.planning.tasks import is_reply
from salescoach.store.cancellation import cancel_cadence_tasks
from salescoach.store.db import transaction
from salescoach.store.leads import get_lead


@dataclass(frozen=True)
class Logged:
    id: int | None  # None when the log is silenced
    cancelled: list[CancelledTask] = field(default_factory=list)


def log_interaction(conn: sqlite3.Connection, log: InteractionLog, item: NewInteraction) -> Logged:
    """Log `item` in its own transaction (nothing when `log` is silenced). A reply from an open
    lead also cancels its stop-on-reply cadence tasks (`core.planning.cancellation`)."""
    if not log.enabled:
        return Logged(None)
    with transaction(conn):
        interaction_id = log.write(conn, item)
        cancelled = []
        if is_reply(item) and reply_cancels(get_lead(conn, item.lead_id).status):
            cancelled = cancel_cadence_tasks(
                conn, item.lead_id, REPLY_REASON, item.at, only_stop_on_reply=True
            )
        return Logged(interaction_id, cancelled)
