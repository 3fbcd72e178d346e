"""Adding a lead and changing its fields (`lead add`, `lead edit`); its stage changes are in
`actions.stages`, its import in `actions.lead_import`."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import Any

from salescoach.core.kernel.records import BY_HAND, Lead
from salescoach.errors import UsageError
from salescoach.store.db import transaction
from salescoach.store.leads import find_duplicate, get_lead, insert_lead, update_lead
from salescoach.store.sync_state import require_own_lead


def add_lead(
    conn: sqlite3.Connection,
    fields: dict[str, Any],
    now: datetime,
    *,
    allow_duplicate: bool = False,
) -> int:
    """Add one lead; returns its id. Unless `allow_duplicate`, a lead that is the same person
    (`core.leads.duplicates`) is refused. The check runs inside the write transaction, so two
    concurrent adds of the same person cannot both pass it."""
    with transaction(conn):
        if not allow_duplicate:
            twin = find_duplicate(
                conn, str(fields["name"]), fields.get("company"), fields.get("email")
            )
            if twin is not None:
                raise UsageError(
                    f"lead {twin.id} is already {twin.label}"
                    + (f" <{twin.email}>" if twin.email else ""),
                    hint="use that lead, or add --allow-duplicate",
                )
        return insert_lead(conn, {**fields, "origin": BY_HAND}, now)


def edit_lead(
    conn: sqlite3.Connection, lead_id: int, changes: dict[str, Any], now: datetime
) -> Lead:
    """Change fields of one lead in its own transaction; returns the lead as it is now."""
    with transaction(conn):
        get_lead(conn, lead_id)  # NotFoundError before anything is written
        require_own_lead(conn, lead_id)
        update_lead(conn, lead_id, changes, now)
    return get_lead(conn, lead_id)
