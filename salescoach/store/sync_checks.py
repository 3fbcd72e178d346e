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
# What was found of each (table, column, type, value) already: a batch repeats most values
# (its stamps, kinds, steps, channels), so each is checked once. The type is in the key, as
# True == 1 in Python and the checks tell them apart.
_Seen = dict[tuple[str, str, type, FieldValue], str | None]


def checked(
    conn: sqlite3.Connection, changes: Sequence[RowChange]
) -> tuple[list[RowChange], list[tuple[RowChange, str]]]:
    """The changes fit to apply (free text cleaned), and the others with what is wrong."""
    shapes = table_shapes(conn, tuple(sorted({c.table for c in changes})))
    specs = {table: _columns(table, shape) for table, shape in shapes.items()}
    good: list[RowChange] = []
    bad: list[tuple[RowChange, str]] = []
    seen: _Seen = {}
    for change in changes:
        problem, fields = _check(change, specs[change.table], seen)
        if problem is not None:
            bad.append((change, problem))
        else:
            good.append(change if fields is None else replace(change, fields=fields))
    return good, bad


# A column a change may set: its declared type, and for free text whether it holds lines.
_Spec = tuple[str, bool | None]


def _columns(table: str, shape: TableShape) -> dict[str, _Spec]:
    """The columns of this store a change's fields are checked against (a field naming no
    column is not kept, and references are checked as the rows they name)."""
    return {
        column: (shape.types[column], FREE_TEXT.get(f"{table}.{column}"))
        for column in columns_of(table)
        if column in shape.types and column not in _REFERENCES
    }


def _check(
    change: RowChange, columns: dict[str, _Spec], seen: _Seen
) -> tuple[str | None, dict[str, FieldValue] | None]:
    """(what is wrong, or None; the fields with free text cleaned, or None when unchanged)."""
    cleaned: dict[str, FieldValue] | None = None
    for column, value in change.fields.items():
        spec = columns.get(column)
        if value is None or spec is None:
            continue
        kind, multiline = spec
        if multiline is not None and isinstance(value, str):
            clean = neutralise(value, multiline=multiline)
            if clean != value:
                cleaned = dict(change.fields) if cleaned is None else cleaned
                cleaned[column] = value = clean
        key = (change.table, column, type(value), value)
        problem = (
            seen[key]
            if key in seen
            else seen.setdefault(key, check_value(change.table, column, kind, value))
        )
        if problem is not None:
            return f"{change.table} {change.gid}: {column} {problem}", None
    return None, cleaned
