"""Each lead's funnel figures and their day sums (store.lead_progress), kept by triggers
whoever writes, are what a build from the log gives, and the report's funnel read from them is
the one the report computed before from every lead in play."""

from __future__ import annotations

import io
import sqlite3
from contextlib import closing
from datetime import date, timedelta
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from salescoach.core.kernel.periods import Span
from salescoach.core.kernel.steps import STEP_IDS
from salescoach.core.reporting.figures import reached_from_furthest
from salescoach.store import lead_progress, report_queries
from salescoach.store.db import connect
from salescoach.store.exporter import export_jsonl
from salescoach.store.jsonl_import import import_jsonl
from salescoach.store.report_queries import period_leads, progress
from salescoach.store.step_arrivals import position
from tests.support.store import build_v11, fresh_store

DAY0 = date(2026, 1, 1)
LEADS = 5
TABLES = ("lead_progress", "progress_days")

# The funnel as the report computed it at schema 11: every lead in play visited, from its
# first arrivals before the period's end (its leads in `temp.period_leads`).
_PER_POSITION = ", ".join(
    f"count(CASE WHEN pos = {p} THEN 1 END), avg(CASE WHEN pos = {p} THEN days END)"
    for p in lead_progress.POSITIONS
)
OLD_FURTHEST = f"""
    SELECT pos, count(*) FROM (
        SELECT max(
            1,
            coalesce((SELECT max({position("s.step")}) FROM step_arrivals s
                      WHERE s.lead_id = a.lead_id AND s.first_at < :end), 0),
            CASE WHEN l.step_entered_at < :end THEN {position("l.step")} ELSE 0 END) AS pos
        FROM temp.period_leads a CROSS JOIN leads l ON l.id = a.lead_id
    ) GROUP BY pos
"""
OLD_MOVED = f"""
    SELECT {_PER_POSITION} FROM (
        SELECT {position("s.step")} AS pos, s.days
        FROM temp.period_leads a CROSS JOIN step_arrivals s ON s.lead_id = a.lead_id
        WHERE s.next_at < :end AND s.days IS NOT NULL
    )
"""


def _old_progress(
    conn: sqlite3.Connection, span: Span
) -> tuple[int, tuple[dict[str, int], dict[str, tuple[float, int]]]]:
    logged = period_leads(conn, span)
    start, end = span.bounds()
    params = {"start": start, "end": end}
    furthest = dict(conn.execute(OLD_FURTHEST, params).fetchall())
    moved = conn.execute(OLD_MOVED, params).fetchone()
    days = {
        STEP_IDS[p - 1]: (moved[2 * p - 1], moved[2 * p - 2])
        for p in lead_progress.POSITIONS
        if moved[2 * p - 2]
    }
    return logged, (reached_from_furthest(furthest), days)


def _assert_same(found: tuple, expected: tuple) -> None:
    (logged, (reached, days)), (old_logged, (old_reached, old_days)) = found, expected
    assert (logged, reached) == (old_logged, old_reached)
    assert days.keys() == old_days.keys()
    for step, (mean, moved) in days.items():
        assert moved == old_days[step][1]
        # Milliseconds added up as integers, against floating-point days: the same to 1e-9.
        assert mean == pytest.approx(old_days[step][0], abs=1e-9)


def _kept(conn: sqlite3.Connection) -> dict[str, list[tuple[object, ...]]]:
    return {t: [tuple(r) for r in conn.execute(f"SELECT * FROM {t} ORDER BY 1")] for t in TABLES}


def _built(conn: sqlite3.Connection) -> dict[str, list[tuple[object, ...]]]:
    """The two tables as the migration builds them from this store's log."""
    with closing(sqlite3.connect(":memory:")) as copy:
        conn.backup(copy)
        for table in TABLES:
            copy.execute(f"DROP TABLE {table}")  # its indexes and triggers with it
        for trigger in copy.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'lead_progress%'"
        ).fetchall():
            copy.execute(f"DROP TRIGGER {trigger[0]}")
        copy.executescript(lead_progress.migration())
        return _kept(copy)


