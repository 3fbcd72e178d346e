"""What `export activities` reads: interactions and open tasks with their leads, and the
marks saying what each CRM has already been given.

The marks are kept in `settings` under `crm_export.<vendor>`: for each activity type the
highest interaction id exported, and the highest open-task id. Ids only grow, so a mark
covers an interaction logged late with an earlier time too.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field

from salescoach.core.kernel.records import Interaction
from salescoach.core.leads.activity_export import EXPORTED_KINDS, Contact
from salescoach.core.planning.tasks import Task
from salescoach.store.interactions import row_to_interaction
from salescoach.store.tasks import TASK_SELECT, row_to_task


@dataclass
class Marks:
    interactions: dict[str, int] = field(default_factory=dict)  # activity type -> last id
    tasks: int = 0


def _key(vendor: str) -> str:
    return f"crm_export.{vendor}"


def read_marks(conn: sqlite3.Connection, vendor: str) -> Marks:
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (_key(vendor),)).fetchone()
    if row is None:
        return Marks()
    data = json.loads(row["value"])
    return Marks({str(k): int(v) for k, v in data["interactions"].items()}, int(data["tasks"]))


def save_marks(conn: sqlite3.Connection, vendor: str, marks: Marks) -> None:
    """Inside the caller's transaction."""
    value = json.dumps({"interactions": marks.interactions, "tasks": marks.tasks})
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (_key(vendor), value),
    )


def _contact(row: sqlite3.Row) -> Contact:
    return Contact(
        lead_id=row["lead_id"],
        name=row["lead_name"],
        company=row["lead_company"],
        email=row["lead_email"],
        crm_vendor=row["crm_vendor"],
        crm_id=row["crm_id"],
    )


def logged_after(conn: sqlite3.Connection, after_id: int) -> list[tuple[Interaction, Contact]]:
    """The interactions a CRM keeps with an id above `after_id`, in id order."""
    kinds = ", ".join("?" for _ in EXPORTED_KINDS)
    rows = conn.execute(
        "SELECT i.*, l.name AS lead_name, l.company AS lead_company, l.email AS lead_email, "
        "l.crm_vendor, l.crm_id FROM interactions i JOIN leads l ON l.id = i.lead_id "
        f"WHERE i.id > ? AND i.kind IN ({kinds}) ORDER BY i.id",
        (after_id, *EXPORTED_KINDS),
    )
    return [(row_to_interaction(r), _contact(r)) for r in rows]


def open_tasks_after(conn: sqlite3.Connection, after_id: int) -> list[tuple[Task, Contact]]:
    """Open follow-up tasks with an id above `after_id`, in id order."""
    select = TASK_SELECT.replace(
        " FROM tasks t",
        ", l.email AS lead_email, l.crm_vendor, l.crm_id FROM tasks t",
    )
    rows = conn.execute(f"{select} WHERE t.status = 'open' AND t.id > ? ORDER BY t.id", (after_id,))
    return [(row_to_task(r), _contact(r)) for r in rows]


def lowest(marks: Marks, types: Sequence[str]) -> int:
    return min((marks.interactions.get(t, 0) for t in types), default=0)
