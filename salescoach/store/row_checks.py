"""What each column of the store may hold, checked on every row a JSONL import brings.

An import is a write like any other, so a row must pass the checks the commands that write
that table apply (the lead field rules, the step ids, channels and statuses, goal targets) and
hold what the readers need (dates and times they can parse, standard JSON in `_json` columns,
finite numbers, ids that fit SQLite's integers, references to rows that exist, no two rows
with one key). The schema itself says which columns exist, their types, which are required,
the unique keys and the references (`PRAGMA table_info`, `index_list`, `foreign_key_list`), so
a column added by a later migration is checked by its type without a line here.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from salescoach.core.kernel import jsonlines
from salescoach.core.kernel.dates import MAX_YEAR, MIN_YEAR, in_range
from salescoach.core.kernel.leadfields import TEMPERATURES, clean_email, clean_phone, clean_text
from salescoach.core.kernel.periods import PERIODS
from salescoach.core.kernel.records import (
    CHANNELS,
    INTERACTION_KINDS,
    LEAD_ORIGINS,
    LEAD_STATUSES,
    MAX_ID,
)
from salescoach.core.kernel.safe_text import neutralise
from salescoach.core.kernel.steps import STEP_IDS
from salescoach.core.leads.crm_presets import VENDORS
from salescoach.core.planning.tasks import PRIORITIES, TASK_STATUSES, check_title
from salescoach.core.reporting.goals import METRICS, check_target
from salescoach.core.training.leitner import TOP_BOX
from salescoach.errors import SalescoachError

MAX_TEXT = 1_000_000  # characters in any one text value
# Free text a store could hold with terminal controls before they were refused: an import
# cleans it (salescoach.core.kernel.safe_text.neutralise), so such a backup still restores.
# True: the column holds several lines.
FREE_TEXT = {
    "interactions.text": True, "tasks.note": True, "interactions.result": False,
    "leads.status_reason": False, "tasks.title": False, "tasks.reason": False,
    "answers.question": False,
}  # fmt: skip
# A value check: None when the value is fine, else what is wrong with it.
Check = Callable[[Any], str | None]


@dataclass
class TableShape:
    """A table as the schema declares it."""

    types: dict[str, str]  # column -> declared type (upper case)
    required: set[str]  # NOT NULL without a default
    keys: list[tuple[str, ...]]  # primary and unique keys
    references: list[tuple[str, str, str]]  # (column, parent table, parent column)


def table_shapes(conn: sqlite3.Connection, tables: tuple[str, ...]) -> dict[str, TableShape]:
    shapes = {}
    for table in tables:
        info = conn.execute(f"PRAGMA table_info({table})").fetchall()
        types = {r["name"]: (r["type"] or "").upper() for r in info}
        required = {r["name"] for r in info if r["notnull"] and r["dflt_value"] is None}
        primary = tuple(r["name"] for r in sorted(info, key=lambda r: r["pk"]) if r["pk"])
        keys = [primary] if primary else []
        for index in conn.execute(f"PRAGMA index_list({table})"):
            names = tuple(r["name"] for r in conn.execute(f"PRAGMA index_info({index['name']})"))
            if index["unique"] and None not in names and names not in keys:
                keys.append(names)
        references = [
            (r["from"], r["table"], r["to"] or _primary(conn, r["table"]))
            for r in conn.execute(f"PRAGMA foreign_key_list({table})")
        ]
        shapes[table] = TableShape(types, required, keys, references)
    return shapes


def _primary(conn: sqlite3.Connection, table: str) -> str:
    return str(next(r["name"] for r in conn.execute(f"PRAGMA table_info({table})") if r["pk"]))


def _one_of(choices: tuple[str, ...]) -> Check:
    def check(value: Any) -> str | None:
        return None if value in choices else f"{value!r} is not one of: {', '.join(choices)}"

    return check


def _rule(check: Callable[[Any], object]) -> Check:
    """A check from one of the commands' own validators (which raise with their message)."""

    def run(value: Any) -> str | None:
        try:
            check(value)
        except SalescoachError as error:
            return error.message
        return None

    return run


