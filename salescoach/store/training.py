"""Training history and the Leitner review schedule.

One drill run is saved in one transaction: a `training` row per item practised (all rows of a
run share the run's `at`, which is how runs are counted) and the items' new review boxes.
Drills never write to the interaction log.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime
from typing import Any

from salescoach.core.training.drills import PASS_SHARE
from salescoach.core.training.leitner import ReviewState, schedule
from salescoach.core.training.practice import Session
from salescoach.store.db import transaction

WEAKEST = 3


def _state(row: sqlite3.Row) -> ReviewState:
    return ReviewState(
        item=row["item"],
        drill=row["drill"],
        box=row["box"],
        due=date.fromisoformat(row["due"]),
        last=date.fromisoformat(row["last_at"][:10]) if row["last_at"] else None,
    )


def review_states(conn: sqlite3.Connection, items: list[str] | None = None) -> list[ReviewState]:
    if items is None:
        rows = conn.execute("SELECT * FROM review_items ORDER BY item").fetchall()
    else:
        marks = ", ".join("?" for _ in items)
        rows = conn.execute(f"SELECT * FROM review_items WHERE item IN ({marks})", items).fetchall()
    return [_state(r) for r in rows]


def due_states(conn: sqlite3.Connection, today: date, limit: int) -> list[ReviewState]:
    """Items due today or earlier, weakest box first (see core.leitner.due)."""
    rows = conn.execute(
        "SELECT * FROM review_items WHERE due <= ? ORDER BY box, due, item LIMIT ?",
        (today.isoformat(), limit),
    ).fetchall()
    return [_state(r) for r in rows]


def save_session(
    conn: sqlite3.Connection, session: Session, now: datetime, today: date
) -> list[ReviewState]:
    """Record a run's items and move their review boxes; returns the new review states."""
    if not session.results:
        return []
    with transaction(conn):
        return write_session(conn, session, now, today)


def write_session(
    conn: sqlite3.Connection, session: Session, now: datetime, today: date
) -> list[ReviewState]:
    """`save_session` inside the caller's transaction."""
    stamp = now.isoformat(timespec="seconds")
    items = sorted({r.item for r in session.results})
    before = {s.item: s for s in review_states(conn, items)}
    after = schedule(before, session.attempts(), today)
    conn.executemany(
        "INSERT INTO training (at, drill, item, score, max_score, detail_json) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [
            (
                stamp,
                r.drill,
                r.item,
                r.score,
                r.max_score,
                json.dumps({"seed": session.seed, **r.detail}, ensure_ascii=False),
            )
            for r in session.results
        ],
    )
    conn.executemany(
        "INSERT INTO review_items (item, drill, box, due, last_at) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (item) DO UPDATE SET drill = excluded.drill, box = excluded.box, "
        "due = excluded.due, last_at = excluded.last_at",
        [(s.item, s.drill, s.box, s.due.isoformat(), stamp) for s in after.values()],
    )
    return list(after.values())


_SHARE = "CASE WHEN max_score > 0 THEN max(score, 0) / max_score END"


def history(conn: sqlite3.Connection, today: date) -> dict[str, Any]:
    """Scores over time per drill and per objection family, the weakest families, and what is
    due for review. Everything is aggregated in SQL."""
    drills = [
        {
            "drill": r["drill"],
            "runs": r["runs"],
            "items": r["items"],
            "average_share": _round(r["average"]),
            "first_run_share": _round(r["first_share"]),
            "last_run_share": _round(r["last_share"]),
            "first_at": r["first_at"],
            "last_at": r["last_at"],
        }
        for r in conn.execute(
            f"""
            WITH runs AS (
                SELECT drill, at, avg({_SHARE}) AS share, count(*) AS items
                FROM training GROUP BY drill, at
            )
            SELECT drill, count(*) AS runs, sum(items) AS items,
                   (SELECT avg({_SHARE}) FROM training t WHERE t.drill = runs.drill) AS average,
                   (SELECT share FROM runs r2 WHERE r2.drill = runs.drill
                    ORDER BY at LIMIT 1) AS first_share,
                   (SELECT share FROM runs r2 WHERE r2.drill = runs.drill
                    ORDER BY at DESC LIMIT 1) AS last_share,
                   min(at) AS first_at, max(at) AS last_at
            FROM runs GROUP BY drill ORDER BY drill
            """
        )
    ]
    by_day = [
        {"drill": r["drill"], "day": r["day"], "items": r["items"], "share": _round(r["share"])}
        for r in conn.execute(
            f"SELECT drill, substr(at, 1, 10) AS day, count(*) AS items, avg({_SHARE}) AS share "
            "FROM training GROUP BY drill, day ORDER BY drill, day"
        )
    ]
    families = [
        {
            "family": r["family"],
            "attempts": r["attempts"],
            "average_share": _round(r["average"]),
            "last_share": _round(r["last_share"]),
            "last_at": r["last_at"],
        }
        for r in conn.execute(
            f"""
            SELECT substr(item, 12) AS family, count(*) AS attempts, avg({_SHARE}) AS average,
                   max(at) AS last_at,
                   (SELECT {_SHARE} FROM training t2 WHERE t2.item = t.item
                    ORDER BY at DESC, id DESC LIMIT 1) AS last_share
            FROM training t WHERE drill = 'objections' AND item LIKE 'objections:%'
            GROUP BY item ORDER BY family
            """
        )
    ]
    ranked = sorted(families, key=lambda f: (f["average_share"] or 0.0, -f["attempts"]))
    weakest = [f["family"] for f in ranked if (f["average_share"] or 0.0) < PASS_SHARE]
    boxes = {
        r["box"]: r["n"]
        for r in conn.execute("SELECT box, count(*) AS n FROM review_items GROUP BY box")
    }
    due_now = conn.execute(
        "SELECT count(*) FROM review_items WHERE due <= ?", (today.isoformat(),)
    ).fetchone()[0]
    return {
        "drills": drills,
        "by_day": by_day,
        "families": families,
        "weakest_families": weakest[:WEAKEST],
        "review": {"due_today": due_now, "boxes": {str(b): boxes.get(b, 0) for b in range(1, 6)}},
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def call_words(conn: sqlite3.Connection, items: list[str]) -> dict[str, str]:
    """For each objection item whose latest attempt came from a reviewed call and was not yet
    answered well, what the buyer said on that call (train's review drills those words)."""
    if not items:
        return {}
    marks = ", ".join("?" for _ in items)
    rows = conn.execute(
        f"""
        SELECT item, detail_json, score, max_score FROM training t
        WHERE item IN ({marks}) AND id = (
            SELECT max(id) FROM training t2 WHERE t2.item = t.item
        )
        """,
        items,
    ).fetchall()
    words = {}
    for row in rows:
        detail = json.loads(row["detail_json"] or "{}")
        said = detail.get("buyer_says")
        if detail.get("source") != "call" or not isinstance(said, str):
            continue
        # The call itself left the objection unresolved, whatever its reply scored; a drill
        # on those words counts once it passes.
        passed = row["max_score"] > 0 and row["score"] / row["max_score"] >= PASS_SHARE
        if "review_sha256" in detail or not passed:
            words[row["item"]] = said
    return words
