"""The interaction log: append-only, one row per thing that happened with a lead."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import date, datetime

from salescoach.core.kernel.records import Interaction, LoggedInteraction, NewInteraction
from salescoach.store.leads import touch_lead

LOGGING_KEY = "logging"


def logging_enabled(conn: sqlite3.Connection) -> bool:
    """The privacy switch as saved (`logs on|off`); commands read it once, through
    `actions.interaction_log`."""
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
            json.dumps(item.detail, ensure_ascii=False, allow_nan=False) if item.detail else None,
            item.session_id,
        ),
    )
    touch_lead(conn, item.lead_id, item.at, contact=item.is_contact)
    return int(cursor.lastrowid or 0)


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


def set_logging(conn: sqlite3.Connection, enabled: bool) -> None:
    """Save the privacy switch (inside the caller's transaction)."""
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (LOGGING_KEY, "on" if enabled else "off"),
    )


def history(
    conn: sqlite3.Connection,
    *,
    lead_id: int | None = None,
    since: date | None = None,
    step: str | None = None,
    limit: int | None = None,
) -> tuple[list[LoggedInteraction], bool]:
    """The newest `limit` matching interactions in time order (oldest first), and whether
    older ones were left out. Served by the (lead_id, at) and (at) indexes, never a count."""
    if limit is None:
        return list(each_logged(conn, lead_id=lead_id, since=since, step=step)), False
    clause, params = _history_where(lead_id, since, step)
    sql = f"{_HISTORY_SELECT}{clause} ORDER BY i.at DESC, i.id DESC LIMIT {int(limit) + 1}"
    entries = [_logged(r) for r in conn.execute(sql, params)]
    more = len(entries) > limit
    entries = entries[:limit]
    entries.reverse()
    return entries, more


def each_logged(
    conn: sqlite3.Connection,
    *,
    lead_id: int | None = None,
    since: date | None = None,
    step: str | None = None,
) -> Iterator[LoggedInteraction]:
    """Every matching interaction in time order, one at a time (`history --limit 0`)."""
    clause, params = _history_where(lead_id, since, step)
    return map(_logged, conn.execute(f"{_HISTORY_SELECT}{clause} ORDER BY i.at, i.id", params))


_HISTORY_SELECT = (
    "SELECT i.*, l.name AS lead_name, l.company AS lead_company FROM interactions i "
    "JOIN leads l ON l.id = i.lead_id"
)


def _history_where(
    lead_id: int | None, since: date | None, step: str | None
) -> tuple[str, list[object]]:
    where: list[str] = []
    params: list[object] = []
    if lead_id is not None:
        where.append("i.lead_id = ?")
        params.append(lead_id)
    if since is not None:
        where.append("i.at >= ?")  # ISO text: a date sorts before every time on that day
        params.append(since.isoformat())
    if step is not None:
        where.append("i.step = ?")
        params.append(step)
    return (" WHERE " + " AND ".join(where)) if where else "", params


def _logged(row: sqlite3.Row) -> LoggedInteraction:
    name, company = row["lead_name"], row["lead_company"]
    return LoggedInteraction(row_to_interaction(row), f"{name} ({company})" if company else name)
