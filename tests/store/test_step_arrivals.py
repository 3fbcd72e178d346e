"""Each lead's first arrival at each step (store.step_arrivals), kept by triggers whoever
writes the log, is what the log says, and the funnel read from it is the funnel the report
computed from the whole history before."""

from __future__ import annotations

import io
import sqlite3
from contextlib import closing
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from salescoach.core.kernel.periods import Span
from salescoach.core.kernel.steps import STEP_IDS
from salescoach.core.reporting.figures import reached_from_furthest
from salescoach.store.db import connect
from salescoach.store.exporter import export_jsonl
from salescoach.store.jsonl_import import import_jsonl
from salescoach.store.report_queries import funnel
from tests.support.store import build_v8, fresh_store

DAY0 = date(2026, 1, 1)
STEPS = (*STEP_IDS, None, "unknown")
LEADS = 5

# The funnel as the report computed it before step_arrivals: from every interaction.
_POSITION = (
    "CASE {column} "
    + " ".join(f"WHEN '{step}' THEN {pos}" for pos, step in enumerate(STEP_IDS, 1))
    + " ELSE 0 END"
)
WHOLE_HISTORY_FUNNEL = f"""
    WITH active(lead_id) AS (
        SELECT id FROM leads WHERE created_at >= :start AND created_at < :end
        UNION
        SELECT lead_id FROM interactions WHERE at >= :start AND at < :end
    ),
    firsts(lead_id, pos, first_at) AS (
        SELECT lead_id, {_POSITION.format(column="step")}, min(at) FROM interactions
        WHERE at < :end AND lead_id IN (SELECT lead_id FROM active)
        GROUP BY lead_id, step
    ),
    logged(lead_id, pos) AS (SELECT lead_id, max(pos) FROM firsts GROUP BY lead_id),
    furthest(pos) AS (
        SELECT max(1, coalesce(g.pos, 0),
            CASE WHEN l.step_entered_at < :end THEN {_POSITION.format(column="l.step")} ELSE 0 END)
        FROM active a JOIN leads l ON l.id = a.lead_id LEFT JOIN logged g ON g.lead_id = a.lead_id
    ),
    moves(pos, days) AS (
        SELECT pos, julianday(lead(first_at) OVER w) - julianday(first_at)
        FROM firsts WHERE pos > 0
        WINDOW w AS (PARTITION BY lead_id ORDER BY first_at, pos)
    )
    SELECT 'furthest' AS kind, pos, count(*) AS n, NULL AS days FROM furthest GROUP BY pos
    UNION ALL
    SELECT 'moved', pos, count(*), avg(days) FROM moves WHERE days IS NOT NULL GROUP BY pos
"""
KNOWN = "(" + ", ".join(f"'{step}'" for step in STEP_IDS) + ")"
# What the table must hold, from the log: each first arrival and the one after it.
RECOMPUTED = f"""
    SELECT lead_id, step, first_at, next_at, julianday(next_at) - julianday(first_at) FROM (
        SELECT lead_id, step, first_at, lead(first_at) OVER (
            PARTITION BY lead_id ORDER BY first_at, {_POSITION.format(column="step")}) AS next_at
        FROM (SELECT lead_id, step, min(at) AS first_at FROM interactions
              WHERE step IN {KNOWN} GROUP BY lead_id, step)
    ) ORDER BY lead_id, step
"""
KEPT = "SELECT lead_id, step, first_at, next_at, days FROM step_arrivals ORDER BY lead_id, step"


def _rows(conn: sqlite3.Connection, sql: str) -> list[tuple[object, ...]]:
    return [tuple(r) for r in conn.execute(sql)]


def _stamp(day: int, hour: int) -> str:
    return f"{DAY0 + timedelta(days=day)}T{hour:02d}:00:00+00:00"


stamps = st.builds(_stamp, st.integers(0, 120), st.sampled_from([9, 9, 14]))  # ties too
interactions = st.tuples(st.integers(1, LEADS), stamps, st.sampled_from(STEPS))
changes = st.tuples(
    st.integers(0, 59),  # which row (modulo the rows there are)
    st.sampled_from(["delete", "step", "at", "lead"]),
    interactions,  # the new values
)
leads = st.tuples(st.sampled_from(STEP_IDS), stamps, stamps)  # step, entered, created


