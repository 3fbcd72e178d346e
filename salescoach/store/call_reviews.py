"""Whether a transcript was already reviewed on a lead: its content hash in the lead's log or in
the drill items made from it (actions.reviews saves a review)."""

from __future__ import annotations

import sqlite3

from salescoach.core.review.records import HASH_KEY
from salescoach.errors import UsageError


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
