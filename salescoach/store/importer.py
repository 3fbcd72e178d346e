"""Reading who is already in the store, keyed the way `lead import` recognises duplicates."""

from __future__ import annotations

import sqlite3

from salescoach.core.leads.duplicates import KnownLeads


def known_leads(conn: sqlite3.Connection) -> KnownLeads:
    known = KnownLeads()
    for row in conn.execute("SELECT id, name, company, email FROM leads ORDER BY id"):
        known.add(dict(row), f"lead {row['id']}")
    return known
