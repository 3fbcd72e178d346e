"""`salescoach tasks`: listing by urgency, filters, add, done, snooze, drop, edit, bad input."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from salescoach.store.interactions import lead_history
from tests.support.cli import run
from tests.support.plan import dump, lead, store, task
from tests.support.today import TODAY


@pytest.fixture
def three() -> dict[str, int]:
    """Ada: overdue e-mail; Bob: call due today; Cy: meeting next week."""
    conn = store()
    ada = lead(conn, "Ada Lovelace", company="ACME", temperature="qualified", step="closing")
    bob = lead(conn, "Bob Stone", temperature="warm")
    cy = lead(conn, "Cy Young", company="Young & Co")
    ids = {
        "ada": task(conn, ada, "Send the recap", TODAY - timedelta(days=2), channel="email"),
        "bob": task(conn, bob, "Check in", TODAY, channel="call"),
        "cy": task(conn, cy, "Demo", TODAY + timedelta(days=8), channel="meeting"),
    }
    conn.close()
    return ids


def listed(*args: str) -> list[dict[str, object]]:
    result = run("tasks", *args, "--json")
    assert result.exit_code == 0, result.stderr
    data: list[dict[str, object]] = json.loads(result.stdout)
    return data


def titles(*args: str) -> list[object]:
    return [t["title"] for t in listed(*args)]


def test_tasks_lists_open_tasks_most_urgent_first(three: dict[str, int]) -> None:
    assert titles() == ["Send the recap", "Check in", "Demo"]
    assert titles() == [t["title"] for t in json.loads(run("tasks", "list", "--json").stdout)]
    first = listed()[0]
    assert first["lead"] == {"id": 1, "name": "Ada Lovelace", "company": "ACME"}
    assert first["due"] == "2026-03-09" and first["channel"] == "email"
    assert str(first["why"]).startswith("2 days overdue")


def test_text_listing_shows_each_task(three: dict[str, int]) -> None:
    result = run("tasks")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert "Urg" in lines[0]
    assert "2 days overdue" in lines[1] and "Ada Lovelace (ACME)" in lines[1]
    assert "Young & Co" in result.stdout


def test_filters(three: dict[str, int]) -> None:
    assert titles("--due", "overdue") == ["Send the recap"]
    assert titles("--due", "today") == ["Send the recap", "Check in"]
    assert titles("--due", "week") == ["Send the recap", "Check in"]  # Demo is 8 days out
    assert titles("--due", (TODAY + timedelta(days=8)).isoformat()) == ["Demo"]
    assert titles("--due", "+8d") == ["Demo"]
    assert titles("--lead", "young") == ["Demo"]
    assert titles("--channel", "call") == ["Check in"]
    assert titles("--limit", "1") == ["Send the recap"]
    assert titles("--status", "done") == []


def test_due_week_on_a_sunday_looks_seven_days_ahead(
    three: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    conn = store()
    extra = lead(conn, "Di Prince")
    task(conn, extra, "Too far", date(2026, 3, 22))
    conn.close()
    monkeypatch.setenv("SALESCOACH_TODAY", "2026-03-15")  # a Sunday
    assert titles("--due", "week") == ["Send the recap", "Check in", "Demo"]  # Demo on the 19th


def test_explain_shows_every_term_summing_to_the_urgency(three: dict[str, int]) -> None:
    first = listed("--explain")[0]
    terms = first["terms"]
    assert isinstance(terms, list)
    assert [t["name"] for t in terms] == [
        "overdue",
        "due",
        "sla",
        "priority",
        "stage",
        "temperature",
        "age",
    ]
    assert sum(t["contribution"] for t in terms) == pytest.approx(first["urgency"], abs=0.01)
    text = run("tasks", "--explain").stdout
    assert "#1 Ada Lovelace (ACME): Send the recap" in text
    assert "deal at closing" in text and "qualified lead" in text


def test_add_prints_the_id_and_lists_the_task() -> None:
    conn = store()
    lead(conn, "Dee Dee", company="Ramones")
    result = run(
        "tasks",
        "add",
        "ramones",
        "Send the case study",
        "--due",
        "friday",
        "--channel",
        "email",
        "--priority",
        "high",
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == "1"
    assert "due 2026-03-13" in result.stderr
    (only,) = listed()
    assert (only["title"], only["due"], only["priority"]) == (
        "Send the case study",
        "2026-03-13",
        "high",
    )


def test_done_closes_the_task_and_logs_an_interaction(three: dict[str, int]) -> None:
    result = run("tasks", "done", str(three["bob"]), "--note", "left a voicemail")
    assert result.exit_code == 0, result.stderr
    assert titles() == ["Send the recap", "Demo"]
    assert titles("--status", "done") == ["Check in"]
    conn = store()
    (logged,) = lead_history(conn, 2)
    assert (logged.kind, logged.channel, logged.text) == (
        "task",
        "call",
        "Check in: left a voicemail",
    )
    assert logged.detail == {"task_id": three["bob"], "title": "Check in"}
    row = conn.execute("SELECT first_contact_at FROM leads WHERE id = 2").fetchone()
    assert row[0] is not None  # a call done counts as the first contact


def test_snooze_moves_the_due_date(three: dict[str, int]) -> None:
    result = run("tasks", "snooze", str(three["ada"]), "--until", "monday", "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["due"] == "2026-03-16"
    assert titles("--due", "overdue") == []


def test_drop_keeps_the_reason(three: dict[str, int]) -> None:
    result = run("tasks", "drop", str(three["cy"]), "--reason", "they went quiet")
    assert result.exit_code == 0, result.stderr
    (dropped,) = listed("--status", "dropped")
    assert dropped["reason"] == "they went quiet"
    assert "Demo" not in titles()


def test_edit_changes_only_what_is_given(three: dict[str, int]) -> None:
    result = run(
        "tasks", "edit", str(three["cy"]), "--title", "Live demo", "--priority", "high", "--json"
    )
    assert result.exit_code == 0, result.stderr
    edited = json.loads(result.stdout)
    assert (edited["title"], edited["priority"], edited["due"], edited["channel"]) == (
        "Live demo",
        "high",
        "2026-03-19",
        "meeting",
    )


def test_export_csv_is_reachable_from_the_tasks_group(three: dict[str, int]) -> None:
    result = run("tasks", "export", "--format", "csv")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].startswith('"id","lead_id","lead","title","due"')


BAD_INPUT = [
    (["tasks", "done", "99"], "no task with id 99"),
    (["tasks", "snooze", "99", "--until", "tomorrow"], "no task with id 99"),
    (["tasks", "drop", "99", "--reason", "x"], "no task with id 99"),
    (["tasks", "edit", "99", "--title", "x"], "no task with id 99"),
    (["tasks", "snooze", "1", "--until", "31st of Februrary"], "cannot read '31st of Februrary'"),
    (["tasks", "snooze", "1", "--until", "2026-02-31"], "cannot read '2026-02-31'"),
    (["tasks", "snooze", "1", "--until", "yesterday"], "snoozing until 2026-03-10 is in the past"),
    (["tasks", "snooze", "1", "--until", "2025-12-24"], "is in the past"),
    (["tasks", "edit", "1", "--due", "-3d"], "the due date 2026-03-08 is in the past"),
    (["tasks", "edit", "1"], "nothing to change"),
    (["tasks", "edit", "1", "--channel", "pigeon"], "unknown channel 'pigeon'"),
    (["tasks", "edit", "1", "--priority", "urgent"], "unknown priority 'urgent'"),
    (["tasks", "edit", "1", "--title", "   "], "a task needs a title"),
    (["tasks", "drop", "1", "--reason", "  "], "say why the task is dropped"),
    (["tasks", "add", "Ada", "Call", "--due", "yesterday"], "is in the past"),
    (["tasks", "add", "nobody", "Call", "--due", "today"], "no lead matches 'nobody'"),
    (["tasks", "--due", "someday"], "cannot read 'someday'"),
    (["tasks", "--status", "finished"], "unknown status 'finished'"),
    (["tasks", "export", "--format", "xls"], "unknown export format 'xls'"),
    (["tasks", "export", "--format", "csv", "--as-events"], "--as-events goes with"),
]


@pytest.mark.parametrize(("args", "message"), BAD_INPUT)
def test_bad_input_exits_2_with_a_message_and_changes_nothing(
    three: dict[str, int], args: list[str], message: str
) -> None:
    before = dump(store())
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert dump(store()) == before


@pytest.mark.parametrize(
    "args",
    [
        ["done", "1"],
        ["snooze", "1", "--until", "friday"],
        ["drop", "1", "--reason", "again"],
        ["edit", "1", "--title", "x"],
    ],
)
def test_a_dropped_task_cannot_be_changed(three: dict[str, int], args: list[str]) -> None:
    assert run("tasks", "drop", "1", "--reason", "wrong lead").exit_code == 0
    before = dump(store())
    result = run("tasks", *args)
    assert result.exit_code == 2
    assert "task 1 is dropped (wrong lead); only open tasks can be" in result.stderr
    assert dump(store()) == before


def test_done_twice_is_refused(three: dict[str, int]) -> None:
    assert run("tasks", "done", "2").exit_code == 0
    result = run("tasks", "done", "2")
    assert result.exit_code == 2 and "task 2 is done" in result.stderr
    assert len(lead_history(store(), 2)) == 1


def test_dates_come_from_salescoach_today(
    three: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SALESCOACH_TODAY", "2026-03-18")
    assert titles("--due", "overdue") == ["Send the recap", "Check in"]
    assert str(listed()[1]["why"]).startswith("7 days overdue")
    assert date.fromisoformat(str(listed()[2]["due"])) == date(2026, 3, 19)
