"""`tasks export`: iCalendar read back by icalendar, taskwarrior JSON, CSV made safe."""

from __future__ import annotations

import csv
import io
import json
import stat
from datetime import date, datetime, timedelta
from pathlib import Path

import icalendar
import pytest

from salescoach import clock
from tests.support.cli import run
from tests.support.plan import lead, store, task
from tests.support.today import TODAY


@pytest.fixture
def tasks() -> dict[int, tuple[str, date]]:
    """Task id -> (summary, due), with text that needs escaping and folding."""
    conn = store()
    ada = lead(conn, "Ada Lovelace", company='ACME, Inc; "Analytical"')
    bob = lead(conn, "Björn Ångström")
    long_title = "Follow up on the proposal, the pricing; and the \\ contract " * 3
    made = {
        task(conn, ada, "Send the recap", TODAY, channel="email"): "Send the recap",
        task(conn, bob, long_title.strip(), TODAY + timedelta(days=4)): long_title.strip(),
        task(conn, bob, "Ring\nback", TODAY + timedelta(days=1), channel=None): "Ring\nback",
    }
    rows = conn.execute("SELECT id, due FROM tasks ORDER BY id").fetchall()
    labels = {1: 'Ada Lovelace (ACME, Inc; "Analytical")', 2: "Björn Ångström", 3: "Björn Ångström"}
    lead_of = {
        r[0]: conn.execute("SELECT lead_id FROM tasks WHERE id = ?", (r[0],)).fetchone()[0]
        for r in rows
    }
    return {
        r[0]: (f"{labels[lead_of[r[0]]]}: {made[r[0]]}", date.fromisoformat(r[1])) for r in rows
    }


def export(*args: str) -> str:
    result = run("tasks", "export", *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout_bytes.decode("utf-8")  # .stdout would turn CRLF into LF


def test_ics_todos_carry_uid_dtstamp_summary_and_due(tasks: dict[int, tuple[str, date]]) -> None:
    text = export("--format", "ics")
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")
    cal = icalendar.Calendar.from_ical(text)
    assert str(cal["VERSION"]) == "2.0" and "salescoach" in str(cal["PRODID"])
    todos = {str(t["UID"]): t for t in cal.walk("VTODO")}
    assert set(todos) == {f"task-{i}@salescoach" for i in tasks}
    for task_id, (summary, due) in tasks.items():
        todo = todos[f"task-{task_id}@salescoach"]
        assert str(todo["SUMMARY"]) == summary
        assert todo["DUE"].dt == due and not isinstance(todo["DUE"].dt, datetime)
        stamp = todo["DTSTAMP"].dt
        assert stamp.tzinfo is not None and stamp.utcoffset() == timedelta(0)
        assert abs(stamp - clock.now()) < timedelta(minutes=5)  # today fixed, the time real
        assert str(todo["STATUS"]) == "NEEDS-ACTION"


def test_ics_events_are_all_day_on_the_due_date(tasks: dict[int, tuple[str, date]]) -> None:
    cal = icalendar.Calendar.from_ical(export("--format", "ics", "--as-events"))
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    assert not cal.walk("VTODO")
    for task_id, (summary, due) in tasks.items():
        event = events[f"task-{task_id}@salescoach"]
        assert str(event["SUMMARY"]) == summary
        assert event["DTSTART"].dt == due and event["DTEND"].dt == due + timedelta(days=1)
        assert "DTSTAMP" in event


def test_uids_are_stable_and_closed_tasks_say_so(tasks: dict[int, tuple[str, date]]) -> None:
    first = icalendar.Calendar.from_ical(export("--format", "ics"))
    assert run("tasks", "done", "1").exit_code == 0
    assert run("tasks", "drop", "2", "--reason", "no budget").exit_code == 0
    again = icalendar.Calendar.from_ical(export("--format", "ics", "--status", "all"))
    status = {str(t["UID"]): str(t["STATUS"]) for t in again.walk("VTODO")}
    assert set(status) == {str(t["UID"]) for t in first.walk("VTODO")}
    assert status == {
        "task-1@salescoach": "COMPLETED",
        "task-2@salescoach": "CANCELLED",
        "task-3@salescoach": "NEEDS-ACTION",
    }


def test_output_file_is_private(tasks: dict[int, tuple[str, date]], tmp_path: Path) -> None:
    target = tmp_path / "tasks.ics"
    result = run("tasks", "export", "--output", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    assert "wrote 3 tasks" in result.stderr
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_bytes().count(b"\r\n") == target.read_bytes().count(b"\n")
    assert run("tasks", "export", "-o", str(tmp_path / "no" / "x.ics")).exit_code == 2


def test_taskwarrior_json_shape(tasks: dict[int, tuple[str, date]]) -> None:
    items = json.loads(export("--format", "taskwarrior"))
    by_description = {i["description"]: i for i in items}
    assert set(by_description) == {summary for summary, _ in tasks.values()}
    assert len({i["uuid"] for i in items}) == 3
    assert items == json.loads(export("--format", "taskwarrior"))  # same uuids every time
    for item in items:
        assert item["status"] == "pending" and item["project"] == "salescoach"
        assert item["due"].endswith("Z") and len(item["due"]) == 16
    assert by_description[tasks[1][0]]["tags"] == ["email"]
    assert by_description[tasks[3][0]]["tags"] == []


def test_csv_neutralises_formulas() -> None:
    conn = store()
    evil = lead(conn, '=HYPERLINK("http://x")', company="@SUM(A1)")
    task(conn, evil, "+1 555 call", TODAY, channel="call")
    task(conn, evil, "-2 discount", TODAY)
    rows = list(csv.DictReader(io.StringIO(export("--format", "csv"))))
    assert rows[0]["lead"] == '\'=HYPERLINK("http://x") (@SUM(A1))'
    assert [r["title"] for r in rows] == ["'+1 555 call", "'-2 discount"]
    assert rows[0]["due"] == "2026-03-11" and rows[0]["id"] == "1"
