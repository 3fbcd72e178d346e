"""What `team status` shows of the local side, and the local owner of leads never synced."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from salescoach.store.db import transaction
from salescoach.store.sync_outbox import counts


@dataclass(frozen=True, slots=True)
class LocalSyncState:
    last_sync_at: str | None
    pending: int  # rows changed here and not on the hub yet
    refused: int  # changes the hub refused (kept here)
    parked: int  # pulled changes waiting for their lead


def local_state(conn: sqlite3.Connection) -> LocalSyncState:
    last = conn.execute("SELECT last_sync_at FROM sync_state").fetchone()[0]
    pending, refused = counts(conn)
    parked = conn.execute("SELECT count(*) FROM sync_parked").fetchone()[0]
    return LocalSyncState(last, pending, refused, int(parked))


def claim_unsynced_leads(conn: sqlite3.Connection, rep: str) -> int:
    """Leads the hub has never seen belong to the rep who syncs them: their `owner` becomes
    the rep's role name (a local write, pushed with them). Returns how many changed."""
    with transaction(conn):
        return conn.execute(
            "UPDATE leads SET owner = ? WHERE owner IS NOT ? AND NOT EXISTS "
            "(SELECT 1 FROM sync_clock c WHERE c.tbl = 'leads' AND c.row = leads.id "
            " AND c.field = 'owner')",
            (rep, rep),
        ).rowcount


def record_sync(conn: sqlite3.Connection, at: str) -> None:
    with transaction(conn):
        conn.execute("UPDATE sync_state SET last_sync_at = ?", (at,))