def _stamp(day: int, hour: int) -> str:
    return f"{DAY0 + timedelta(days=day)}T{hour:02d}:00:00+00:00"


stamps = st.builds(_stamp, st.integers(0, 120), st.sampled_from([9, 9, 14]))  # ties too
interactions = st.tuples(
    st.integers(1, LEADS), stamps, st.sampled_from([*STEP_IDS, None, "unknown"])
)
changes = st.one_of(
    st.tuples(
        st.integers(0, 59),  # which row (modulo the rows there are)
        st.sampled_from(["delete", "step", "at", "lead"]),
        interactions,  # the new values
    ),
    # A lead moved on a step (or back) at some time: its step and stamp change.
    st.tuples(
        st.integers(1, LEADS), st.just("lead step"), st.tuples(st.sampled_from(STEP_IDS), stamps)
    ),
    st.tuples(st.integers(1, LEADS), st.just("lead created"), stamps),
    st.tuples(st.integers(1, LEADS), st.just("lead removed"), st.none()),
)
leads = st.tuples(st.sampled_from(STEP_IDS), stamps, stamps)  # step, entered, created


def _fill(conn: sqlite3.Connection, lead_rows: list[tuple], log: list[tuple]) -> None:
    for n, (step, entered, created) in enumerate(lead_rows, 1):
        conn.execute(
            "INSERT INTO leads (id, name, playbook, step, step_entered_at, created_at, "
            "updated_at) VALUES (?, ?, 'b2b-saas', ?, ?, ?, ?)",
            (n, f"Lead {n}", step, entered, created, created),
        )
    conn.executemany(  # in the order drawn: out of time order too
        "INSERT INTO interactions (lead_id, at, step, kind) VALUES (?, ?, ?, 'note')", log
    )


def _change(conn: sqlite3.Connection, which: int, what: str, new: object) -> None:
    if what == "lead step":
        step, at = new  # type: ignore[misc]
        conn.execute(
            "UPDATE leads SET step = ?, step_entered_at = ? WHERE id = ?", (step, at, which)
        )
        return
    if what == "lead removed":  # as a merge leaves the lead merged away
        conn.execute("DELETE FROM interactions WHERE lead_id = ?", (which,))
        conn.execute("DELETE FROM leads WHERE id = ?", (which,))
        return
    if what == "lead created":
        conn.execute("UPDATE leads SET created_at = ? WHERE id = ?", (new, which))
        return
    ids = [r[0] for r in conn.execute("SELECT id FROM interactions ORDER BY id")]
    if not ids:
        return
    row = ids[which % len(ids)]
    lead, at, step = new  # type: ignore[misc]
    if what == "lead" and not conn.execute("SELECT 1 FROM leads WHERE id = ?", (lead,)).fetchone():
        return  # moved onto a lead removed before
    if what == "delete":
        conn.execute("DELETE FROM interactions WHERE id = ?", (row,))
    else:
        column, value = {"step": ("step", step), "at": ("at", at), "lead": ("lead_id", lead)}[what]
        conn.execute(f"UPDATE interactions SET {column} = ? WHERE id = ?", (value, row))


@settings(max_examples=80, deadline=None)
@given(
    lead_rows=st.lists(leads, min_size=LEADS, max_size=LEADS),
    log=st.lists(interactions, max_size=40),
    changed=st.lists(changes, max_size=8),
    first=st.integers(0, 120),
    length=st.integers(0, 60),
    many_later=st.sampled_from([1, 5_000]),  # the period's leads from the marks, or not
)
def test_the_kept_figures_give_the_funnel_the_report_computed_before(
    lead_rows: list[tuple],
    log: list[tuple],
    changed: list[tuple],
    first: int,
    length: int,
    many_later: int,
) -> None:
    with fresh_store() as conn:
        _fill(conn, lead_rows, log)
        for which, what, new in changed:
            _change(conn, which, what, new)
        assert _kept(conn) == _built(conn)
        start = DAY0 + timedelta(days=first)
        span = Span("range", start, start + timedelta(days=length))  # arrivals after it too
        with mock.patch.object(report_queries, "_MANY_LATER", many_later):
            found = progress(conn, span)
        _assert_same(found, _old_progress(conn, span))


