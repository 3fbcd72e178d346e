"""The plan's stale deals: open deals idle longer than their step allows, most overdue first.

Idle since = the later of the last interaction and entering the current step; only leads
contacted at least once are deals that can go stale (the others are the SLA section's). Each
(playbook, step) has its own limit, so "idle since before the cutoff" is one range of
`leads_stale (status, playbook, step, last_interaction_at, step_entered_at,
first_contact_at)` per pair, read from the index alone.

A store of 100,000 leads holds tens of thousands of idle deals; the plan shows a page of
them and their exact number. The number is a count over those ranges. The page is not a
sort of them all: the pairs' first idle deals (in the index's order) give a threshold, the
least overdue of the page's size among them, which the page's last deal reaches too; only the
deals at least that overdue (a narrower range per pair) are sorted, so the page is the full
sort's (a test compares them).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from datetime import date, timedelta

from salescoach.core.kernel.steps import STEP_IDS
from salescoach.core.planning.plan import LeadRef, StaleRow
from salescoach.core.playbook.limits import PlaybookLimits

# (playbook, step, cutoff, limit in days): idle since before the cutoff is stale.
Limit = tuple[str, str, str, int]

_SINCE = "max(coalesce(l.last_interaction_at, ''), l.step_entered_at)"
# Days past the step's limit: the cutoff is today minus the limit.
_OVERDUE = f"julianday(limits.cutoff) - julianday(substr({_SINCE}, 1, 10))"
_OPEN_IN_STEP = (
    "l.status = 'open' AND l.playbook = limits.playbook AND l.step = limits.step "
    "AND l.first_contact_at IS NOT NULL AND l.step_entered_at < limits.before"
)
# Idle since before `limits.before`, in two index ranges: a last interaction before it, or
# none at all (then the step's entry counts).
_ARMS = (
    f"{_OPEN_IN_STEP} AND l.last_interaction_at < limits.before",
    f"{_OPEN_IN_STEP} AND l.last_interaction_at IS NULL",
)


def _limits_table(limits: Mapping[str, PlaybookLimits], today: date) -> list[Limit]:
    return [
        (
            name,
            step,
            (today - timedelta(days=lim.stale_after(step))).isoformat(),
            lim.stale_after(step),
        )
        for name, lim in limits.items()
        for step in STEP_IDS
    ]


def _with_limits(rows: list[tuple[Limit, str]]) -> tuple[str, list[object]]:
    """A `limits (playbook, step, cutoff, days, before)` table of `rows` (a limit and the
    bound its deals' idle date must be before)."""
    values = ", ".join("(?, ?, ?, ?, ?)" for _ in rows)
    cte = f"limits (playbook, step, cutoff, days, before) AS (VALUES {values})"
    return cte, [v for limit, before in rows for v in (*limit, before)]


def _count(conn: sqlite3.Connection, table: list[Limit]) -> int:
    cte, params = _with_limits([(limit, limit[2]) for limit in table])
    counts = " + ".join(f"(SELECT count(*) FROM limits JOIN leads l ON {arm})" for arm in _ARMS)
    return int(conn.execute(f"WITH {cte} SELECT {counts}", params).fetchone()[0])


def _threshold(conn: sqlite3.Connection, table: list[Limit], size: int) -> float | None:
    """Days overdue that at least `size` idle deals reach (None: fewer than `size` found in
    the pairs' first `size` idle deals each, or days unreadable)."""
    found: list[float] = []
    for limit in table:
        cte, params = _with_limits([(limit, limit[2])])
        for arm, order in zip(_ARMS, ("last_interaction_at", "step_entered_at"), strict=True):
            rows = conn.execute(
                f"WITH {cte} SELECT {_OVERDUE} FROM limits JOIN leads l ON {arm} "
                f"ORDER BY l.{order} LIMIT ?",
                [*params, size],
            )
            found += [r[0] for r in rows if r[0] is not None]
    if len(found) < size:
        return None
    return sorted(found, reverse=True)[size - 1]


def _page(
    conn: sqlite3.Connection, rows: list[tuple[Limit, str]], size: int | None
) -> list[StaleRow]:
    cte, params = _with_limits(rows)
    idle = " UNION ALL ".join(
        f"SELECT l.id, l.step, limits.days, {_SINCE} AS since, {_OVERDUE} AS overdue "
        f"FROM limits JOIN leads l ON {arm}"
        for arm in _ARMS
    )
    found = conn.execute(
        f"WITH {cte}, idle AS ({idle}), "
        "page AS (SELECT * FROM idle ORDER BY overdue DESC, id LIMIT ?) "
        "SELECT page.*, l.name, l.company FROM page JOIN leads l ON l.id = page.id "
        "ORDER BY overdue DESC, page.id",
        [*params, -1 if size is None else size],
    )
    return [
        StaleRow(
            LeadRef(r["id"], r["name"], r["company"]),
            r["step"],
            date.fromisoformat(r["since"][:10]),
            r["days"],
        )
        for r in found
    ]


def stale_rows(
    conn: sqlite3.Connection,
    today: date,
    limits: Mapping[str, PlaybookLimits],
    limit: int | None,
) -> tuple[list[StaleRow], int]:
    """The first `limit` stale deals (None: all), most overdue first, and how many there are."""
    table = _limits_table(limits, today)
    if not table or limit == 0:
        return [], _count(conn, table) if table else 0
    total = _count(conn, table)
    every = [(row, row[2]) for row in table]
    if limit is None or total <= limit:
        return _page(conn, every, limit), total
    least = _threshold(conn, table, limit)
    if least is None:
        return _page(conn, every, limit), total
    # At least `least` days overdue: idle since before the day after cutoff - least.
    narrowed = [
        (row, (date.fromisoformat(row[2]) - timedelta(days=int(least) - 1)).isoformat())
        for row in table
    ]
    return _page(conn, narrowed, limit), total
