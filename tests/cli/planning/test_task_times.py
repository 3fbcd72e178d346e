"""Tasks with a time of day (`--due "friday 14:30"`), and the calendar entries they make:
events with a real start and duration and a reminder, read back with icalendar."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import icalendar
import pytest

from tests.support.cli import run
from tests.support.leads import add, rows, use_test_playbooks


@pytest.fixture(autouse=True)
def _playbooks(monkeypatch: pytest.MonkeyPatch) -> None:
    use_test_playbooks(monkeypatch)


def _local_utc(day: date, at: time) -> datetime:
    return datetime.combine(day, at).astimezone().astimezone(UTC)


def _tasks(home: Path) -> None:
    add("Ada", "--company", "ACME")
    for args in (
        ["Ada", "Call Ada", "--due", "friday 14:30", "--channel", "call"],
        ["Ada", "Demo", "--due", "2026-03-16 10:00", "--channel", "meeting"],
        ["Ada", "Send the deck", "--due", "friday", "--channel", "email"],
    ):
        assert run("tasks", "add", *args).exit_code == 0, args


def test_tasks_keep_their_time_through_add_edit_and_snooze(salescoach_home: Path) -> None:
    _tasks(salescoach_home)
    listed = json.loads(run("tasks", "--json").stdout)
    assert sorted((t["title"], t["due"], t["due_time"]) for t in listed) == [
        ("Call Ada", "2026-03-13", "14:30"),
        ("Demo", "2026-03-16", "10:00"),
        ("Send the deck", "2026-03-13", None),
    ]
    snoozed = run("tasks", "snooze", "1", "--until", "monday")
    assert snoozed.exit_code == 0 and "until 2026-03-16 14:30" in snoozed.stderr
    assert run("tasks", "snooze", "1", "--until", "tuesday 08:15").exit_code == 0
    assert rows(salescoach_home, "SELECT due, due_time FROM tasks WHERE id = 1") == [
        {"due": "2026-03-17", "due_time": "08:15"}
    ]
    assert run("tasks", "edit", "1", "--due", "friday").exit_code == 0  # any time on Friday
    assert rows(salescoach_home, "SELECT due, due_time FROM tasks WHERE id = 1") == [
        {"due": "2026-03-13", "due_time": None}
    ]
    assert "14:30" not in run("tasks").stdout
    assert "10:00" in run("tasks").stdout


def test_ics_events_have_a_start_a_duration_and_an_alarm(
    salescoach_home: Path, tmp_path: Path
) -> None:
    _tasks(salescoach_home)
    out = tmp_path / "tasks.ics"
    assert run("tasks", "export", "--format", "ics", "--as-events", "-o", str(out)).exit_code == 0
    calendar = icalendar.Calendar.from_ical(out.read_bytes())
    events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    call, demo, deck = (
        events["Ada (ACME): Call Ada"],
        events["Ada (ACME): Demo"],
        events["Ada (ACME): Send the deck"],
    )
    start = call.decoded("DTSTART")
    assert start == _local_utc(date(2026, 3, 13), time(14, 30))
    assert call.decoded("DTEND") - start == timedelta(minutes=15)  # a call
    assert demo.decoded("DTEND") - demo.decoded("DTSTART") == timedelta(minutes=60)  # a meeting
    [alarm] = call.walk("VALARM")
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert alarm.decoded("TRIGGER") == timedelta(minutes=-10)
    # A task due on a day stays an all-day event, with no alarm.
    assert deck.decoded("DTSTART") == date(2026, 3, 13) and deck.walk("VALARM") == []
    custom = tmp_path / "custom.ics"
    args = ["--as-events", "--alarm", "30", "--duration", "45", "-o", str(custom)]
    assert run("tasks", "export", "--format", "ics", *args).exit_code == 0
    event = next(
        e for e in icalendar.Calendar.from_ical(custom.read_bytes()).walk("VEVENT")
        if "Call Ada" in str(e["SUMMARY"])
    )  # fmt: skip
    assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(minutes=45)
    assert event.walk("VALARM")[0].decoded("TRIGGER") == timedelta(minutes=-30)
    silent = tmp_path / "silent.ics"
    args = ["--as-events", "--alarm", "0", "-o", str(silent)]
    assert run("tasks", "export", "--format", "ics", *args).exit_code == 0
    assert icalendar.Calendar.from_ical(silent.read_bytes()).walk("VALARM") == []


def test_ics_todos_are_due_at_the_time_with_an_alarm(salescoach_home: Path, tmp_path: Path) -> None:
    _tasks(salescoach_home)
    out = tmp_path / "todo.ics"
    assert run("tasks", "export", "--format", "ics", "-o", str(out)).exit_code == 0
    todos = {
        str(t["SUMMARY"]): t for t in icalendar.Calendar.from_ical(out.read_bytes()).walk("VTODO")
    }
    call = todos["Ada (ACME): Call Ada"]
    assert call.decoded("DUE") == _local_utc(date(2026, 3, 13), time(14, 30))
    [alarm] = call.walk("VALARM")
    assert alarm["TRIGGER"].params["RELATED"] == "END"  # before DUE
    assert alarm.decoded("TRIGGER") == timedelta(minutes=-10)
    assert todos["Ada (ACME): Send the deck"].decoded("DUE") == date(2026, 3, 13)


def test_taskwarrior_is_due_at_the_time(salescoach_home: Path) -> None:
    _tasks(salescoach_home)
    items = json.loads(run("tasks", "export", "--format", "taskwarrior").stdout)
    due = {i["description"]: i["due"] for i in items}
    expected = _local_utc(date(2026, 3, 13), time(14, 30)).strftime("%Y%m%dT%H%M%SZ")
    assert due["Ada (ACME): Call Ada"] == expected


def test_a_bad_time_changes_nothing(salescoach_home: Path) -> None:
    add("Ada")
    result = run("tasks", "add", "Ada", "Call", "--due", "friday 14:75")
    assert result.exit_code == 2 and "cannot read 'friday 14:75' as a date" in result.stderr
    assert rows(salescoach_home, "SELECT count(*) AS n FROM tasks") == [{"n": 0}]
