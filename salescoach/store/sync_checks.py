"""Pulled changes pass the same row checks as a JSONL import before they are applied.

What the hub holds was written by other data homes, other versions of salescoach or a script
with psql: a pulled row is input like any other. Each value a change carries for a column of
this store goes through `store.row_checks.check_value` (types, dates and times, the field
rules of the commands, standard JSON), and free text is cleaned as an import cleans it. A
change with a bad value is parked with the reason (`sync_parked.reason`), never applied, and
reported by `sync` and `team status`; the rest of its batch, and the cursor, go on.

A batch is checked column by column, not field by field: each column's values are gathered
in one pass, each distinct value is checked once (a batch repeats most of its stamps, kinds,
steps and channels), and only the changes that hold a bad value are looked at one by one, to
name the first bad field in the change's own order. A change is refused for exactly what the
field-by-field check refused it for.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, replace

from salescoach.core.kernel.safe_text import neutralise
from salescoach.core.sync.changes import FieldValue, RowChange
from salescoach.store.row_checks import FREE_TEXT, TableShape, check_value, table_shapes
from salescoach.store.sync_outbox import columns_of

_REFERENCES = {"lead_id", "session_id", "session_gid"}  # checked as the rows they name


@dataclass(frozen=True, slots=True)
class _Column:
    """A column a change may set: its declared type, and for free text whether it holds
    lines (None: not free text)."""

    name: str
    kind: str
    multiline: bool | None


def checked(
    conn: sqlite3.Connection, changes: Sequence[RowChange]
) -> tuple[list[RowChange], list[tuple[RowChange, str]]]:
    """The changes fit to apply (free text cleaned), and the others with what is wrong."""
    by_table: dict[str, list[int]] = {}
    for index, change in enumerate(changes):
        by_table.setdefault(change.table, []).append(index)
    shapes = table_shapes(conn, tuple(sorted(by_table)))
    verdicts: dict[int, str] = {}
    fixed: dict[int, RowChange] = {}
    for table, indexes in by_table.items():
        rows = [changes[i] for i in indexes]
        problems, cleaned = _check_table(table, _columns(table, shapes[table]), rows)
        verdicts.update((indexes[k], why) for k, why in problems.items())
        fixed.update((indexes[k], change) for k, change in cleaned.items())
    good: list[RowChange] = []
    bad: list[tuple[RowChange, str]] = []
    for index, change in enumerate(changes):
        if index in verdicts:
            bad.append((change, verdicts[index]))
        else:
            good.append(fixed.get(index, change))
    return good, bad


def _columns(table: str, shape: TableShape) -> list[_Column]:
    """The columns of this store a change's fields are checked against (a field naming no
    column is not kept, and references are checked as the rows they name)."""
    return [
        _Column(column, shape.types[column], FREE_TEXT.get(f"{table}.{column}"))
        for column in columns_of(table)
        if column in shape.types and column not in _REFERENCES
    ]


def _check_table(
    table: str, columns: list[_Column], rows: list[RowChange]
) -> tuple[dict[int, str], dict[int, RowChange]]:
    """For one table's changes: {position: what is wrong} for the refused ones, and
    {position: the change with its free text cleaned} for the others that needed it."""
    problem_at: dict[str, dict[int, str]] = {}  # column -> {position: its problem}
    clean_at: dict[str, dict[int, str]] = {}  # column -> {position: its cleaned text}
    fields = [row.fields for row in rows]
    for column in columns:
        values = [f.get(column.name) for f in fields]
        if column.multiline is not None:
            clean_at[column.name] = _cleaned(values, column.multiline)
            for position, text in clean_at[column.name].items():
                values[position] = text
        found = _problems(table, column, values)
        if found:
            problem_at[column.name] = found
    refused: dict[int, str] = {}
    suspects = set().union(*(found.keys() for found in problem_at.values()))
    for position in sorted(suspects):
        row = rows[position]
        # The first bad field in the change's own order, as a field-by-field check says.
        name = next(n for n in row.fields if position in problem_at.get(n, ()))
        refused[position] = f"{table} {row.gid}: {name} {problem_at[name][position]}"
    fixes: dict[int, dict[str, FieldValue]] = {}
    for name, texts in clean_at.items():
        for position, text in texts.items():
            if position not in refused:
                fixes.setdefault(position, dict(rows[position].fields))[name] = text
    return refused, {p: replace(rows[p], fields=f) for p, f in fixes.items()}


def _cleaned(values: list[FieldValue], multiline: bool) -> dict[int, str]:
    """{position: the text cleaned} for the texts that neutralise changes. A printable text
    (no control, format or line-break character) is one it leaves as it is."""
    return {
        position: clean
        for position, value in enumerate(values)
        if isinstance(value, str)
        and not value.isprintable()
        and (clean := neutralise(value, multiline=multiline)) != value
    }


def _problems(table: str, column: _Column, values: list[FieldValue]) -> dict[int, str]:
    """{position: what is wrong} for the column's values; each distinct value is checked
    once. Values of several types are told apart by their type too: True == 1 == 1.0 in
    Python, and the checks tell them apart."""
    mixed = len(set(map(type, values)) - {type(None)}) > 1
    keys: list[Hashable] = (
        list(zip(map(type, values), values, strict=True)) if mixed else list(values)
    )
    try:
        distinct = set(keys)
    except TypeError:  # a list or an object: no SQLite value, checked where it stands
        return _problems_one_by_one(table, column, values)
    bad: dict[Hashable, str] = {}
    for key in distinct:
        value = key[1] if mixed else key  # type: ignore[index]
        problem = None if value is None else check_value(table, column.name, column.kind, value)
        if problem is not None:
            bad[key] = problem
    if not bad:
        return {}
    found = {position: bad[key] for position, key in enumerate(keys) if key in bad}
    for position in found:  # 0.0 == -0.0, yet a message names the value as the change has it
        value = values[position]
        if isinstance(value, float) and value == 0:
            found[position] = check_value(table, column.name, column.kind, value) or ""
    return found


def _problems_one_by_one(table: str, column: _Column, values: list[FieldValue]) -> dict[int, str]:
    found: dict[int, str] = {}
    for position, value in enumerate(values):
        problem = None if value is None else check_value(table, column.name, column.kind, value)
        if problem is not None:
            found[position] = problem
    return found
