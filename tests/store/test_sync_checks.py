"""The pulled rows' checks, column by column, refuse and clean exactly what checking every
field of every change in turn does (the rule: each value through `check_value`, free text
cleaned first, a change named by its first bad field)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from salescoach.core.kernel.safe_text import neutralise
from salescoach.core.sync.changes import FieldValue, RowChange
from salescoach.store import sync_checks
from salescoach.store.db import connect
from salescoach.store.row_checks import FREE_TEXT, check_value, table_shapes
from salescoach.store.sync_outbox import columns_of
from salescoach.store.sync_schema import SYNCED

STAMP = "2026-03-11T09:00:00+00:00"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[sqlite3.Connection]:
    with closing(connect(tmp_path_factory.mktemp("checks") / "salescoach.db")) as conn:
        yield conn


def field_by_field(
    conn: sqlite3.Connection, changes: list[RowChange]
) -> tuple[list[RowChange], list[tuple[RowChange, str]]]:
    """The rule, one field at a time, with nothing remembered between values."""
    shapes = table_shapes(conn, tuple(sorted({c.table for c in changes})))
    good: list[RowChange] = []
    bad: list[tuple[RowChange, str]] = []
    for change in changes:
        types = shapes[change.table].types
        checked = set(columns_of(change.table)) - {"lead_id", "session_id", "session_gid"}
        fields = dict(change.fields)
        problem = None
        for column, value in change.fields.items():
            if value is None or column not in checked or column not in types:
                continue
            multiline = FREE_TEXT.get(f"{change.table}.{column}")
            if multiline is not None and isinstance(value, str):
                value = fields[column] = neutralise(value, multiline=multiline)
            found = check_value(change.table, column, types[column], value)
            if found is not None:
                problem = f"{change.table} {change.gid}: {column} {found}"
                break
        if problem is not None:
            bad.append((change, problem))
        else:
            good.append(change if fields == change.fields else replace(change, fields=fields))
    return good, bad


_TEXTS = (
    "", "Ada", "2026-03-11", "2026-3-11", "11/03/2026", STAMP, "2026-03-11T09:00:00",
    "yesterday", "14:30", "2:30pm", "approach", "presentation", "call", "email", "note",
    "gossip", "open", "won", "high", "warm", "hubspot", '{"a": 1}', "[1, 2]", "{bad json",
    "NaN", "ada@example.com", "not an e-mail", "+44 20 7946 0000", "Evil\x1b]0;owned\x07",
    "asked for \x1b[31mthe numbers\x1b[0m", "two\nlines", "tab\there", "cr\r\nlf",
    "zero\u200bwidth", "rtl\u202eoverride", "\x00", " ", "calls", "month", "1", "x" * 300,
)  # fmt: skip
values: st.SearchStrategy[object] = st.one_of(
    st.none(),
    st.booleans(),
    st.sampled_from((0, 1, 2, -1, 3, 5, 10, 24 * 60, 24 * 60 + 1, 2**63, -(2**63) - 1)),
    st.integers(),
    st.sampled_from((0.0, -0.0, 1.0, 2.5, float("nan"), float("inf"), 1e301)),
    st.floats(),
    st.sampled_from(_TEXTS),
    st.text(max_size=12),
    st.lists(st.integers(), max_size=2),  # no SQLite value: what a hostile hub row may carry
)


@st.composite
def changes(draw: st.DrawFn) -> list[RowChange]:
    out = []
    for n in range(draw(st.integers(1, 12))):
        table = draw(st.sampled_from(SYNCED))
        names = [*columns_of(table), "not_a_column"]
        picked = draw(st.lists(st.sampled_from(names), unique=True, max_size=8))
        fields = {name: draw(values) for name in picked}
        out.append(RowChange(table, f"g{n}", "lead", "ann", "hub", "1-0-hub", fields))  # type: ignore[arg-type]
    return out


@given(changes())
def test_the_checks_refuse_and_clean_exactly_what_the_field_by_field_rule_does(
    store: sqlite3.Connection, changes: list[RowChange]
) -> None:
    assert sync_checks.checked(store, changes) == field_by_field(store, changes)


@given(st.lists(st.sampled_from((*_TEXTS, 0, 1, True, False, 0.0, -0.0)), min_size=2))
def test_one_value_repeated_with_others_that_equal_it_is_checked_as_itself(
    store: sqlite3.Connection, texts: list[FieldValue]
) -> None:
    """True == 1 == 1.0 and 0.0 == -0.0: each is named as it stands, wherever it comes."""
    batch = [
        RowChange("interactions", f"g{n}", "lead", "ann", "hub", "1-0-hub",
                  {"at": STAMP, "kind": "note", "duration_minutes": v, "text": v})
        for n, v in enumerate(texts)
    ]  # fmt: skip
    assert sync_checks.checked(store, batch) == field_by_field(store, batch)


_UNSAFE = st.text(st.sampled_from("ab \n\r\t\x1b[]07;\x07\x9b\u200b\u202e\u200d"), max_size=10)


@given(
    st.lists(
        st.tuples(st.sampled_from(sorted(FREE_TEXT)), st.one_of(_UNSAFE, st.sampled_from(_TEXTS))),
        min_size=1,
        max_size=8,
    )
)
def test_free_text_is_cleaned_exactly_as_the_field_by_field_rule_cleans_it(
    store: sqlite3.Connection, texts: list[tuple[str, str]]
) -> None:
    batch = []
    for n, (where, text) in enumerate(texts):
        table, column = where.split(".")
        batch.append(RowChange(table, f"g{n}", "lead", "ann", "hub", "1-0-hub", {column: text}))  # type: ignore[arg-type]
    assert sync_checks.checked(store, batch) == field_by_field(store, batch)


def test_a_value_no_sqlite_column_can_hold_is_refused_not_a_crash(
    store: sqlite3.Connection,
) -> None:
    nested = RowChange(
        "interactions", "g1", "lead", "ann", "hub", "1-0-hub",
        {"at": STAMP, "kind": "note", "text": ["a", "list"]},  # type: ignore[dict-item]
    )  # fmt: skip
    good, bad = sync_checks.checked(store, [nested])
    assert good == [] and bad == [(nested, "interactions g1: text ['a', 'list'] is not text")]
