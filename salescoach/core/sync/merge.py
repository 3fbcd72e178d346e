"""Merging changes: field by field by last writer for records, by union for events.

Pure: a replica hands in what it holds and what arrived, and is told what to write. Whatever
order the same changes arrive in, and however often, the result is the same:

- A record field takes the value of the change with the greatest stamp that set it. A change
  carries only the fields it set, so editing a lead's phone never touches its status: an edit
  never resurrects an archived lead, a closed task or a removed goal. Ending a record
  (archiving, dropping, cancelling, removing) is a field change, a tombstone, never a delete.
- An event is written once: the first copy seen is kept, and any later copy of the same gid
  (the same event, pushed again) changes nothing. Should two copies ever differ, the one with
  the smaller stamp is the event, so replicas still agree.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from salescoach.core.sync.changes import EVENT_TABLES, FieldValue, RowChange

# Not a column: a record whose `REMOVED` field is true has been removed (a goal taken off).
REMOVED = "_removed"


@dataclass(slots=True)
class Record:
    """What a replica holds of one record: each field's value and the stamp that wrote it."""

    values: dict[str, FieldValue] = field(default_factory=dict)
    clocks: dict[str, str] = field(default_factory=dict)


def winning_fields(
    clocks: Mapping[str, str], change: RowChange, *, pending: Iterable[str] = ()
) -> dict[str, FieldValue]:
    """The fields of `change` that win over a record stamped `clocks`.

    `pending` names fields changed here and not yet stamped: they will be stamped after every
    stamp this replica has seen, so they win over whatever arrives meanwhile.
    """
    held = set(pending)
    return {
        name: value
        for name, value in change.fields.items()
        if name not in held and change.hlc > clocks.get(name, "")
    }


def merge_record(record: Record | None, change: RowChange) -> Record:
    """The record after `change` (a new record when `record` is None); the input is kept."""
    merged = Record(dict(record.values), dict(record.clocks)) if record else Record()
    for name, value in winning_fields(merged.clocks, change).items():
        merged.values[name] = value
        merged.clocks[name] = change.hlc
    return merged


def merge_event(held: RowChange | None, change: RowChange) -> RowChange:
    """The event kept when `change` arrives and `held` (the same gid) was there already."""
    if held is None or change.hlc < held.hlc:
        return change
    return held


Key = tuple[str, str]


def merge_all(changes: Iterable[RowChange]) -> dict[Key, Record | RowChange]:
    """Every row the changes describe, keyed by (table, gid): what any replica that has seen
    exactly these changes holds, whatever their order."""
    rows: dict[Key, Record | RowChange] = {}
    for change in changes:
        key = (change.table, change.gid)
        held = rows.get(key)
        if change.table in EVENT_TABLES:
            rows[key] = merge_event(held if isinstance(held, RowChange) else None, change)
        else:
            rows[key] = merge_record(held if isinstance(held, Record) else None, change)
    return rows
