"""Training history and the Leitner review schedule.

A drill run is a `training` row per item practised (all rows of a run share the run's `at`,
which is how runs are counted) and the items' new review boxes, saved together by
`actions.training`. Drills never write to the interaction log.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING

from salescoach.core.training.history import LatestAttempt, TrainingLog
from salescoach.core.training.leitner import ReviewState
from salescoach.core.training.practice import Session

if TYPE_CHECKING:
    from salescoach.core.training.shapes import DayHistory, DrillHistory, FamilyHistory


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


def insert_results(conn: sqlite3.Connection, session: Session, now: datetime) -> None:
    """One `training` row per item of a run, all stamped with the run's time (inside the
    caller's transaction)."""
    stamp = now.isoformat(timespec="seconds")
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
                json.dumps({"seed": session.seed, **r.detail}, ensure_ascii=False, allow_nan=False),
            )
            for r in session.results
        ],
    )


def save_review_states(
    conn: sqlite3.Connection, states: Iterable[ReviewState], now: datetime
) -> None:
    """Save items' review boxes (inside the caller's transaction)."""
    stamp = now.isoformat(timespec="seconds")
    conn.executemany(
        "INSERT INTO review_items (item, drill, box, due, last_at) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (item) DO UPDATE SET drill = excluded.drill, box = excluded.box, "
        "due = excluded.due, last_at = excluded.last_at",
        [(s.item, s.drill, s.box, s.due.isoformat(), stamp) for s in states],
    )


_SHARE = "CASE WHEN max_score > 0 THEN max(score, 0) / max_score END"


def training_log(conn: sqlite3.Connection, today: date) -> TrainingLog:
    """Scores over time per drill and per objection family, and what is due for review, all
    aggregated in SQL (`core.training.history` makes `train history` of them)."""
    drills: list[DrillHistory] = [
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
    by_day: list[DayHistory] = [
        {"drill": r["drill"], "day": r["day"], "items": r["items"], "share": _round(r["share"])}
        for r in conn.execute(
            f"SELECT drill, substr(at, 1, 10) AS day, count(*) AS items, avg({_SHARE}) AS share "
            "FROM training GROUP BY drill, day ORDER BY drill, day"
        )
    ]
    families: list[FamilyHistory] = [
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
    boxes = {
        r["box"]: r["n"]
        for r in conn.execute("SELECT box, count(*) AS n FROM review_items GROUP BY box")
    }
    due_now = conn.execute(
        "SELECT count(*) FROM review_items WHERE due <= ?", (today.isoformat(),)
    ).fetchone()[0]
    return TrainingLog(drills, by_day, families, boxes, due_now)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def latest_attempts(conn: sqlite3.Connection, items: list[str]) -> list[LatestAttempt]:
    """Each item's latest training row: its detail and score (train's review asks the domain
    which objection items still carry a buyer's words from a reviewed call)."""
    if not items:
        return []
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
    return [
        LatestAttempt(r["item"], json.loads(r["detail_json"] or "{}"), r["score"], r["max_score"])
        for r in rows
    ]
