"""The report's period figures read from the marks and roll-ups triggers keep
(store.period_marks) are the figures the queries over the log gave before, whatever the log
went through: tied times, several rows a day, rows inserted out of order, updated, deleted."""

from __future__ import annotations

import io
import sqlite3
from contextlib import closing
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from salescoach.core.kernel.periods import Span
from salescoach.core.kernel.steps import STEP_IDS
from salescoach.store.db import connect
from salescoach.store.exporter import export_jsonl
from salescoach.store.goals import measure
from salescoach.store.jsonl_import import import_jsonl
from salescoach.store.report_queries import activity, objections, period_leads
from tests.support.fake_hub import MANAGER, FakeHub
from tests.support.replicas import Replica
from tests.support.store import build_v9, fresh_store

DAY0 = date(2026, 1, 1)
LEADS = 4
DERIVED = ("interaction_marks", "interaction_pairs", "lead_days", "objection_days")

# The queries the report ran over the log before schema 10.
OLD_ACTIVITY = (
    "SELECT step, channel, count(*) AS interactions, count(DISTINCT lead_id) AS leads "
    "FROM interactions WHERE at >= :start AND at < :end GROUP BY step, channel"
)
OLD_TOTALS = (
    "SELECT count(*) AS interactions, count(DISTINCT lead_id) AS leads "
    "FROM interactions WHERE at >= :start AND at < :end"
)
_OLD_LEAD_DAYS = (
    "SELECT count(*) FROM (SELECT DISTINCT lead_id, substr(at, 1, 10) FROM interactions "
    "WHERE at >= :start AND at < :end AND {where})"
)
OLD_LEAD_DAYS = {
    "calls": _OLD_LEAD_DAYS.format(where="channel = 'call'"),
    "meetings": _OLD_LEAD_DAYS.format(where="channel = 'meeting'"),
    "emails": _OLD_LEAD_DAYS.format(where="channel = 'email'"),
    "proposals": _OLD_LEAD_DAYS.format(where="step = 'presentation' AND channel IS NOT NULL"),
}
OLD_DEALS_WON = """
    SELECT count(*) FROM (
        SELECT lead_id, row_number() OVER (PARTITION BY lead_id ORDER BY at DESC, id DESC) AS n
        FROM interactions WHERE at >= :start AND at < :end AND result = 'won'
    ) WHERE n = 1
"""
OLD_OBJECTIONS = """
    SELECT objection AS family, count(*) AS raised,
           count(CASE WHEN result = 'resolved' THEN 1 END) AS resolved,
           count(CASE WHEN result = 'partly' THEN 1 END) AS partly,
           count(CASE WHEN result = 'not_resolved' THEN 1 END) AS not_resolved,
           count(CASE WHEN coalesce(result, '') NOT IN ('resolved', 'partly', 'not_resolved')
                      THEN 1 END) AS unrecorded
    FROM interactions WHERE kind = 'objection' AND at >= :start AND at < :end
    GROUP BY family ORDER BY raised DESC, family
"""
# What the marks must hold, from the log.
MARKS = "SELECT id, lead_id, day, step, channel, lead_prev, pair_prev FROM interaction_marks"
RECOMPUTED_MARKS = """
    SELECT id, lead_id, substr(at, 1, 10), step, channel,
           substr(lag(at) OVER (PARTITION BY lead_id ORDER BY at, id), 1, 10),
           substr(lag(at) OVER (PARTITION BY lead_id, step, channel ORDER BY at, id), 1, 10)
    FROM interactions ORDER BY id
"""


def _stamp(day: int, hour: int) -> str:
    return f"{DAY0 + timedelta(days=day)}T{hour:02d}:00:00+00:00"


