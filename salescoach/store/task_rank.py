"""Open tasks by what their urgency can reach, so a page of the most urgent reads few rows.

`task_rank` holds one row per open task: the urgency terms that do not change with the day
(`core.planning.urgency.lasting`: the task's priority, its lead's stage and temperature), the
due date, and the lead's first-contact deadline while the lead is open and never contacted.
Triggers keep it (built-in SQL only, like the sync's: whoever writes a task or a lead), and it
is not part of the export. `ranked_ids` uses it: the urgency is the day terms (a step function
of the due date) plus those lasting terms plus at most a little for the task's age and a near
SLA, so a first guess at the page gives a threshold, and only tasks whose due date and lasting
terms could reach it (an index range per lasting value) are scored, by the very formula.

The SQL form of `lasting` is written into the triggers when the migration runs; a test checks
it against the core function on random tasks, so a change of coefficients needs a migration.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from datetime import date, timedelta

from salescoach.core.planning import urgency as u

# A page is exact whatever the rounding of the bounds: they are loosened by this much.
_SLACK = 1e-6


def _case(column: str, values: Mapping[str, float]) -> str:
    whens = " ".join(f"WHEN '{key}' THEN {value!r}" for key, value in values.items())
    return f"(CASE {column} {whens} ELSE 0.0 END)"


def lasting_sql(task: str, lead: str) -> str:
    """`urgency.lasting` over the task row `task` and its lead row `lead`."""
    stage = (
        f"(CASE WHEN {lead}.status = 'open' THEN {_case(f'{lead}.step', u.STAGE_VALUES)} "
        f"ELSE {_case(f'{lead}.status', u.CLOSED_STAGE_VALUES)} END)"
    )
    # As in core: a closed deal's temperature no longer counts.
    temperature = (
        f"(CASE WHEN {lead}.status = 'open' "
        f"THEN {_case(f'{lead}.temperature', u.TEMPERATURE_VALUES)} ELSE 0.0 END)"
    )
    return (
        f"({u.COEFFICIENTS['priority']!r} * {_case(f'{task}.priority', u.PRIORITY_VALUES)} + "
        f"{u.COEFFICIENTS['stage']!r} * {stage} + "
        f"{u.COEFFICIENTS['temperature']!r} * {temperature})"
    )


def _sla_sql(lead: str) -> str:
    waiting = f"{lead}.status = 'open' AND {lead}.first_contact_at IS NULL"
    return f"(CASE WHEN {waiting} THEN {lead}.sla_due END)"


def _insert(task: str) -> str:
    return (
        "INSERT INTO task_rank (id, weight, due, sla_due) "
        f"SELECT {task}.id, {lasting_sql(task, 'l')}, {task}.due, {_sla_sql('l')} "
        f"FROM leads l WHERE l.id = {task}.lead_id AND {task}.status = 'open'"
    )


# A bulk insert of tasks (store.derived_tables): the trigger its rows would set off, and the
# rows of the new tasks (:first..:last) built at once.
TRIGGERS_ON_INSERT = ("task_rank_insert",)
REBUILD_NEW_ROWS = (
    f"""INSERT INTO task_rank (id, weight, due, sla_due)
SELECT t.id, {lasting_sql("t", "l")}, t.due, {_sla_sql("l")}
FROM tasks t JOIN leads l ON l.id = t.lead_id
WHERE t.status = 'open' AND t.id BETWEEN :first AND :last""",
)


def migration() -> str:
    return f"""
CREATE TABLE task_rank (
    id INTEGER PRIMARY KEY,
    weight REAL NOT NULL,
    due TEXT NOT NULL,
    sla_due TEXT
);
CREATE INDEX task_rank_weight ON task_rank (weight, due);
CREATE INDEX task_rank_sla ON task_rank (sla_due) WHERE sla_due IS NOT NULL;
INSERT INTO task_rank (id, weight, due, sla_due)
SELECT t.id, {lasting_sql("t", "l")}, t.due, {_sla_sql("l")}
FROM tasks t JOIN leads l ON l.id = t.lead_id WHERE t.status = 'open';
CREATE TRIGGER task_rank_insert AFTER INSERT ON tasks
BEGIN
    {_insert("NEW")};
