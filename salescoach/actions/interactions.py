"""Logging one interaction on a lead: `salescoach log`, `objection --lead`, a reviewed call."""

from __future__ import annotations

import sqlite3

from salescoach.actions.interaction_log import InteractionLog
from salescoach.core.kernel.records import NewInteraction
from salescoach.store.db import transaction


def log_interaction(
    conn: sqlite3.Connection, log: InteractionLog, item: NewInteraction
) -> int | None:
    """Log `item` in its own transaction: the new interaction's id, or None when `log` is
    silenced. Logging a reply also cancels the lead's stop-on-reply cadence tasks."""
    if not log.enabled:
        return None
    with transaction(conn):
        return log.write(conn, item)