def _fill(conn: sqlite3.Connection, lead_rows: list[tuple], log: list[tuple]) -> None:
    for n, (step, entered, created) in enumerate(lead_rows, 1):
        conn.execute(
            "INSERT INTO leads (id, name, playbook, step, step_entered_at, created_at, "
            "updated_at) VALUES (?, ?, 'b2b-saas', ?, ?, ?, ?)",
            (n, f"Lead {n}", step, entered, created, created),
        )
    conn.executemany(
        "INSERT INTO interactions (lead_id, at, step, kind) VALUES (?, ?, ?, 'note')", log
    )


def _change(conn: sqlite3.Connection, which: int, what: str, new: tuple) -> None:
    ids = [r[0] for r in conn.execute("SELECT id FROM interactions ORDER BY id")]
    if not ids:
        return
    row = ids[which % len(ids)]
    lead, at, step = new
    if what == "delete":
        conn.execute("DELETE FROM interactions WHERE id = ?", (row,))
    else:
        column, value = {"step": ("step", step), "at": ("at", at), "lead": ("lead_id", lead)}[what]
        conn.execute(f"UPDATE interactions SET {column} = ? WHERE id = ?", (value, row))


def _whole_history_funnel(
    conn: sqlite3.Connection, span: Span
) -> tuple[dict[str, int], dict[str, tuple[float, int]]]:
    start, end = span.bounds()
    rows = conn.execute(WHOLE_HISTORY_FUNNEL, {"start": start, "end": end}).fetchall()
    furthest = {r["pos"]: r["n"] for r in rows if r["kind"] == "furthest"}
    days = {STEP_IDS[r["pos"] - 1]: (r["days"], r["n"]) for r in rows if r["kind"] == "moved"}
    return reached_from_furthest(furthest), days


@settings(max_examples=50, deadline=None)
@given(
    lead_rows=st.lists(leads, min_size=LEADS, max_size=LEADS),
    log=st.lists(interactions, max_size=40),
    changed=st.lists(changes, max_size=8),
    first=st.integers(0, 120),
    length=st.integers(0, 60),
)
def test_the_kept_first_arrivals_give_the_whole_historys_funnel(
    lead_rows: list[tuple], log: list[tuple], changed: list[tuple], first: int, length: int
) -> None:
    with fresh_store() as conn:
        _fill(conn, lead_rows, log)
        for which, what, new in changed:
            _change(conn, which, what, new)
        assert _rows(conn, KEPT) == _rows(conn, RECOMPUTED)
        start = DAY0 + timedelta(days=first)
        span = Span("range", start, start + timedelta(days=length))
        reached, days = funnel(conn, span)
        expected_reached, expected_days = _whole_history_funnel(conn, span)
        assert reached == expected_reached
        assert days.keys() == expected_days.keys()
        for step, (mean, moved) in days.items():
            assert moved == expected_days[step][1]
            assert mean == pytest.approx(expected_days[step][0], abs=1e-9)


def test_the_migration_builds_the_first_arrivals_of_an_older_store(tmp_path: Path) -> None:
    path = tmp_path / "v8.db"
    build_v8(path)
    with closing(sqlite3.connect(path)) as old:
        old.executemany(
            "INSERT INTO interactions (lead_id, at, step, kind) VALUES (6, ?, ?, 'note')",
            [("2026-03-02T10:00", "approach"), ("2026-03-01T10:00", "approach"),
             ("2026-03-03T10:00", None), ("2026-03-04T10:00", "closing")],
        )  # fmt: skip
        old.commit()
    with closing(connect(path)) as conn:
        kept = _rows(conn, KEPT)
        assert kept == _rows(conn, RECOMPUTED)
        assert [r[:4] for r in kept if r[0] == 6] == [
            (6, "approach", "2026-03-01T10:00", "2026-03-04T10:00"),
            (6, "closing", "2026-03-04T10:00", None),
        ]


def test_first_arrivals_are_not_exported_and_a_restore_rebuilds_them(tmp_path: Path) -> None:
    with closing(connect(tmp_path / "a.db")) as conn:
        _fill(
            conn,
            [("approach", _stamp(1, 9), _stamp(0, 9))],
            [(1, _stamp(3, 9), "approach"), (1, _stamp(2, 9), "approach"), (1, _stamp(5, 9), None)],
        )
        out = io.StringIO()
        export_jsonl(conn, out)
        kept = _rows(conn, KEPT)
    assert "step_arrivals" not in out.getvalue()
    with closing(connect(tmp_path / "b.db")) as restored:
        import_jsonl(restored, out.getvalue().splitlines(keepends=True), "export.jsonl")
        assert _rows(restored, KEPT) == kept == [(1, "approach", _stamp(2, 9), None, None)]