END;
CREATE TRIGGER task_rank_update AFTER UPDATE OF id, lead_id, priority, due, status ON tasks
BEGIN
    DELETE FROM task_rank WHERE id = OLD.id;
    {_insert("NEW")};
END;
CREATE TRIGGER task_rank_delete AFTER DELETE ON tasks
BEGIN
    DELETE FROM task_rank WHERE id = OLD.id;
END;
CREATE TRIGGER task_rank_lead AFTER UPDATE OF step, status, temperature, first_contact_at,
    sla_due ON leads
BEGIN
    UPDATE task_rank SET (weight, sla_due) = (
        SELECT {lasting_sql("t", "NEW")}, {_sla_sql("NEW")} FROM tasks t WHERE t.id = task_rank.id
    ) WHERE id IN (SELECT id FROM tasks WHERE lead_id = NEW.id AND status = 'open');
END;
"""


def _latest_due(today: date, at_least: float) -> date | None:
    """The latest due date whose day terms reach `at_least` (None: no date does)."""
    if at_least <= 0:
        return date.max
    for days_late in range(-u.DUE_SOON_DAYS, u.OVERDUE_CAP_DAYS + 1):
        if u.day_terms(days_late) >= at_least:
            return today - timedelta(days=days_late)
    return None


def ranked_ids(
    conn: sqlite3.Connection,
    today: date,
    limit: int,
    due_by: date | None,
    exact: str,
) -> list[int]:
    """Ids of open tasks due by `due_by` (None: any day) among which are the `limit` most
    urgent; `exact` is an SQL query of (id, urgency) for the ids in the JSON array :ids, on
    the day :today."""
    if limit <= 0:
        return []
    by = "" if due_by is None else " AND due <= :due_by"
    params: dict[str, object] = {
        "today": today.isoformat(),
        "limit": limit,
        "due_by": (due_by or date.max).isoformat(),
    }
    weights = [
        r[0]
        for r in conn.execute(
            "WITH RECURSIVE w(v) AS (SELECT min(weight) FROM task_rank UNION ALL "
            "SELECT (SELECT min(weight) FROM task_rank WHERE weight > v) FROM w "
            "WHERE v IS NOT NULL) SELECT v FROM w WHERE v IS NOT NULL"
        )
    ]
    # A first guess: the earliest due tasks of every lasting value.
    guess: list[int] = []
    for weight in weights:
        rows = conn.execute(
            f"SELECT id FROM task_rank WHERE weight = :w{by} ORDER BY due, id LIMIT :limit",
            {**params, "w": weight},
        )
        guess += [r[0] for r in rows]
    if len(guess) < limit:  # every task due by then is in the guess
        return guess
    scores = sorted(r[1] for r in conn.execute(exact, {**params, "ids": json.dumps(guess)}))
    threshold = scores[-limit] - _SLACK  # `limit` tasks reach it: the page's least does too
    found: set[int] = set()
    for weight in weights:
        latest = _latest_due(today, threshold - weight - u.AGE_MOST)
        if latest is not None:
            rows = conn.execute(
                f"SELECT id FROM task_rank WHERE weight = :w AND due <= :latest{by}",
                {**params, "w": weight, "latest": latest.isoformat()},
            )
            found.update(r[0] for r in rows)
    pressed = (today + timedelta(days=u.SLA_PRESSURE_DAYS)).isoformat()
    rows = conn.execute(
        f"SELECT id, weight, due FROM task_rank WHERE sla_due <= :pressed{by}",
        {**params, "pressed": pressed},
    )
    for task_id, weight, due in rows:
        latest = _latest_due(today, threshold - weight - u.AGE_MOST - u.SLA_MOST)
        if latest is not None and due <= latest.isoformat():
            found.add(task_id)
    return sorted(found)
