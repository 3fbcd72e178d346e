"""The SQL behind the daily plan: small, indexed queries; nothing reads the whole log.

- due tasks: `tasks_status_due` (status, due) range, sorted by `urgency(...)`, first page only;
- SLA: `leads_sla` (status, first_contact_at, sla_due): open, never contacted, due by today;
- stale deals: the lead's own `last_interaction_at` / `step_entered_at` stamps (kept current by
  every logged interaction), joined to each playbook step's limit;
- goals: counts over `interactions_at` (at) for the day and the week only.
Timestamps are stored as local ISO times with their offset, so the first ten characters are the
local date: comparing them with ISO dates honours the rep's time zone.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping
from datetime import date, timedelta

from salescoach.core.kernel.steps import STEP_IDS
from salescoach.core.planning.plan import CALL_CHANNELS, LeadRef, PlanInput, SlaRow, StaleRow
from salescoach.core.planning.tasks import Task
from salescoach.core.playbook.limits import PlaybookLimits
from salescoach.core.reporting.goals import GoalProgress
from salescoach.store.sql_functions import URGENCY_SQL
from salescoach.store.task_queries import date_params, most_urgent
from salescoach.store.tasks import TASK_SELECT, row_to_task


def _lead(row: sqlite3.Row) -> LeadRef:
    return LeadRef(row["id"], row["name"], row["company"])


def due_counts(conn: sqlite3.Connection, today: date) -> tuple[int, int]:
    """(overdue, due today) among open tasks."""
    row = conn.execute(
        "SELECT count(*) FILTER (WHERE due < :today) AS overdue, "
        "count(*) FILTER (WHERE due = :today) AS due_today "
        "FROM tasks WHERE status = 'open' AND due <= :today",
        {"today": today.isoformat()},
    ).fetchone()
    return int(row["overdue"]), int(row["due_today"])


def due_tasks(conn: sqlite3.Connection, today: date, limit: int | None) -> list[Task]:
    """Open tasks due today or earlier, most urgent first."""
    if limit is not None:
        return most_urgent(conn, today, limit, today)
    sql = (
        f"{TASK_SELECT} WHERE t.status = 'open' AND t.due <= :today "
        f"ORDER BY {URGENCY_SQL} DESC, t.due, t.id"
    )
    params: dict[str, object] = {**date_params(today), "limit": -1 if limit is None else limit}
    return [row_to_task(r) for r in conn.execute(sql + " LIMIT :limit", params)]


def calls_today(conn: sqlite3.Connection, today: date, limit: int | None) -> tuple[list[Task], int]:
    """Open calls and meetings due today."""
    where = f" WHERE t.status = 'open' AND t.due = ? AND t.channel IN {CALL_CHANNELS!r}"
    total = conn.execute("SELECT count(*) FROM tasks t" + where, (today.isoformat(),))
    rows = conn.execute(
        f"{TASK_SELECT}{where} ORDER BY t.id LIMIT ?",
        (today.isoformat(), -1 if limit is None else limit),
    )
    return [row_to_task(r) for r in rows], int(total.fetchone()[0])


_SLA_WHERE = "status = 'open' AND first_contact_at IS NULL AND sla_due <= :today"


def sla_rows(
    conn: sqlite3.Connection, today: date, limit: int | None
) -> tuple[list[SlaRow], int, int]:
    """Never-contacted open leads whose SLA is due by today: (first page, broken, due today)."""
    params = {"today": today.isoformat(), "limit": -1 if limit is None else limit}
    counts = conn.execute(
        "SELECT count(*) FILTER (WHERE sla_due < :today), count(*) FILTER (WHERE sla_due = :today)"
        f" FROM leads WHERE {_SLA_WHERE}",
        params,
    ).fetchone()
    rows = conn.execute(
        f"SELECT id, name, company, temperature, sla_due FROM leads WHERE {_SLA_WHERE} "
        "ORDER BY sla_due, id LIMIT :limit",
        params,
    )
    found = [SlaRow(_lead(r), r["temperature"], date.fromisoformat(r["sla_due"])) for r in rows]
    return found, int(counts[0]), int(counts[1])


def playbooks_in_use(conn: sqlite3.Connection) -> list[str]:
    # One seek per playbook through `leads_status_playbook`, not a read of every open lead.
    rows = conn.execute(
        "WITH RECURSIVE used(book) AS (SELECT min(playbook) FROM leads WHERE status = 'open' "
        "UNION ALL SELECT (SELECT min(playbook) FROM leads WHERE status = 'open' "
        "AND playbook > book) FROM used WHERE book IS NOT NULL) "
        "SELECT book FROM used WHERE book IS NOT NULL"
    )
    return [r[0] for r in rows]


def stale_rows(
    conn: sqlite3.Connection,
    today: date,
    limits: Mapping[str, PlaybookLimits],
    limit: int | None,
) -> tuple[list[StaleRow], int]:
    """Open deals idle longer than their step allows, most overdue first.

    Idle since = the later of the last interaction and entering the current step. Only leads
    contacted at least once are deals that can go stale; the others are the SLA section's."""
    table = [
        (
            name,
            step,
            (today - timedelta(days=lim.stale_after(step))).isoformat(),
            lim.stale_after(step),
        )
        for name, lim in limits.items()
        for step in STEP_IDS
    ]
    if not table:
        return [], 0
    values = ", ".join("(?, ?, ?, ?)" for _ in table)
    latest_cutoff = max(row[2] for row in table)  # lets `leads_last_interaction` narrow first
    # The idle leads are read from `leads_stale` alone; only the page's rows from the table.
    overdue = "julianday(cutoff) - julianday(substr(since, 1, 10))"
    sql = (
        f"WITH limits (playbook, step, cutoff, days) AS (VALUES {values}), "
        "idle AS (SELECT l.id, l.step, limits.days, limits.cutoff, "
        "max(coalesce(l.last_interaction_at, ''), l.step_entered_at) AS since "
        "FROM limits JOIN leads l ON l.status = 'open' AND l.playbook = limits.playbook "
        "AND l.step = limits.step "
        "WHERE l.first_contact_at IS NOT NULL "
        "AND (l.last_interaction_at < ? OR l.last_interaction_at IS NULL)), "
        f"page AS (SELECT *, {overdue} AS overdue, count(*) OVER () AS total FROM idle "
        "WHERE since < cutoff ORDER BY overdue DESC, id LIMIT ?) "
        "SELECT page.*, l.name, l.company FROM page JOIN leads l ON l.id = page.id "
        "ORDER BY overdue DESC, page.id"
    )
    params: list[object] = [v for row in table for v in row]
    rows = conn.execute(sql, [*params, latest_cutoff, -1 if limit is None else limit]).fetchall()
    total = rows[0]["total"] if rows else 0
    found = [
        StaleRow(_lead(r), r["step"], date.fromisoformat(r["since"][:10]), r["days"]) for r in rows
    ]
    return found, int(total)