def _date(value: Any) -> str | None:
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return f"{value!r} is not a date (YYYY-MM-DD)"
    if day.isoformat() != value:
        return f"{value!r} is not written as YYYY-MM-DD"
    return None if in_range(day) else f"{value} is outside the years {MIN_YEAR}-{MAX_YEAR}"


def _moment(value: Any) -> str | None:
    """A date and time as the store writes them (`2026-03-11T14:30:00+01:00`)."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return f"{value!r} is not a date and time (YYYY-MM-DDTHH:MM:SS)"
    if value[:10] != moment.date().isoformat():
        return f"{value!r} does not start with its date as YYYY-MM-DD"
    if not in_range(moment.date()):
        return f"{value} is outside the years {MIN_YEAR}-{MAX_YEAR}"
    return None


def _clock_time(value: Any) -> str | None:
    """A time of day as the store writes it (`14:30`)."""
    try:
        at = time.fromisoformat(value)
    except ValueError:
        return f"{value!r} is not a time of day (HH:MM)"
    return None if at.strftime("%H:%M") == value else f"{value!r} is not written as HH:MM"


def _json_text(*, object_only: bool) -> Check:
    def check(value: Any) -> str | None:
        try:
            parsed = jsonlines.loads(value)
        except ValueError as error:
            return f"is not standard JSON ({error})"
        if object_only and not isinstance(parsed, dict):
            return "is not a JSON object"
        return None

    return check


def _within(low: int, high: int) -> Check:
    def check(value: Any) -> str | None:
        return None if low <= value <= high else f"{value} is not between {low} and {high}"

    return check


def _some(check: Check) -> Check:
    return lambda value: None if value is None else check(value)


RULES: dict[str, Check] = {
    "leads.name": _rule(lambda v: clean_text("name", v, required=True)),
    "leads.company": _rule(lambda v: clean_text("company", v)),
    "leads.source": _rule(lambda v: clean_text("source", v)),
    "leads.owner": _rule(lambda v: clean_text("owner", v)),
    "leads.playbook": _rule(lambda v: clean_text("playbook", v, required=True)),
    "leads.email": _rule(clean_email),
    "leads.phone": _rule(clean_phone),
    "leads.mobile": _rule(lambda v: clean_phone(v, "mobile")),
    "leads.job_title": _rule(lambda v: clean_text("job_title", v)),
    "leads.crm_vendor": _one_of(VENDORS),
    "leads.crm_id": _rule(lambda v: clean_text("crm_id", v)),
    "leads.origin": _one_of(LEAD_ORIGINS),
    "leads.temperature": _one_of(TEMPERATURES),
    "leads.step": _one_of(STEP_IDS),
    "leads.status": _one_of(LEAD_STATUSES),
    "leads.sla_due": _date,
    "answers.step": _one_of(STEP_IDS),
    "sessions.status": _one_of(("open", "finished", "abandoned")),
    "sessions.state_json": _json_text(object_only=True),
    "interactions.step": _one_of(STEP_IDS),
    "interactions.channel": _one_of(CHANNELS),
    "interactions.kind": _one_of(INTERACTION_KINDS),
    "interactions.duration_minutes": _within(0, 24 * 60),
    "interactions.detail_json": _json_text(object_only=True),
    "tasks.title": _rule(check_title),
    "tasks.due": _date,
    "tasks.due_time": _clock_time,
    "tasks.channel": _one_of(CHANNELS),
    "tasks.priority": _one_of(PRIORITIES),
    "tasks.status": _one_of(TASK_STATUSES),
    "tasks.stop_on_reply": _within(0, 1),
    "goals.metric": _one_of(tuple(METRICS)),
    "goals.period": _one_of(PERIODS),
    "goals.target": _rule(lambda v: check_target(repr(float(v)))),
    "training.detail_json": _json_text(object_only=True),
    "review_items.box": _within(1, TOP_BOX),
    "review_items.due": _date,
}


def _by_type(kind: str, value: Any) -> str | None:
    """What the declared type needs; JSON's true/false are no SQLite value."""
    if isinstance(value, bool):
        return "true/false is not a value here (use 1 or 0)"
    if kind == "INTEGER":
        if not isinstance(value, int):
            return f"{value!r} is not a whole number"
        return None if -MAX_ID - 1 <= value <= MAX_ID else f"{value} is too large"
    if kind == "REAL":
        if not isinstance(value, int | float):
            return f"{value!r} is not a number"
        return None if math.isfinite(value) and abs(value) <= 1e300 else f"{value} is too large"
    if kind == "TEXT" and not isinstance(value, str):
        return f"{value!r} is not text"
    if isinstance(value, str) and len(value) > MAX_TEXT:
        return f"is {len(value)} characters long; at most {MAX_TEXT:,} fit"
    return None


