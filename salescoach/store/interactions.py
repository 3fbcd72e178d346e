"""The interaction log: append-only, one row per thing that happened with a lead."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime

from salescoach.core.records import Interaction, NewInteraction
from salescoach.store.db import transaction

LOGGING_KEY = "logging"


def logging_enabled(conn: sqlite3.Connection) -> bool:
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (LOGGING_KEY,)).fetchone()
    return row is None or row["value"] != "off"


def insert_interaction(conn: sqlite3.Connection, item: NewInteraction) -> int:
    """Append one interaction (inside the caller's transaction) and keep the lead's
    first/last contact stamps current, so the plan never scans the log."""
    at = item.at.isoformat(timespec="seconds")
    cursor = conn.execute(
        "INSERT INTO interactions (lead_id, at, step, channel, kind, text, objection, result, "
        "duration_minutes, detail_json, session_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            item.lead_id,
            at,
            item.step,
            item.channel,
            item.kind,
            item.text,
            item.objection,
            item.result,
            item.duration_minutes,
            json.dumps(item.detail, ensure_ascii=False) if item.detail else None,
            item.session_id,
        ),
    )
    if item.channel:  # a contact with the buyer, not a note to self
        conn.execute(
            "UPDATE leads SET first_contact_at = coalesce(min(first_contact_at, ?), ?), "
            "last_interaction_at = max(coalesce(last_interaction_at, ''), ?) WHERE id = ?",
            (at, at, at, item.lead_id),
        )
    else:
        conn.execute(
            "UPDATE leads SET last_interaction_at = max(coalesce(last_interaction_at, ''), ?) "
            "WHERE id = ?",
            (at, item.lead_id),
        )
    return int(cursor.lastrowid or 0)


def log_interaction(conn: sqlite3.Connection, item: NewInteraction) -> int | None:
    """Log one interaction in its own transaction; None when logging is turned off."""
    with transaction(conn):
        if not logging_enabled(conn):
            return None
        return insert_interaction(conn, item)


def row_to_interaction(row: sqlite3.Row) -> Interaction:
    return Interaction(
        id=row["id"],
        lead_id=row["lead_id"],
        at=datetime.fromisoformat(row["at"]),
        kind=row["kind"],
        step=row["step"],
        channel=row["channel"],
        text=row["text"],
        objection=row["objection"],
        result=row["result"],
        duration_minutes=row["duration_minutes"],
        detail=json.loads(row["detail_json"]) if row["detail_json"] else None,
        session_id=row["session_id"],
    )


def lead_history(
    conn: sqlite3.Connection, lead_id: int, limit: int | None = None
) -> list[Interaction]:
    """A lead's interactions, newest first."""
    sql = "SELECT * FROM interactions WHERE lead_id = ? ORDER BY at DESC, id DESC"
    params: tuple[int, ...] = (lead_id,)
    if limit is not None:
        sql += " LIMIT ?"
        params = (lead_id, limit)
    return [row_to_interaction(r) for r in conn.execute(sql, params)]
