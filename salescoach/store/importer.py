"""Writing imported leads: duplicates skipped, the whole file in one transaction.

One transaction per file: an import lands completely or not at all, even when the process
is killed half-way, so running it again is always safe. 10,000 rows hold the write lock for
well under a second; other commands wait for it (the busy timeout is 30 s).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from salescoach.core.leads.import_rows import LeadRow
from salescoach.store.db import transaction
from salescoach.store.leads import insert_lead


@dataclass(frozen=True)
class Duplicate:
    line: int
    label: str
    same_as: str  # "lead 12" (already in the store) or "line 4" (earlier in the file)
    why: str  # "e-mail" or "name and company"


@dataclass
class ImportResult:
    added: int = 0
    duplicates: list[Duplicate] = field(default_factory=list)
    ids: list[int] = field(default_factory=list)


@dataclass
class KnownLeads:
    """Who is already there, keyed the way duplicates are recognised."""

    emails: dict[str, str] = field(default_factory=dict)
    names: dict[tuple[str, str], str] = field(default_factory=dict)

    def match(self, fields: dict[str, object]) -> tuple[str, str] | None:
        email = str(fields.get("email") or "").lower()
        if email and email in self.emails:
            return self.emails[email], "e-mail"
        key = (str(fields["name"]).lower(), str(fields.get("company") or "").lower())
        if key in self.names:
            return self.names[key], "name and company"
        return None

    def add(self, fields: dict[str, object], where: str) -> None:
        email = str(fields.get("email") or "").lower()
        if email:
            self.emails.setdefault(email, where)
        key = (str(fields["name"]).lower(), str(fields.get("company") or "").lower())
        self.names.setdefault(key, where)


def known_leads(conn: sqlite3.Connection) -> KnownLeads:
    known = KnownLeads()
    for row in conn.execute("SELECT id, name, company, email FROM leads ORDER BY id"):
        known.add(dict(row), f"lead {row['id']}")
    return known


def split_duplicates(
    rows: Iterable[LeadRow], known: KnownLeads
) -> tuple[list[LeadRow], list[Duplicate]]:
    """Rows that are new people, and rows that repeat a known lead or an earlier row."""
    fresh, duplicates = [], []
    for row in rows:
        twin = known.match(row.fields)
        if twin is not None:
            duplicates.append(Duplicate(row.line, row.label, *twin))
            continue
        known.add(row.fields, f"line {row.line}")
        fresh.append(row)
    return fresh, duplicates


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
