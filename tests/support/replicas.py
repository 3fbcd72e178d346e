"""Rep stores for the sync tests: each its own SQLite file, synced with a fake or real hub."""

from __future__ import annotations

import itertools
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from salescoach.actions.sync import SyncCounts, sync
from salescoach.core.sync.changes import HubSession
from salescoach.store.db import connect, transaction

STAMP = "2026-03-11T09:00:00+00:00"
_wall = itertools.count(1_800_000_000_000, 7)


@dataclass
class Replica:
    """One data home's store, and the replica id it pushes as."""

    conn: sqlite3.Connection
    replica: str

    @classmethod
    def open(cls, folder: Path, name: str) -> Replica:
        folder.mkdir(parents=True, exist_ok=True)
        return cls(connect(folder / f"{name}.db"), f"replica-{name}")

    def sync(self, session: HubSession) -> SyncCounts:
        return sync(
            self.conn, session, replica=self.replica, wall_ms=lambda: next(_wall), now=STAMP
        )

    def write(self, sql: str, *params: Any) -> int:
        with transaction(self.conn):
            return int(self.conn.execute(sql, params).lastrowid or 0)

    def add_lead(self, name: str, **fields: Any) -> int:
        values = {"name": name, "playbook": "minimal", "step_entered_at": STAMP,
                  "created_at": STAMP, "updated_at": STAMP, **fields}  # fmt: skip
        names = ", ".join(values)
        marks = ", ".join("?" for _ in values)
        return self.write(f"INSERT INTO leads ({names}) VALUES ({marks})", *values.values())

    def log(self, lead_id: int, text: str) -> int:
        return self.write(
            "INSERT INTO interactions (lead_id, at, kind, text) VALUES (?, ?, 'note', ?)",
            lead_id, STAMP, text,
        )  # fmt: skip

    def lead_id(self, name: str) -> int:
        return int(self.conn.execute("SELECT id FROM leads WHERE name = ?", (name,)).fetchone()[0])

    def state(self) -> dict[str, Any]:
        """What a person sees, by content: leads by name with their fields, notes and tasks."""
        leads = {}
        for lead in self.conn.execute("SELECT * FROM leads ORDER BY id"):
            rows = self.conn.execute(
                "SELECT text FROM interactions WHERE lead_id = ?", (lead["id"],)
            )
            notes = sorted((r[0] for r in rows), key=str)
            tasks = sorted(
                (r["title"], r["status"])
                for r in self.conn.execute("SELECT * FROM tasks WHERE lead_id = ?", (lead["id"],))
            )
            fields = {k: lead[k] for k in lead.keys() if k != "id"}  # noqa: SIM118
            leads[lead["name"]] = (fields, notes, tasks)
        return leads
