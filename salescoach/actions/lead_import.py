"""Importing leads from a CSV file: duplicates skipped, the whole file in one transaction.

One transaction per file: an import lands completely or not at all, even when the process
is killed half-way, so running it again is always safe. 10,000 rows hold the write lock for
well under a second; other commands wait for it (the busy timeout is 30 s).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import datetime

from salescoach.core.leads.duplicates import Duplicate, split_duplicates
from salescoach.core.leads.import_rows import LeadRow
from salescoach.store.db import transaction
from salescoach.store.importer import known_leads
from salescoach.store.leads import insert_lead


@dataclass
class ImportResult:
    added: int = 0
    duplicates: list[Duplicate] = field(default_factory=list)
    ids: list[int] = field(default_factory=list)


def import_leads(
    conn: sqlite3.Connection, rows: list[LeadRow], now: datetime, *, dry_run: bool = False
) -> ImportResult:
    """Add the rows that are new people; on a dry run only say what would happen."""
    if dry_run:
        fresh, duplicates = split_duplicates(rows, known_leads(conn))
        return ImportResult(len(fresh), duplicates)
    with transaction(conn):
        # Read who exists inside the write lock, so two imports cannot both add one person.
        fresh, duplicates = split_duplicates(rows, known_leads(conn))
        ids = [insert_lead(conn, row.fields, now) for row in fresh]
    return ImportResult(len(ids), duplicates, ids)