stamps = st.builds(_stamp, st.integers(0, 40), st.sampled_from([0, 9, 9, 14, 23]))  # ties too
steps = st.sampled_from([*STEP_IDS, "presentation", None, "unknown"])
channels = st.sampled_from(["call", "meeting", "email", "sms", None])
kinds = st.sampled_from(["note", "objection", "objection", "outcome"])
families = st.sampled_from(["price", "timing", None])
results = st.sampled_from(["resolved", "partly", "not_resolved", "won", "lost", None])
interactions = st.tuples(st.integers(1, LEADS), stamps, steps, channels, kinds, families, results)
COLUMNS = ("lead_id", "at", "step", "channel", "kind", "objection", "result")
changes = st.tuples(
    st.integers(0, 59),  # which row (modulo the rows there are)
    st.sampled_from(["delete", *COLUMNS]),
    interactions,  # the new values
)


def _fill(conn: sqlite3.Connection, log: list[tuple]) -> None:
    for n in range(1, LEADS + 1):
        conn.execute(
            "INSERT INTO leads (id, name, playbook, step_entered_at, created_at, updated_at) "
            "VALUES (?, ?, 'b2b-saas', ?, ?, ?)",
            (n, f"Lead {n}", _stamp(0, 9), _stamp(0, 9), _stamp(0, 9)),
        )
    conn.executemany(
        f"INSERT INTO interactions ({', '.join(COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?, ?)", log
    )


def _change(conn: sqlite3.Connection, which: int, what: str, new: tuple) -> None:
    ids = [r[0] for r in conn.execute("SELECT id FROM interactions ORDER BY id")]
    if not ids:
        return
    row = ids[which % len(ids)]
    if what == "delete":
        conn.execute("DELETE FROM interactions WHERE id = ?", (row,))
    else:
        value = new[COLUMNS.index(what)]
        conn.execute(f"UPDATE interactions SET {what} = ? WHERE id = ?", (value, row))


def _rows(conn: sqlite3.Connection, sql: str, **params: Any) -> list[tuple[object, ...]]:
    return [tuple(r) for r in conn.execute(sql, params)]


def _all(conn: sqlite3.Connection, table: str) -> list[tuple[object, ...]]:
    return sorted(_rows(conn, f"SELECT * FROM {table}"), key=repr)


def _assert_same_figures(conn: sqlite3.Connection, span: Span) -> None:
    start, end = span.bounds()
    bounds = {"start": start, "end": end}
    figures = activity(conn, span)
    assert [tuple(r.values()) for r in figures["rows"]] == _rows(conn, OLD_ACTIVITY, **bounds)
    totals = conn.execute(OLD_TOTALS, bounds).fetchone()
    assert (figures["interactions"], figures["leads"]) == tuple(totals)
    assert activity(conn, span, period_leads(conn, span)) == figures  # as the report reads it
    for metric, old in OLD_LEAD_DAYS.items():
        assert measure(conn, metric, span) == conn.execute(old, bounds).fetchone()[0], metric
    assert measure(conn, "deals_won", span) == conn.execute(OLD_DEALS_WON, bounds).fetchone()[0]
    assert [tuple(r.values()) for r in objections(conn, span)] == _rows(
        conn, OLD_OBJECTIONS, **bounds
    )


def _assert_kept(conn: sqlite3.Connection) -> None:
    assert _rows(conn, MARKS + " ORDER BY id") == _rows(conn, RECOMPUTED_MARKS)
    pairs = _rows(conn, "SELECT step, channel FROM interaction_pairs")
    assert len(set(pairs)) == len(pairs)
    logged = set(_rows(conn, "SELECT DISTINCT step, channel FROM interactions"))
    assert logged <= set(pairs)
    for table in ("lead_days", "objection_days"):  # no row left at zero
        assert not _rows(conn, f"SELECT * FROM {table} WHERE n <= 0")


@settings(max_examples=120, deadline=None)
@given(
    log=st.lists(interactions, max_size=40),
    changed=st.lists(changes, max_size=10),
    first=st.integers(0, 40),
    length=st.integers(0, 30),
)
def test_the_kept_marks_give_the_figures_the_log_gave(
    log: list[tuple], changed: list[tuple], first: int, length: int
) -> None:
    with fresh_store() as conn:
        _fill(conn, log)
        for which, what, new in changed:
            _change(conn, which, what, new)
        _assert_kept(conn)
        start = DAY0 + timedelta(days=first)
        _assert_same_figures(conn, Span("range", start, start + timedelta(days=length)))
        _assert_same_figures(conn, Span("range", DAY0, DAY0 + timedelta(days=60)))


