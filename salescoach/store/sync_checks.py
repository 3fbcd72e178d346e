"""Pulled changes pass the same row checks as a JSONL import before they are applied.

What the hub holds was written by other data homes, other versions of salescoach or a script
with psql: a pulled row is input like any other. Each value a change carries for a column of
this store goes through `store.row_checks.check_value` (types, dates and times, the field
rules of the commands, standard JSON), and free text is cleaned as an import cleans it. A
change with a bad value is parked with the reason (`sync_parked.reason`), never applied, and
reported by `sync` and `team status`; the rest of its batch, and the cursor, go on.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import replace

from salescoach.core.kernel.safe_text import neutralise
from salescoach.core.sync.changes import FieldValue, RowChange
from salescoach.store.row_checks import FREE_TEXT, TableShape, check_value, table_shapes
from salescoach.store.sync_outbox import columns_of

_REFERENCES = {"lead_id", "session_id", "session_gid"}  # checked as the rows they name


def checked(
    conn: sqlite3.Connection, changes: Sequence[RowChange]
) -> tuple[list[RowChange], list[tuple[RowChange, str]]]:
    """The changes fit to apply (free text cleaned), and the others with what is wrong."""
    shapes = table_shapes(conn, tuple(sorted({c.table for c in changes})))
    good: list[RowChange] = []
    bad: list[tuple[RowChange, str]] = []
    for change in changes:
        problem, fields = _check(change, shapes[change.table])
        if problem is not None:
            bad.append((change, problem))
        else:
            good.append(change if fields is None else replace(change, fields=fields))
    return good, bad


def _check(change: RowChange, shape: TableShape) -> tuple[str | None, dict[str, FieldValue] | None]:
    """(what is wrong, or None; the fields with free text cleaned, or None when unchanged)."""
    cleaned: dict[str, FieldValue] | None = None
    known = columns_of(change.table)
    for column, value in change.fields.items():
        if value is None or column in _REFERENCES or column not in known:
            continue
        multiline = FREE_TEXT.get(f"{change.table}.{column}")
        if multiline is not None and isinstance(value, str):
            clean = neutralise(value, multiline=multiline)
            if clean != value:
                cleaned = dict(change.fields) if cleaned is None else cleaned
                cleaned[column] = value = clean
        kind = shape.types.get(column)
        if kind is None:
            continue  # a column this store does not have: the change's value is not kept
        problem = check_value(change.table, column, kind, value)
        if problem is not None:
            return f"{change.table} {change.gid}: {column} {problem}", None
    return None, cleaned
