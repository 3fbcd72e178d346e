"""The ranked open tasks (store.task_rank) give the very page a full sort by urgency gives,
and the triggers' SQL form of the lasting urgency terms is core's formula."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from salescoach.core.planning import urgency
from salescoach.store.plan_queries import due_tasks
from salescoach.store.task_queries import TaskFilter, list_tasks
from tests.support.store import fresh_store

TODAY = date(2026, 3, 11)
STEPS = (*urgency.STAGE_VALUES, "unknown")
STATUSES = ("open", "won", "lost", "archived")
TEMPERATURES = tuple(urgency.TEMPERATURE_VALUES)
PRIORITIES = tuple(urgency.PRIORITY_VALUES)
TASK_STATUSES = ("open", "open", "open", "done", "cancelled")

days = st.integers(-40, 40)
leads = st.tuples(
    st.sampled_from(STEPS),
    st.sampled_from(STATUSES),
    st.sampled_from(TEMPERATURES),
    st.booleans(),  # contacted
    st.one_of(st.none(), days),  # SLA due, days from today
)
tasks = st.tuples(
    st.integers(0, 7),  # which lead
    days,  # due
    st.integers(0, 60),  # created, days ago
    st.sampled_from(PRIORITIES),
    st.sampled_from(TASK_STATUSES),
)


def _on(offset: int) -> str:
    return (TODAY + timedelta(days=offset)).isoformat()


def _fill(conn: sqlite3.Connection, lead_rows: list[tuple], task_rows: list[tuple]) -> None:
    for n, (step, status, temperature, contacted, sla) in enumerate(lead_rows, 1):
        conn.execute(
            "INSERT INTO leads (id, name, playbook, step, status, temperature, first_contact_at, "
            "sla_due, step_entered_at, created_at, updated_at) "
            "VALUES (?, ?, 'b2b-saas', ?, ?, ?, ?, ?, 'a', 'a', 'a')",
            (n, f"Lead {n}", step, status, temperature, _on(-1) if contacted else None,
             None if sla is None else _on(sla)),
        )  # fmt: skip
    for lead, due, created, priority, status in task_rows:
        conn.execute(
            "INSERT INTO tasks (lead_id, title, due, priority, status, created_at, updated_at) "
            "VALUES (?, 'Call', ?, ?, ?, ?, ?)",
            (lead % len(lead_rows) + 1, _on(due), priority, status, _stamp(-created), _stamp(0)),
        )


def _stamp(offset: int) -> str:
    return _on(offset) + "T09:00:00+00:00"


def _page(conn: sqlite3.Connection, flt: TaskFilter, today: date) -> list[int]:
    return [t.id for t in list_tasks(conn, flt, today)[0]]


@settings(max_examples=60, deadline=None)
@given(
    lead_rows=st.lists(leads, min_size=1, max_size=8),
    task_rows=st.lists(tasks, max_size=60),
    moved=st.lists(st.tuples(st.integers(0, 7), leads), max_size=4),
    shift=st.integers(-20, 20),
    limit=st.integers(1, 12),
    due=st.sampled_from([None, "overdue", "today", "week"]),
)
def test_the_ranked_page_is_the_full_sorts_first_page(
    lead_rows: list[tuple],
    task_rows: list[tuple],
    moved: list[tuple[int, tuple]],
    shift: int,
    limit: int,
    due: str | None,
) -> None:
    with fresh_store() as conn:
        _fill(conn, lead_rows, task_rows)
        for which, (step, status, temperature, contacted, sla) in moved:  # the triggers follow
            conn.execute(
                "UPDATE leads SET step = ?, status = ?, temperature = ?, first_contact_at = ?, "
                "sla_due = ? WHERE id = ?",
                (step, status, temperature, _on(0) if contacted else None,
                 None if sla is None else _on(sla), which % len(lead_rows) + 1),
            )  # fmt: skip
        conn.execute("UPDATE tasks SET status = 'done' WHERE id % 7 = 3")
        conn.execute("UPDATE tasks SET priority = 'high', due = ? WHERE id % 5 = 1", (_on(-3),))
        today = TODAY + timedelta(days=shift)
        everything = _page(conn, TaskFilter(due=due, limit=None), today)
        assert _page(conn, TaskFilter(due=due, limit=limit), today) == everything[:limit]
        full = [t.id for t in due_tasks(conn, today, None)]
        assert [t.id for t in due_tasks(conn, today, limit)] == full[:limit]


@settings(max_examples=200, deadline=None)
@given(lead=leads, priority=st.sampled_from(PRIORITIES))
def test_the_triggers_keep_core_lasting_terms(lead: tuple, priority: str) -> None:
    step, status, temperature, contacted, sla = lead
    with fresh_store() as conn:
        _fill(conn, [lead], [(0, 0, 0, priority, "open")])
        weight, sla_due = conn.execute("SELECT weight, sla_due FROM task_rank").fetchone()
        assert abs(weight - urgency.lasting(priority, temperature, step, status)) < 1e-9
        waiting = status == "open" and not contacted and sla is not None
        assert sla_due == (_on(sla) if waiting else None)


def test_the_day_terms_never_fall_as_a_task_gets_later() -> None:
    values = [urgency.day_terms(n) for n in range(-30, 30)]
    assert values == sorted(values)
    for n in range(-30, 30):  # the day terms and the lasting ones add up to the total
        whole = urgency.total_of(n, 40, "high", "warm", "closing", "open", True, None)
        parts = urgency.day_terms(n) + urgency.lasting("high", "warm", "closing", "open")
        assert abs(whole - parts - urgency.AGE_MOST) < 1e-9
