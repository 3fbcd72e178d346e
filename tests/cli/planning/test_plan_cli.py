"""`salescoach plan`: text, markdown and the versioned JSON, exit codes for scripts."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import jsonschema
import pytest

from salescoach.core.published import json_schema
from tests.support.cli import run
from tests.support.plan import lead, store, task, touch, use_planning_playbook
from tests.support.today import TODAY

PLAN_SCHEMA = json_schema("plan", strict=True)  # closed: a key the type lacks fails


@pytest.fixture
def day(monkeypatch: pytest.MonkeyPatch) -> None:
    """A morning's worth: a broken SLA, an overdue e-mail, a call today, a stale deal, a goal."""
    use_planning_playbook(monkeypatch)
    conn = store()
    ada = lead(
        conn, "Ada *Star*", company="ACME | Ltd", temperature="qualified", sla_due=date(2026, 3, 9)
    )
    cal = lead(conn, "Cal", step="presentation", created=date(2026, 2, 1))
    touch(conn, cal, date(2026, 2, 20))
    task(conn, ada, "Send the [recap]", TODAY - timedelta(days=1), channel="email")
    task(conn, cal, "Call about the proposal", TODAY, channel="call")
    conn.execute(
        "INSERT INTO goals (metric, target, period, created_at) VALUES ('calls', 10, 'week', ?)",
        ("2026-03-01T09:00:00+00:00",),
    )


def plan_json(*args: str) -> dict[str, Any]:
    result = run("plan", "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_json_validates_against_the_documented_schema(day: None) -> None:
    data = plan_json()
    jsonschema.Draft7Validator.check_schema(PLAN_SCHEMA)
    jsonschema.validate(data, PLAN_SCHEMA)
    assert data["version"] == 1 and data["date"] == "2026-03-11"
    assert data["counts"] == {
        "overdue": 1,
        "due_today": 1,
        "sla_broken": 1,
        "sla_due_today": 0,
        "stale": 1,
        "calls_today": 1,
    }
    assert [t["title"] for t in data["tasks"]["items"]] == [
        "Send the [recap]",
        "Call about the proposal",
    ]
    assert data["sla"]["items"][0]["state"] == "broken"
    assert data["sla"]["items"][0]["days_late"] == 2
    assert data["calls"]["items"][0]["prep"] == "salescoach prep 2"
    assert data["stale"]["items"][0]["idle_days"] == 19
    assert data["goals"] == [
        {
            "metric": "calls",
            "period": "week",
            "target": 10.0,
            "actual": 0.0,
            "percent": 0,
            "set_by_manager": False,
        }
    ]


def test_an_empty_store_validates_too_and_exits_0() -> None:
    data = plan_json("--fail-on", "overdue", "--fail-on", "sla")
    jsonschema.validate(data, PLAN_SCHEMA)
    assert data["tasks"] == {"items": [], "more": 0} and data["goals"] == []


def test_the_schema_rejects_a_plan_missing_a_section(day: None) -> None:
    data = plan_json()
    del data["stale"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, PLAN_SCHEMA)


def test_text_shows_the_broken_sla_first_and_every_section(day: None) -> None:
    result = run("plan")
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("Plan for Wednesday 11 March 2026")
    order = [
        out.index(s) for s in ("SLA broken:", "Follow-ups", "Calls today", "Stale deals", "Goals")
    ]
    assert order == sorted(order)
    assert "Send the [recap]" in out  # shown as written, not taken as markup
    assert "salescoach prep 2" in out
    assert "Calls this week" in out and "0/10" in out


def test_markdown_escapes_what_people_typed(day: None) -> None:
    result = run("plan", "--format", "markdown")
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("# Plan for Wednesday 11 March 2026\n")
    assert "**BROKEN, 2 days late**: Ada \\*Star\\* (ACME \\| Ltd)" in out
    assert "1. **Send the \\[recap\\]** (email)" in out
    assert "Before the call: `salescoach prep 2`" in out
    assert "## Stale deals" in out and "## Goals" in out


def test_empty_plan_says_so() -> None:
    result = run("plan")
    assert result.exit_code == 0
    assert "Nothing due" in result.stdout
    assert "Nothing due today." in run("plan", "-f", "markdown").stdout


@pytest.mark.parametrize(
    ("flags", "code", "alert"),
    [
        ([], 0, None),
        (["--fail-on", "overdue"], 1, "1 overdue follow-up"),
        (["--fail-on", "sla"], 1, "1 broken first-contact SLA"),
        (["--fail-on", "sla", "--date", "2026-03-01"], 0, None),
    ],
)
def test_fail_on_turns_work_into_exit_1(
    day: None, flags: list[str], code: int, alert: str | None
) -> None:
    result = run("plan", "--format", "json", *flags)
    assert result.exit_code == code
    json.loads(result.stdout)  # the plan is still printed in full
    if alert:
        assert f"salescoach: alert: {alert}" in result.stderr


def test_date_plans_another_day(day: None) -> None:
    data = plan_json("--date", "tomorrow")
    assert data["date"] == "2026-03-12"
    assert data["counts"]["overdue"] == 2 and data["calls"]["items"] == []


def test_limit_cuts_sections_and_reports_the_rest(day: None) -> None:
    data = plan_json("--limit", "1")
    assert len(data["tasks"]["items"]) == 1 and data["tasks"]["more"] == 1
    assert "… and 1 more" in run("plan", "--limit", "1").stdout


def test_a_missing_playbook_warns_on_stderr_but_plans(day: None) -> None:
    lead(
        store(),
        "Zed",
        playbook="gone-away",
        step="closing",
        first_contact_at="2026-01-01",
        created=date(2026, 1, 1),
    )
    result = run("plan", "--format", "json")
    assert result.exit_code == 0
    assert "warning: playbook 'gone-away' not found" in result.stderr
    assert "Zed" in [s["lead"]["name"] for s in json.loads(result.stdout)["stale"]["items"]]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "html"], "unknown format 'html'"),
        (["--fail-on", "stale"], "unknown --fail-on 'stale'"),
        (["--date", "31st of Februrary"], "cannot read '31st of Februrary'"),
    ],
)
def test_bad_options_exit_2(args: list[str], message: str) -> None:
    result = run("plan", *args)
    assert result.exit_code == 2 and message in result.stderr
