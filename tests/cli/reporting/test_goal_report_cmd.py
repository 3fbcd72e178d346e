"""`salescoach goal ...` and `salescoach report` as a user runs them."""

from __future__ import annotations

import json
import sqlite3

import jsonschema
import pytest

from salescoach.core.published import json_schema
from salescoach.paths import database_path
from salescoach.store.db import open_store
from tests.support.cli import run
from tests.support.report_store import PERIOD, build

REPORT_SCHEMA = json_schema("report")


def _goals() -> list[tuple[str, float, str]]:
    if not database_path().exists():
        return []
    with sqlite3.connect(database_path()) as conn:
        return conn.execute("SELECT metric, target, period FROM goals ORDER BY id").fetchall()


def test_set_change_list_and_remove_a_goal() -> None:
    assert run("goal", "set", "calls", "20", "--per", "week").exit_code == 0
    changed = run("goal", "set", "call", "25", "--per", "weekly")
    assert changed.exit_code == 0 and "changed the weekly goal: calls 25" in changed.stderr
    run("goal", "set", "revenue", "50,000", "--per", "quarter")
    assert _goals() == [("calls", 25.0, "week"), ("revenue_won", 50000.0, "quarter")]
    listed = json.loads(run("goal", "list", "--json").stdout)
    assert [(g["metric"], g["period"], g["start"], g["actual"]) for g in listed] == [
        ("calls", "week", "2026-03-09", 0.0),
        ("revenue_won", "quarter", "2026-01-01", 0.0),
    ]
    assert "Calls" in run("goal", "list").stdout
    assert run("goal", "remove", "calls", "--per", "week").exit_code == 0
    assert _goals() == [("revenue_won", 50000.0, "quarter")]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("set", "calls", "-5", "--per", "week"), "the target must be a number above zero"),
        (("set", "calls", "0", "--per", "week"), "the target must be a number above zero"),
        (("set", "calls", "lots", "--per", "week"), "is not a number"),
        (("set", "bananas", "5", "--per", "week"), "unknown metric 'bananas'"),
        (("set", "calls", "5", "--per", "year"), "unknown period 'year'"),
        (("remove", "calls", "--per", "day"), "there is no daily goal for calls"),
    ],
)
def test_bad_goals_exit_2_and_write_nothing(args: tuple[str, ...], message: str) -> None:
    result = run("goal", *args)
    assert result.exit_code == 2 and message in result.stderr
    assert _goals() == []


def test_goal_list_with_no_goals_says_how_to_set_one() -> None:
    result = run("goal", "list")
    assert result.exit_code == 0 and "goal set calls" in result.stderr


def _hand_built_store() -> None:
    build(open_store())
    run("goal", "set", "calls", "10", "--per", "week")


def test_report_json_matches_its_schema_and_the_known_numbers() -> None:
    _hand_built_store()
    result = run("report", "--period", PERIOD, "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    jsonschema.Draft7Validator.check_schema(REPORT_SCHEMA)
    jsonschema.validate(data, REPORT_SCHEMA)
    assert data["schema_version"] == 1
    assert data["metrics"]["calls"] == 12 and data["funnel"]["win_rate"] == 0.5
    assert data["goals"][0]["actual"] == 12 and data["goals"][0]["met"] is True


@pytest.mark.parametrize("period", ["week", "month", "quarter", "day", "2026-01-01..today"])
def test_every_period_gives_valid_json(period: str) -> None:
    _hand_built_store()
    data = json.loads(run("report", "--period", period, "--json").stdout)
    jsonschema.validate(data, REPORT_SCHEMA)


def test_an_empty_store_reports_zeros() -> None:
    data = json.loads(run("report", "--json").stdout)
    jsonschema.validate(data, REPORT_SCHEMA)
    assert data["period"] == {
        "label": "week",
        "start": "2026-03-09",
        "end": "2026-03-15",
        "today": "2026-03-11",
    }
    assert data["activity"]["interactions"] == 0 and data["funnel"]["win_rate"] is None


def test_report_tables_and_markdown() -> None:
    _hand_built_store()
    text = run("report", "--period", PERIOD).stdout
    for heading in (
        "Interactions logged by step and channel",
        "Funnel (6 active leads)",
        "First-contact SLA",
        "Objections",
        "Training",
        "Goals",
    ):
        assert heading in text
    assert "win rate 50%" in text and "█" in text
    markdown = run("report", "--period", PERIOD, "--markdown").stdout
    assert markdown.startswith("# Sales report 2026-03-02..2026-03-08")
    assert "| 7. Follow-up | 1 | 25% |" in markdown
    assert "compliance 33%; median wait 38.0 h" in markdown


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--period", "2026-03-10..2026-03-01"), "before it starts"),
        (("--period", "fortnight"), "cannot read 'fortnight' as a period"),
        (("--json", "--markdown"), "choose one of --json and --markdown"),
    ],
)
def test_bad_report_requests_exit_2(args: tuple[str, ...], message: str) -> None:
    result = run("report", *args)
    assert result.exit_code == 2 and message in result.stderr


def test_the_schema_is_printed_for_scripts() -> None:
    schema = json.loads(run("report", "--schema").stdout)
    assert schema["properties"]["schema_version"]["const"] == 1
    assert schema == json_schema("report")  # the published one
