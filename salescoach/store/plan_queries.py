"""The SQL behind the daily plan: small, indexed queries; nothing reads the whole log.

- due tasks: `tasks_status_due` (status, due) range, sorted by `urgency(...)`, first page only;
- SLA: `leads_sla` (status, first_contact_at, sla_due): open, never contacted, due by today;
- stale deals: the lead's own `last_interaction_at` / `step_entered_at` stamps (kept current by
  every logged interaction), one `leads_stale` range per playbook step's limit
  (store.stale_deals);
- goals: counts over `interactions_at` (at) for the day and the week only.
Timestamps are stored as local ISO times with their offset, so the first ten characters are the
local date: comparing them with ISO dates honours the rep's time zone.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping
from datetime import date

from salescoach.core.planning.plan import CALL_CHANNELS, LeadRef, PlanInput, SlaRow
from salescoach.core.planning.tasks import Task
from salescoach.core.playbook.limits import PlaybookLimits
from salescoach.core.reporting.goals import GoalProgress
from salescoach.store.sql_functions import URGENCY_SQL
from salescoach.store.stale_deals import stale_rows
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
