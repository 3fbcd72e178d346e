"""Saving a reviewed call on a lead: all of it in one transaction, never twice.

The note and the objection rows go through the interaction log's own insert (so the lead's
stamps and the privacy switch behave as for every other interaction); the drill items go
through the training store's. A transcript whose content hash is already on the lead (in the
log or in the drill items) is refused before anything is written.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, datetime

from salescoach.core.kernel.records import NewInteraction
from salescoach.core.review.records import HASH_KEY
from salescoach.core.training.practice import Session
from salescoach.errors import UsageError
from salescoach.store.db import transaction
from salescoach.store.interactions import insert_interaction, logging_enabled
from salescoach.store.training import write_session


@dataclass(frozen=True)
class Saved:
    interactions: list[int]  # empty when the log is off
    drill_items: list[str]


def reviewed_at(conn: sqlite3.Connection, lead_id: int, sha256: str) -> str | None:
    """When this transcript was already reviewed on the lead, or None."""
    row = conn.execute(
        "SELECT at FROM interactions WHERE lead_id = ? AND detail_json IS NOT NULL "
        f"AND json_extract(detail_json, '$.{HASH_KEY}') = ? "
        "UNION ALL SELECT at FROM training WHERE detail_json IS NOT NULL "
        f"AND json_extract(detail_json, '$.{HASH_KEY}') = ? "
        "AND json_extract(detail_json, '$.lead_id') = ? LIMIT 1",
        (lead_id, sha256, sha256, lead_id),
    ).fetchone()
    return None if row is None else str(row["at"])


def refuse_repeat(conn: sqlite3.Connection, lead_id: int, label: str, sha256: str) -> None:
    when = reviewed_at(conn, lead_id, sha256)
    if when is not None:
        raise UsageError(
            f"this transcript was already reviewed on {label} ({when[:16].replace('T', ' ')}); "
            "nothing was logged again",
            hint="leave out --lead to see the scorecard again",
        )


def save_review(
    conn: sqlite3.Connection,
    *,
    lead_id: int,
    label: str,
    sha256: str,
    rows: list[NewInteraction],
    drills: Session,
    now: datetime,
    today: date,
) -> Saved:
    with transaction(conn):
        refuse_repeat(conn, lead_id, label, sha256)  # again inside the lock: a racing review
        ids = [insert_interaction(conn, row) for row in rows] if logging_enabled(conn) else []
        states = write_session(conn, drills, now, today) if drills.results else []
    return Saved(ids, [s.item for s in states])
