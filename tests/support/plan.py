"""Building small stores by hand for the task and plan tests (the lead commands live elsewhere)."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, time
from typing import Any

import pytest

from salescoach.core.kernel.records import NewInteraction
from salescoach.core.planning.cadence import PlannedTask
from salescoach.store import sql_functions
from salescoach.store.db import open_store, run_migrations, transaction
from salescoach.store.interactions import insert_interaction
from salescoach.store.leads import insert_lead
from salescoach.store.tasks import insert_tasks
from tests.support.paths import FIXTURE_PLAYBOOKS
from tests.support.today import TODAY


def at(day: date, hour: int = 9) -> datetime:
    """A local, zone-aware moment on `day`."""
    return datetime.combine(day, time(hour)).astimezone()


def memory_store() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    conn.row_factory = sqlite3.Row
    sql_functions.register(conn)
    run_migrations(conn, 0)
    return conn


def use_planning_playbook(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SALESCOACH_PLAYBOOK_PATH", str(FIXTURE_PLAYBOOKS))


def lead(conn: sqlite3.Connection, name: str, *, created: date = TODAY, **fields: Any) -> int:
    values = {"name": name, "playbook": "planning", **fields}
    with transaction(conn):
        return insert_lead(conn, values, at(created))


def touch(conn: sqlite3.Connection, lead_id: int, day: date, channel: str | None = "call") -> None:
    with transaction(conn):
        insert_interaction(
            conn, NewInteraction(lead_id=lead_id, at=at(day), kind="note", channel=channel)
        )


def task(
    conn: sqlite3.Connection,
    lead_id: int,
    title: str,
    due: date,
    *,
    channel: str | None = "call",
    created: date = TODAY,
    priority: str = "normal",
    cadence: str | None = None,
    stop_on_reply: bool = False,
) -> int:
    """One task; with a cadence it gets a dedupe key, as the walk would give it."""
    key = f"{cadence}:{title}:{due}" if cadence else f"manual:{title}:{due}"
    planned = PlannedTask(
        title=title,
        due=due,
        channel=channel or "",
        cadence=cadence or "",
        dedupe_key=key,
        stop_on_reply=stop_on_reply,
        priority=priority,
    )
    with transaction(conn):
        (task_id,) = insert_tasks(conn, lead_id, [planned], at(created))
        conn.execute(
            "UPDATE tasks SET cadence = ?, channel = ?, dedupe_key = ? WHERE id = ?",
            (cadence, channel, key if cadence else None, task_id),
        )
    return task_id


def store() -> sqlite3.Connection:
    return open_store()


def dump(conn: sqlite3.Connection) -> list[tuple[Any, ...]]:
    """Every row of the tables a task command may touch, to show nothing changed."""
    rows: list[tuple[Any, ...]] = []
    for table in ("tasks", "interactions", "leads"):
        rows += [(table, *r) for r in conn.execute(f"SELECT * FROM {table} ORDER BY id")]
    return rows
