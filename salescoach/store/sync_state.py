"""What `team status` shows of the local side, and the local owner of leads never synced."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from salescoach.errors import UsageError
from salescoach.store.db import transaction


@dataclass(frozen=True, slots=True)
class LocalSyncState:
    last_sync_at: str | None
    pending: int  # rows changed here and not on the hub yet
    refused: int  # changes the hub refused (kept here)
    parked: int  # pulled changes waiting for their lead
    rejected: int  # pulled changes that failed the row checks (kept, never applied)


def local_state(conn: sqlite3.Connection) -> LocalSyncState:
    # Here, not at the top: every write checks `require_own_lead`, and the walk imports
    # this module before its first question; the outbox and the sync clock it needs are not.
    from salescoach.store.sync_outbox import counts

    last = conn.execute("SELECT last_sync_at FROM sync_state").fetchone()[0]
    pending, refused = counts(conn)
    parked, rejected = conn.execute(
        "SELECT count(*) FILTER (WHERE reason IS NULL), count(*) FILTER (WHERE reason IS NOT NULL)"
        " FROM sync_parked"
    ).fetchone()
    return LocalSyncState(last, pending, refused, int(parked), int(rejected))


def waiting(conn: sqlite3.Connection) -> bool:
    """Whether pulled changes wait for their lead (each pull tries them again)."""
    found = conn.execute("SELECT 1 FROM sync_parked WHERE reason IS NULL LIMIT 1").fetchone()
    return found is not None


def rejected_changes(conn: sqlite3.Connection, limit: int = 20) -> list[str]:
    """Why pulled changes were set aside, the latest first."""
    rows = conn.execute(
        "SELECT reason FROM sync_parked WHERE reason IS NOT NULL ORDER BY seq DESC LIMIT ?",
        (limit,),
    )
    return [str(row[0]) for row in rows]


def handed_to(conn: sqlite3.Connection, lead_id: int) -> str | None:
    """The rep the manager handed this lead to, when it is no longer this rep's."""
    found = conn.execute("SELECT owner FROM sync_handed_away WHERE lead = ?", (lead_id,))
    row = found.fetchone()
    return None if row is None else str(row[0])


def require_own_lead(conn: sqlite3.Connection, lead_id: int) -> None:
    """UsageError (exit 2, nothing written) for a write on a lead handed to another rep: the
    hub would refuse it, so it is refused here at once; reading the lead still works."""
    owner = handed_to(conn, lead_id)
    if owner is not None:
        raise UsageError(
            f"lead {lead_id} now belongs to {owner}: the manager reassigned it, so it is "
            "read-only here",
            hint=f"reading it still works; ask {owner} or the manager to record what changed",
        )


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
