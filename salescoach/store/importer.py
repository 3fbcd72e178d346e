"""What `lead import` needs to know about the store while it writes, in a temporary table.

Who is already there, by the keys of `core.leads.duplicates` (a CRM record, an e-mail, a
name and company), and which leads this import has added or matched, at which line of its
file. The table lives in SQLite's temp store, not in Python, so an import of any size runs
in bounded memory; it belongs to the import's transaction and is dropped with it.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from salescoach.core.leads.duplicates import KEY_SEPARATOR, crm_key, identity_keys


def _lower(text: str | None) -> str | None:
    # Python's lower(), not SQLite's (ASCII only): "ÉCOLE" and "école" are one company.
    return None if text is None else text.lower()


class ImportIndex:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        conn.create_function("salescoach_lower", 1, _lower, deterministic=True)
        # line: the file's line that added or matched the lead; NULL for a lead already there.
        conn.execute(
            "CREATE TEMP TABLE import_keys (key TEXT PRIMARY KEY, lead_id INTEGER, line INTEGER)"
        )
        # First wins, as among the rows of a file: the lowest id holds a key.
        conn.execute(
            "INSERT OR IGNORE INTO import_keys (key, lead_id) "
            "SELECT 'c:' || crm_vendor || ? || crm_id, id FROM leads "
            "WHERE crm_id IS NOT NULL ORDER BY id",
            (KEY_SEPARATOR,),
        )
        conn.execute(
            "INSERT OR IGNORE INTO import_keys (key, lead_id) "
            "SELECT 'e:' || salescoach_lower(email), id FROM leads "
            "WHERE email IS NOT NULL AND email != '' ORDER BY id"
        )
        conn.execute(
            "INSERT OR IGNORE INTO import_keys (key, lead_id) "
            "SELECT 'n:' || salescoach_lower(name) || ? || salescoach_lower(coalesce(company, "
            "'')), id FROM leads ORDER BY id",
            (KEY_SEPARATOR,),
        )

    def match(self, fields: dict[str, Any]) -> tuple[str, int, int | None] | None:
        """(why, lead id, line or None) for the first key of `fields` already held: its CRM
        record ("crm"), else its e-mail, else its name and company."""
        keys = identity_keys(fields)
        found = {
            row[0]: (row[1], row[2])
            for row in self.conn.execute(
                f"SELECT key, lead_id, line FROM import_keys WHERE key IN "
                f"({', '.join('?' for _ in keys)})",
                [key for _why, key in keys],
            )
        }
        for why, key in keys:
            if key in found:
                return (why, *found[key])
        return None

    def lead(self, lead_id: int) -> sqlite3.Row:
        row: sqlite3.Row = self.conn.execute(
            "SELECT * FROM leads WHERE id = ?", (lead_id,)
        ).fetchone()
        return row

    def add(self, fields: dict[str, Any], lead_id: int, line: int) -> None:
        self.conn.executemany(
            "INSERT OR IGNORE INTO import_keys (key, lead_id, line) VALUES (?, ?, ?)",
            [(key, lead_id, line) for _why, key in identity_keys(fields)],
        )

    def seen(self, fields: dict[str, Any], line: int) -> None:
        """A CRM record already there was matched by this line of the file."""
        self.conn.execute("UPDATE import_keys SET line = ? WHERE key = ?", (line, crm_key(fields)))

    def drop(self) -> None:
        self.conn.execute("DROP TABLE temp.import_keys")
