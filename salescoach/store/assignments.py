"""The drills the manager assigned, as pulled from the hub (table `assignments`, M006).

The rep's `train` run marks the ones it practised done, inside the run's own transaction;
the update is captured by the sync triggers like any write and reaches the hub on `sync`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from salescoach.core.training.assignments import Assignment, outcome_of
from salescoach.core.training.practice import ItemResult

_OPEN = (
    "SELECT a.id, coalesce(s.gid, '') AS gid, a.drill, a.target, a.due, a.assigned_at, a.rep,"
    " a.playbook FROM assignments a LEFT JOIN sync_ids s"
    " ON s.tbl = 'assignments' AND s.row = a.id AND s.alias = 0"
    " WHERE a.status = 'open' AND (? IS NULL OR a.rep IS NULL OR a.rep = ?)"
    " ORDER BY a.due IS NULL, a.due, a.assigned_at, a.id"
)


def _rows(conn: sqlite3.Connection, rep: str | None) -> list[sqlite3.Row]:
    return conn.execute(_OPEN, (rep, rep)).fetchall()


def open_assignments(conn: sqlite3.Connection, rep: str | None) -> list[Assignment]:
    """Assignments not done yet, for `rep` (None: whoever they are for)."""
    return [
        Assignment(r["gid"], r["drill"], r["target"], r["due"], r["assigned_at"], r["rep"],
                   r["playbook"])
        for r in _rows(conn, rep)
    ]  # fmt: skip


def complete_practised(
    conn: sqlite3.Connection, results: Sequence[ItemResult], stamp: str, rep: str | None
) -> list[Assignment]:
    """Mark done the open assignments whose item the run practised (inside the caller's
    transaction); `stamp` is the run's time, the `at` of its training rows."""
    done: list[Assignment] = []
    for row in _rows(conn, rep):
        outcome = outcome_of(results, f"{row['drill']}:{row['target']}")
        if outcome is None:
            continue
        conn.execute(
            "UPDATE assignments SET status = 'done', done_at = ?, score = ?, max_score = ?,"
            " result = ? WHERE id = ?",
            (stamp, outcome.score, outcome.max_score, outcome.summary, row["id"]),
        )
        done.append(
            Assignment(row["gid"], row["drill"], row["target"], row["due"], row["assigned_at"])
        )
    return done