def test_the_migration_builds_the_marks_of_an_older_store(tmp_path: Path) -> None:
    path = tmp_path / "v9.db"
    build_v9(path)
    with closing(sqlite3.connect(path)) as old:
        old.executemany(
            f"INSERT INTO interactions ({', '.join(COLUMNS)}) VALUES (6, ?, ?, ?, ?, ?, ?)",
            [(_stamp(3, 9), "presentation", "call", "objection", "price", "partly"),
             (_stamp(3, 9), "presentation", "email", "note", None, None),
             (_stamp(1, 9), "presentation", "call", "objection", "price", None),
             (_stamp(5, 9), "closing", "meeting", "outcome", None, "won")],
        )  # fmt: skip
        old.commit()
        span = Span("range", DAY0, DAY0 + timedelta(days=10))
        start, end = span.bounds()
        before = {
            metric: old.execute(sql, {"start": start, "end": end}).fetchone()[0]
            for metric, sql in OLD_LEAD_DAYS.items()
        }
    with closing(connect(path)) as conn:
        _assert_kept(conn)
        _assert_same_figures(conn, span)
        assert {metric: measure(conn, metric, span) for metric in OLD_LEAD_DAYS} == before
        assert before == {"calls": 2, "meetings": 1, "emails": 1, "proposals": 2}


def test_the_marks_are_not_exported_and_a_restore_rebuilds_them(tmp_path: Path) -> None:
    with closing(connect(tmp_path / "a.db")) as conn:
        _fill(
            conn,
            [(1, _stamp(3, 9), "approach", "call", "objection", "price", "resolved"),
             (1, _stamp(2, 9), "approach", "call", "note", None, None),
             (2, _stamp(2, 9), None, None, "note", None, None)],
        )  # fmt: skip
        out = io.StringIO()
        export_jsonl(conn, out)
        kept = {table: _all(conn, table) for table in DERIVED}
    assert not any(table in out.getvalue() for table in DERIVED)
    with closing(connect(tmp_path / "b.db")) as restored:
        import_jsonl(restored, out.getvalue().splitlines(keepends=True), "export.jsonl")
        for table in DERIVED:
            assert _all(restored, table) == kept[table]


def test_a_pull_between_local_writes_keeps_the_marks(tmp_path: Path) -> None:
    """Rows the sync's pull inserts (sync_apply) land between the desk's own, which it then
    moves and removes: the marks stay what the log says."""
    hub = FakeHub()
    ann, desk = Replica.open(tmp_path, "ann"), Replica.open(tmp_path, "desk")
    lead = ann.add_lead("Ada")
    ann.log(lead, "first")
    ann.sync(hub.session("ann"))
    desk.sync(hub.session(MANAGER))
    here = desk.lead_id("Ada")
    desk.write(
        "INSERT INTO interactions (lead_id, at, step, channel, kind, text) "
        "VALUES (?, ?, 'presentation', 'call', 'note', 'desk')",
        here,
        _stamp(400, 9),  # after what ann logs next
    )
    for text in ("second", "third"):
        ann.log(lead, text)
    ann.sync(hub.session("ann"))
    desk.sync(hub.session(MANAGER))
    assert sorted(desk.state()["Ada"][1]) == ["desk", "first", "second", "third"]
    _assert_kept(desk.conn)
    third = "UPDATE interactions SET at = ?, channel = 'call' WHERE text = 'third'"
    desk.write(third, _stamp(0, 9))
    desk.write("DELETE FROM interactions WHERE text = 'first'")
    _assert_kept(desk.conn)
    span = Span("range", DAY0, DAY0 + timedelta(days=500))
    _assert_same_figures(desk.conn, span)
    assert measure(desk.conn, "calls", span) == 2
