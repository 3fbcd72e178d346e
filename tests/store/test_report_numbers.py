"""The report's figures against a hand-built store whose counts are known (report_store.py)."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from salescoach.core.kernel.periods import parse_span
from salescoach.core.kernel.steps import STEP_IDS
from salescoach.core.reporting.report import build_report
from salescoach.store.db import connect, transaction
from salescoach.store.goals import set_goal
from salescoach.store.leads import insert_lead
from salescoach.store.report_queries import collect
from tests.support.report_store import EXPECTED_REACHED, PERIOD, at, build
from tests.support.today import TODAY


@pytest.fixture
def conn(tmp_path: Path) -> sqlite3.Connection:
    db = connect(tmp_path / "report.db")
    build(db)
    return db


@pytest.fixture
def report(conn: sqlite3.Connection) -> dict:
    set_goal(conn, "calls", 10, "week", datetime(2026, 3, 1))
    set_goal(conn, "deals_won", 3, "month", datetime(2026, 3, 1))
    span = parse_span(PERIOD, TODAY)
    return build_report(span, TODAY, collect(conn, span, TODAY))


def test_activity_by_step_and_channel(report: dict) -> None:
    activity = report["activity"]
    assert (activity["interactions"], activity["leads"]) == (18, 5)
    cells = {
        (r["step"], r["channel"]): (r["interactions"], r["leads"])
        for r in activity["by_step_channel"]
    }
    assert cells == {
        ("prospecting", "call"): (3, 3),
        ("preparation", "none"): (1, 1),
        ("approach", "email"): (1, 1),
        ("approach", "call"): (2, 1),
        ("presentation", "meeting"): (2, 2),
        ("presentation", "call"): (2, 1),
        ("objections", "call"): (3, 2),
        ("closing", "call"): (4, 4),
    }
    assert [r["step"] for r in activity["by_step"]] == [
        "prospecting",
        "preparation",
        "approach",
        "presentation",
        "objections",
        "closing",
    ]
    assert {c["channel"]: c["interactions"] for c in activity["by_channel"]} == {
        "call": 14,
        "email": 1,
        "meeting": 2,
        "none": 1,
    }


def test_metrics_count_lead_days_and_won_value(report: dict) -> None:
    assert report["metrics"] == {
        "calls": 12,  # Ada's two calls on 03-02 are one call
        "meetings": 2,
        "emails": 1,
        "contacts": 3,  # Bob, Di, Gus were first contacted in the week
        "proposals": 2,
        "deals_won": 2,
        "revenue_won": 7500,  # 5000 on Ada's outcome row + Hal's deal_value answer
    }


def test_funnel_conversion_and_win_rate(report: dict) -> None:
    funnel = report["funnel"]
    assert funnel["leads"] == 6  # Fay had nothing in the week
    assert [s["reached"] for s in funnel["steps"]] == EXPECTED_REACHED
    assert [s["step"] for s in funnel["steps"]] == list(STEP_IDS)
    assert [s["conversion"] for s in funnel["steps"]] == [None, 0.8333, 1.0, 0.8, 1.0, 1.0, 0.25]
    assert (funnel["won"], funnel["lost"], funnel["no_decision"]) == (2, 1, 1)
    assert funnel["win_rate"] == 0.5


def test_average_days_per_step(report: dict) -> None:
    days = {s["step"]: (s["average_days"], s["moved_on"]) for s in report["funnel"]["steps"]}
    assert days == {
        "prospecting": (1.5, 4),
        "preparation": (1.0, 1),
        "approach": (20.48, 2),  # Ada 6.96 days, Hal 34 days
        "presentation": (2.02, 2),
        "objections": (1.0, 2),
        "closing": (None, 0),
        "follow_up": (None, 0),
    }


def test_sla_compliance_and_median_wait(report: dict) -> None:
    assert report["sla"] == {
        "leads": 3,
        "met": 1,
        "late": 1,
        "missed": 1,
        "pending": 0,
        "compliance": 0.3333,
        "median_hours_to_first_contact": 38.0,  # 3 h (Bob) and 73 h (Di)
    }


def test_objections_by_family(report: dict) -> None:
    assert report["objections"] == [
        {
            "family": "price",
            "raised": 2,
            "resolved": 1,
            "partly": 1,
            "not_resolved": 0,
            "unrecorded": 0,
            "resolution_rate": 0.5,
        },
        {
            "family": "timing",
            "raised": 2,
            "resolved": 1,
            "partly": 0,
            "not_resolved": 1,
            "unrecorded": 0,
            "resolution_rate": 0.5,
        },
        {
            "family": "need",
            "raised": 1,
            "resolved": 0,
            "partly": 0,
            "not_resolved": 0,
            "unrecorded": 1,
            "resolution_rate": None,
        },
    ]


def test_training_scores_in_the_period(report: dict) -> None:
    assert report["training"] == {
        "items": 3,
        "by_drill": [
            {"drill": "objections", "runs": 1, "items": 2, "share": 0.8},
            {"drill": "steps", "runs": 1, "items": 1, "share": 1.0},
        ],
        "by_family": [{"family": "price", "attempts": 2, "share": 0.8}],
    }


def test_goals_measured_over_their_own_period(report: dict) -> None:
    goals = {(g["metric"], g["period"]): g for g in report["goals"]}
    week = goals[("calls", "week")]
    assert (week["start"], week["end"], week["actual"], week["met"]) == (
        "2026-03-02",
        "2026-03-08",
        12,
        True,
    )
    month = goals[("deals_won", "month")]
    assert (month["start"], month["actual"], month["share"], month["met"]) == (
        "2026-03-01",
        2,
        0.6667,
        False,
    )


def test_pending_sla_and_an_empty_week(conn: sqlite3.Connection) -> None:
    with transaction(conn):
        insert_lead(
            conn, {"name": "Ivy", "playbook": "minimal", "sla_due": "2026-03-12"}, at("03-10")
        )
    span = parse_span("week", TODAY)
    data = build_report(span, TODAY, collect(conn, span, TODAY))
    assert data["sla"]["pending"] == 1 and data["sla"]["compliance"] is None
    assert data["funnel"]["leads"] == 1 and data["funnel"]["win_rate"] is None
    assert data["activity"]["interactions"] == 0