# Goal metrics the plan can count itself, until the goals module supplies progress rows:
# a "call" is a lead reached by phone on a day (several logged answers in one call count once).
def day_and_week_goals(conn: sqlite3.Connection, today: date) -> list[GoalProgress]:
    """Progress toward the day's and the week's goals, as the plan shows them."""
    from dataclasses import replace

    from salescoach.store.goals import goal_progress, managers_goals

    rows = goal_progress(conn, today, ("day", "week"))
    managers = managers_goals(conn) if rows else set()
    return [replace(g, by_manager=(g.metric, g.period) in managers) for g in rows]


def collect(
    conn: sqlite3.Connection,
    today: date,
    limits_for: Callable[[list[str]], Mapping[str, PlaybookLimits]],
    *,
    limit: int | None,
    goals: Callable[[sqlite3.Connection, date], list[GoalProgress]] = day_and_week_goals,
) -> PlanInput:
    """Everything the plan shows for `today`, each list cut to `limit` (None: no cut).

    `limits_for` gives the stale and SLA limits of the playbooks named (see core.limits)."""
    limits = limits_for(playbooks_in_use(conn))
    overdue, due_today = due_counts(conn, today)
    sla, broken, sla_today = sla_rows(conn, today, limit)
    stale, stale_count = stale_rows(conn, today, limits, limit)
    calls, calls_count = calls_today(conn, today, limit)
    return PlanInput(
        due_tasks=due_tasks(conn, today, limit),
        overdue_count=overdue,
        due_today_count=due_today,
        sla=sla,
        sla_broken_count=broken,
        sla_today_count=sla_today,
        stale=stale,
        stale_count=stale_count,
        calls=calls,
        calls_count=calls_count,
        goals=goals(conn, today),
        warnings=[lim.warning for lim in limits.values() if lim.warning],
    )