def test_a_lead_whose_step_moved_after_the_period_counts_as_it_stood(tmp_path: Path) -> None:
    with closing(connect(tmp_path / "a.db")) as conn:
        _fill(conn, [("prospecting", _stamp(0, 9), _stamp(0, 9))], [(1, _stamp(2, 9), "approach")])
        conn.execute("UPDATE leads SET step = 'closing', step_entered_at = ?", (_stamp(40, 9),))
        span = Span("range", DAY0, DAY0 + timedelta(days=9))
        logged, (reached, _days) = progress(conn, span)
        assert logged == 1 and reached["approach"] == 1 and reached["presentation"] == 0
        assert progress(conn, Span("range", DAY0, DAY0 + timedelta(days=45)))[1][0]["closing"] == 1


def test_the_migration_builds_the_figures_of_an_older_store(tmp_path: Path) -> None:
    path = tmp_path / "v11.db"
    build_v11(path)
    with closing(connect(path)) as conn:
        kept = _kept(conn)
        assert kept == _built(conn)
        assert {r[0] for r in kept["lead_progress"]} == {
            r[0] for r in conn.execute("SELECT id FROM leads")
        }
        span = Span("range", date(2025, 1, 1), date(2026, 12, 31))
        _assert_same(progress(conn, span), _old_progress(conn, span))


def test_the_figures_are_not_exported_and_a_restore_rebuilds_them(tmp_path: Path) -> None:
    with closing(connect(tmp_path / "a.db")) as conn:
        _fill(
            conn,
            [("approach", _stamp(1, 9), _stamp(0, 9)), ("prospecting", _stamp(3, 9), _stamp(3, 9))],
            [
                (1, _stamp(3, 9), "approach"),
                (1, _stamp(2, 9), "prospecting"),
                (2, _stamp(5, 9), None),
            ],
        )
        out = io.StringIO()
        export_jsonl(conn, out)
        kept = _kept(conn)
    assert "lead_progress" not in out.getvalue() and "progress_days" not in out.getvalue()
    with closing(connect(tmp_path / "b.db")) as restored:
        import_jsonl(restored, out.getvalue().splitlines(keepends=True), "export.jsonl")
        assert _kept(restored) == kept
    # Lead 1: furthest approach (3), one move from prospecting of a day; lead 2: none.
    zeros = (0,) * 6
    assert kept["progress_days"] == [
        (_stamp(3, 9)[:10], 1, 1, 0, 0, 1, *zeros[:4], 1, *zeros, 86_400_000, *zeros),
        (_stamp(5, 9)[:10], 1, 1, 1, *zeros, *zeros, 0, *zeros, 0),
    ]


def test_a_lead_inserted_after_its_log_counts_its_log(tmp_path: Path) -> None:
    # A restore defers its foreign keys: a lead's interactions may go in before the lead.
    with closing(connect(tmp_path / "a.db")) as conn:
        conn.execute("BEGIN")
        conn.execute("PRAGMA defer_foreign_keys = ON")
        conn.executemany(
            "INSERT INTO interactions (lead_id, at, step, kind) VALUES (1, ?, ?, 'note')",
            [(_stamp(2, 9), "prospecting"), (_stamp(4, 9), "approach")],
        )
        _fill(conn, [("prospecting", _stamp(0, 9), _stamp(0, 9))], [])
        conn.execute("COMMIT")
        assert _kept(conn) == _built(conn)
        assert _kept(conn)["lead_progress"][0][4:7] == (_stamp(4, 9), 3, 2 * 86_400_000)
