"""Guided walk sessions: one row per walk, holding its state as JSON.

The state is saved after every answer and every finished step. Each save checks the revision it
read, so two terminals continuing the same walk cannot silently overwrite each other: the second
one is told to start again from what is saved.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from typing import Any

from salescoach.core.kernel.slotted import HashedSlotted
from salescoach.core.walk.state import WalkState
from salescoach.errors import StoreError
from salescoach.store.db import transaction


class SessionRow(HashedSlotted):
    __slots__ = (  # noqa: RUF023
        "id",
        "lead_id",
        "playbook",
        "status",
        "state",
        "started_at",
        "updated_at",
        "finished_at",
    )

    def __init__(
        self,
        id: int,
        lead_id: int,
        playbook: str,
        status: str,
        state: dict[str, Any],
        started_at: datetime,
        updated_at: datetime,
        finished_at: datetime | None,
    ) -> None:
        self.id = id
        self.lead_id = lead_id
        self.playbook = playbook
        self.status = status  # open, finished or abandoned
        self.state = state
        self.started_at = started_at
        self.updated_at = updated_at
        self.finished_at = finished_at


def _row(row: sqlite3.Row) -> SessionRow:
    return SessionRow(
        id=row["id"],
        lead_id=row["lead_id"],
        playbook=row["playbook"],
        status=row["status"],
        state=json.loads(row["state_json"] or "{}"),
        started_at=datetime.fromisoformat(row["started_at"]),
        updated_at=datetime.fromisoformat(row["updated_at"]),
        finished_at=datetime.fromisoformat(row["finished_at"]) if row["finished_at"] else None,
    )


def open_session(conn: sqlite3.Connection, lead_id: int) -> SessionRow | None:
    """The lead's unfinished walk, if it has one (the latest, should there be several)."""
    row = conn.execute(
        "SELECT * FROM sessions WHERE lead_id = ? AND status = 'open' ORDER BY id DESC LIMIT 1",
        (lead_id,),
    ).fetchone()
    return _row(row) if row else None


def get_session(conn: sqlite3.Connection, session_id: int) -> SessionRow:
    row = conn.execute("SELECT * FROM sessions WHERE id = ?", (session_id,)).fetchone()
    if row is None:
        raise StoreError(f"no walk session {session_id}")
    return _row(row)


def lead_sessions(conn: sqlite3.Connection, lead_id: int) -> list[SessionRow]:
    """A lead's walks, newest first."""
    rows = conn.execute("SELECT * FROM sessions WHERE lead_id = ? ORDER BY id DESC", (lead_id,))
    return [_row(r) for r in rows]


def start_session(
    conn: sqlite3.Connection,
    state: WalkState,
    now: datetime,
    *,
    replace_open: bool = False,
    playbook_version: str | None = None,
) -> int:
    """Create the session row for a new walk; with replace_open, abandon the lead's open one.
    `playbook_version`: the version of the playbook it runs (actions.hub_playbooks)."""
    if state.lead_id is None:
        raise ValueError("a stored walk needs a lead")
    stamp = now.isoformat(timespec="seconds")
    with transaction(conn):
        if replace_open:
            conn.execute(
                "UPDATE sessions SET status = 'abandoned', updated_at = ? "
                "WHERE lead_id = ? AND status = 'open'",
                (stamp, state.lead_id),
            )
        elif open_session(conn, state.lead_id) is not None:
            raise StoreError("this lead's walk was started in another terminal meanwhile")
        cursor = conn.execute(
            "INSERT INTO sessions (lead_id, playbook, status, state_json, started_at, updated_at,"
            " playbook_version) VALUES (?, ?, 'open', ?, ?, ?, ?)",
            (
                state.lead_id,
                state.playbook,
                json.dumps(state.to_dict(), allow_nan=False),
                stamp,
                stamp,
                playbook_version,
            ),
        )
    return int(cursor.lastrowid or 0)


def save_state(conn: sqlite3.Connection, session_id: int, state: WalkState, now: datetime) -> None:
    """Save `state` (inside the caller's transaction) if nobody saved it meanwhile."""
    expected = state.revision
    state.revision += 1
    stamp = now.isoformat(timespec="seconds")
    status = "finished" if state.finished else "open"
    updated = conn.execute(
        "UPDATE sessions SET state_json = ?, status = ?, updated_at = ?, "
        "finished_at = CASE WHEN ? = 'finished' THEN ? ELSE finished_at END "
        "WHERE id = ? AND status = 'open' "
        "AND coalesce(json_extract(state_json, '$.revision'), 0) = ?",
        (
            json.dumps(state.to_dict(), allow_nan=False),
            status,
            stamp,
            status,
            stamp,
            session_id,
            expected,
        ),
    ).rowcount
    if not updated:
        state.revision = expected
        raise StoreError(
            "this walk was continued or abandoned in another terminal; nothing more was saved here",
            hint="run the walk again to carry on from what was saved",
        )


def task_keys(conn: sqlite3.Connection, lead_id: int) -> frozenset[str]:
    """The de-duplication keys of every task the lead has had, whatever became of it."""
    rows = conn.execute(
        "SELECT dedupe_key FROM tasks WHERE lead_id = ? AND dedupe_key IS NOT NULL", (lead_id,)
    )
    return frozenset(r["dedupe_key"] for r in rows)


def answer_recorded_on(conn: sqlite3.Connection, lead_id: int, field: str) -> str | None:
    """The ISO date an answer was last recorded on the lead."""
    row = conn.execute(
        "SELECT updated_at FROM answers WHERE lead_id = ? AND field = ?", (lead_id, field)
    ).fetchone()
    return str(row["updated_at"])[:10] if row else None
