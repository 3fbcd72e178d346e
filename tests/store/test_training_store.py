"""Saving drill runs: training rows and Leitner boxes in one transaction; history aggregates."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest

from salescoach.actions.training import record_drill
from salescoach.core.training.history import training_history
from salescoach.core.training.practice import ItemResult, Session
from salescoach.store.db import connect
from salescoach.store.training import due_states, review_states, training_log
from tests.support.today import TODAY

DAY = TODAY


@pytest.fixture
def conn(tmp_path: Path) -> sqlite3.Connection:
    return connect(tmp_path / "t.db")


def _item(item: str, score: float, max_score: float = 5, drill: str = "objections") -> ItemResult:
    return ItemResult(drill, item, score, max_score, score / max_score >= 0.7, {"note": item})


def test_a_run_is_saved_with_its_review_boxes(conn: sqlite3.Connection) -> None:
    session = Session(seed=4, results=[_item("objections:price", 5), _item("objections:need", 1)])
    states = record_drill(conn, session, datetime(2026, 3, 11, 9), DAY)
    assert {s.item: (s.box, s.due) for s in states} == {
        "objections:price": (2, date(2026, 3, 13)),
        "objections:need": (1, date(2026, 3, 12)),
    }
    rows = conn.execute("SELECT item, score, detail_json FROM training ORDER BY id").fetchall()
    assert [(r["item"], r["score"]) for r in rows] == [
        ("objections:price", 5),
        ("objections:need", 1),
    ]
    assert '"seed": 4' in rows[0]["detail_json"]
    assert conn.execute("SELECT count(*) FROM interactions").fetchone()[0] == 0


def test_boxes_move_from_their_saved_state(conn: sqlite3.Connection) -> None:
    record_drill(conn, Session(1, [_item("objections:price", 5)]), datetime(2026, 3, 11), DAY)
    record_drill(
        conn, Session(2, [_item("objections:price", 5)]), datetime(2026, 3, 13), date(2026, 3, 13)
    )
    (state,) = review_states(conn, ["objections:price"])
    assert (state.box, state.due, state.last) == (3, date(2026, 3, 17), date(2026, 3, 13))
    assert due_states(conn, date(2026, 3, 16), 10) == []
    assert [s.item for s in due_states(conn, date(2026, 3, 17), 10)] == ["objections:price"]


def test_an_empty_run_writes_nothing(conn: sqlite3.Connection) -> None:
    assert record_drill(conn, Session(1), datetime(2026, 3, 11), DAY) == []
    assert conn.execute("SELECT count(*) FROM training").fetchone()[0] == 0


def test_history_shows_improvement_and_names_the_weakest_families(conn: sqlite3.Connection) -> None:
    first = Session(
        1,
        [_item("objections:price", 1), _item("objections:timing", 2), _item("objections:need", 5)],
    )
    record_drill(conn, first, datetime(2026, 3, 9, 9), date(2026, 3, 9))
    second = Session(
        2,
        [
            _item("objections:price", 4),
            _item("objections:timing", 5),
            _item("steps:order", 7, 7, "steps"),
        ],
    )
    record_drill(conn, second, datetime(2026, 3, 11, 9), DAY)
    data = training_history(training_log(conn, DAY))
    objections = next(d for d in data["drills"] if d["drill"] == "objections")
    assert (objections["runs"], objections["items"]) == (2, 5)
    assert objections["first_run_share"] == pytest.approx((0.2 + 0.4 + 1.0) / 3, abs=1e-4)
    assert objections["last_run_share"] == 0.9
    families = {f["family"]: f for f in data["families"]}
    assert families["price"]["average_share"] == 0.5 and families["price"]["last_share"] == 0.8
    assert data["weakest_families"] == ["price"]  # timing averages 0.7, which passes
    assert [(d["day"], d["share"]) for d in data["by_day"] if d["drill"] == "objections"] == [
        ("2026-03-09", 0.5333),
        ("2026-03-11", 0.9),
    ]
    assert data["review"]["boxes"]["1"] == 0 and data["review"]["due_today"] == 1
