"""Importing leads from a file: new people added, CRM records updated, duplicates skipped,
the whole file in one transaction.

One transaction per file: an import lands completely or not at all, even when the process
is killed half-way, so running it again is always safe. 10,000 rows hold the write lock for
well under a second; other commands wait for it (the busy timeout is 30 s). Rows arrive one
at a time and what the import must remember lives in the store's temporary tables
(`store.importer`), so a file of any size imports in bounded memory. A dry run does the same
work and rolls it back.

After the first BULK_FROM new leads, the rest of the file goes in without the per-row insert
triggers of the tables derived from leads (`store.derived_tables`: the trigram index of
names), which are brought up to date for those leads in one statement before the
transaction ends. The import changes no lead it added meanwhile: a CRM row updates only a
lead that was there before (a second row for the same record is a duplicate).

A row with a CRM record id (`crm_id`) that a lead already has, for the same CRM, updates
that lead's contact fields (the CRM is their record) and nothing else: the temperature,
stage, playbook and SLA are the rep's work here. Importing the same file again changes
nothing. The same id twice in one file is a duplicate when it names the same person, and a
bad row when it names another.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from contextlib import AbstractContextManager, ExitStack
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from salescoach.actions.interaction_log import InteractionLog
from salescoach.core.kernel.records import IMPORTED, NewInteraction
from salescoach.core.leads.crm_presets import PRESETS
from salescoach.core.leads.duplicates import Duplicate
from salescoach.core.leads.import_rows import LeadRow, RowProblem
from salescoach.store import derived_tables
from salescoach.store.db import transaction
from salescoach.store.importer import ImportIndex
from salescoach.store.leads import insert_lead, update_lead

# What a CRM re-import may change on a lead it finds again.
CRM_FIELDS = ("name", "company", "email", "phone", "mobile", "job_title", "owner")
SHOWN_LINES = 5
# New leads after which the rest skip the per-row triggers: a few rows are not worth the
# two schema changes (dropping the triggers and creating them again).
BULK_FROM = 100


@dataclass
class MissCount:
    """A temperature value no table knew, and the rows that had it."""

    count: int = 0
    lines: list[int] = field(default_factory=list)  # the first few


@dataclass
class ImportResult:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    notes: int = 0
    duplicates: list[Duplicate] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    misses: dict[tuple[str, str], MissCount] = field(default_factory=dict)
    dropped: dict[tuple[str, str, str], MissCount] = field(
        default_factory=dict
    )  # field, value, why


class _DryRun(Exception):
    """Raised inside the transaction so that it rolls back."""


def import_leads(
    conn: sqlite3.Connection,
    items: Iterable[LeadRow | RowProblem],
    now: datetime,
    *,
    log: InteractionLog,
    dry_run: bool = False,
) -> ImportResult:
    """Import every row of `items`; on a dry run only say what would happen."""
    result = ImportResult()
    try:
        with transaction(conn):
            # Read who exists inside the write lock, so two imports cannot both add one person.
            index = ImportIndex(conn)
            with ExitStack() as bulk:
                in_bulk = False
                for item in items:
                    if isinstance(item, RowProblem):
                        result.problems.append(item)
                        continue
                    if result.added == BULK_FROM and not in_bulk:
                        bulk.enter_context(_leads_from_here_in_bulk(conn))
                        in_bulk = True
                    _import_row(conn, index, item, now, log, result)
            index.drop()
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return result


def _leads_from_here_in_bulk(conn: sqlite3.Connection) -> AbstractContextManager[None]:
    """The leads inserted from now on (new ids, up to the highest when the block ends) are
    indexed set-based when it ends."""
    first = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM leads").fetchone()[0]
    return derived_tables.bulk_insert(conn, "leads", int(first))


def _import_row(
    conn: sqlite3.Connection,
    index: ImportIndex,
    row: LeadRow,
    now: datetime,
    log: InteractionLog,
    result: ImportResult,
) -> None:
    fields = row.fields
    found = index.match(fields)
    if found is not None and found[0] == "crm":
        _import_known(conn, index, row, found[1], found[2], now, result)
        return
    if found is not None:
        why, lead_id, line = found
        where = f"line {line}" if line is not None else f"lead {lead_id}"
        result.duplicates.append(Duplicate(row.line, row.label, where, why))
        return
    lead_id = insert_lead(conn, {**fields, "origin": IMPORTED}, now)
    index.add(fields, lead_id, row.line)
    result.added += 1
    if row.miss is not None:
        miss = result.misses.setdefault((row.miss.header, row.miss.value), MissCount())
        miss.count += 1
        if len(miss.lines) < SHOWN_LINES:
            miss.lines.append(row.line)
    for cell in row.dropped:
        drop = result.dropped.setdefault((cell.field, cell.value, cell.reason), MissCount())
        drop.count += 1
        if len(drop.lines) < SHOWN_LINES:
            drop.lines.append(row.line)
    if row.description:
        note = NewInteraction(
            lead_id=lead_id,
            at=now,
            kind="note",
            step=fields.get("step", "prospecting"),
            text=row.description,
            detail={"imported_from": fields.get("crm_vendor") or "file"},
        )
        if log.write(conn, note) is not None:
            result.notes += 1


def _import_known(
    conn: sqlite3.Connection,
    index: ImportIndex,
    row: LeadRow,
    lead_id: int,
    earlier: int | None,
    now: datetime,
    result: ImportResult,
) -> None:
    """A row for a CRM record a lead already has: update that lead, once per file."""
    fields = row.fields
    known = index.lead(lead_id)
    if earlier is not None:
        preset = PRESETS.get(fields["crm_vendor"])
        id_name = f"{preset.label} {preset.id_label}" if preset else "CRM id"
        if str(known["name"]).lower() == str(fields["name"]).lower():
            result.duplicates.append(Duplicate(row.line, row.label, f"line {earlier}", id_name))
        else:
            result.problems.append(
                RowProblem(
                    row.line,
                    f"{id_name} {fields['crm_id']} is on line {earlier} too, there for "
                    f"{known['name']}; an export lists each record once",
                )
            )
        return
    changes: dict[str, Any] = {
        name: fields[name]
        for name in CRM_FIELDS
        if fields.get(name) is not None and fields[name] != known[name]
    }
    index.seen(fields, lead_id, row.line)
    if changes:
        update_lead(conn, lead_id, changes, now)
        result.updated += 1
    else:
        result.unchanged += 1