def check_value(table: str, column: str, kind: str, value: Any) -> str | None:
    """What is wrong with `value` in `table.column`, or None."""
    if value is None:
        return None
    problem = _by_type(kind, value)
    if problem is None and column == "id" and isinstance(value, int) and value < 1:
        problem = f"{value} is not an id (ids start at 1)"
    if problem is None:
        rule = RULES.get(f"{table}.{column}")
        if rule is None and column.endswith("_json"):
            rule = _json_text(object_only=False)
        if rule is None and kind == "TEXT" and (column.endswith("_at") or column == "at"):
            rule = _moment
        problem = rule(value) if rule else None
    return problem


@dataclass
class Row:
    line: int
    table: str
    values: dict[str, Any]


@dataclass
class Findings:
    """Problems found across the rows, each with the line it is on."""

    problems: list[tuple[int, str]] = field(default_factory=list)

    def add(self, line: int, message: str) -> None:
        self.problems.append((line, message))


def check_rows(rows: list[Row], shapes: dict[str, TableShape], findings: Findings) -> None:
    """Clean the free text of `rows`, then check every value, every key and every reference,
    adding what is wrong."""
    seen: dict[tuple[str, tuple[str, ...], tuple[Any, ...]], int] = {}
    for row in rows:
        _neutralise_free_text(row)
        shape = shapes[row.table]
        label = f"{row.table} row {next(iter(row.values.values()))}"  # its first column
        for column in sorted(shape.required - set(row.values)):
            findings.add(row.line, f"{label} has no {column}")
        for column, value in row.values.items():
            if value is None and column in shape.required:
                problem: str | None = "is empty, and it is required"
            else:
                problem = check_value(row.table, column, shape.types[column], value)
            if problem is not None:
                findings.add(
                    row.line,
                    f"{label} has a value salescoach cannot read: {column} {problem}",
                )
        for key in shape.keys:
            values = tuple(row.values.get(c) for c in key)
            if None in values:
                continue  # SQLite never counts NULLs as equal
            first = seen.setdefault((row.table, key, values), row.line)
            if first != row.line:
                columns = ", ".join(f"{row.table}.{c}" for c in key)
                findings.add(
                    row.line,
                    f"{row.table} row refused (UNIQUE constraint failed: {columns}; "
                    f"line {first} has the same)",
                )
    _check_references(rows, shapes, seen, findings)


def _check_references(
    rows: list[Row],
    shapes: dict[str, TableShape],
    seen: dict[tuple[str, tuple[str, ...], tuple[Any, ...]], int],
    findings: Findings,
) -> None:
    for row in rows:
        for column, parent, parent_column in shapes[row.table].references:
            value = row.values.get(column)
            if value is not None and (parent, (parent_column,), (value,)) not in seen:
                findings.add(
                    row.line,
                    f"a {row.table} row refers to a missing {parent} row ({column} {value})",
                )


def _neutralise_free_text(row: Row) -> None:
    for column, value in row.values.items():
        multiline = FREE_TEXT.get(f"{row.table}.{column}")
        if multiline is not None and isinstance(value, str):
            row.values[column] = neutralise(value, multiline=multiline)
