"""`export activities --for CRM`: what was logged here, as each CRM's activity import takes
it, re-read and checked column by column against the vendor's import template; each
activity exported once."""

from __future__ import annotations

import csv
import io
import re
import stat
import time
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

from salescoach.core.kernel.csvsafe import FORMULA_STARTS
from tests.support.cli import run
from tests.support.leads import use_test_playbooks
from tests.support.paths import FIXTURES

SALESFORCE_TASK = [
    "Subject", "ActivityDate", "Status", "Priority", "Description", "WhoId", "Email",
    "TaskSubtype", "Type", "CallDurationInSeconds",
]  # fmt: skip
HUBSPOT_CONTACT = ["Email", "Contact Record ID"]
HUBSPOT = {
    "call": ["hs_timestamp", "hs_call_title", "hs_call_body", "hs_call_direction",
             "hs_call_status", "hs_call_duration", *HUBSPOT_CONTACT],
    "email": ["hs_timestamp", "hs_email_direction", "hs_email_status", "hs_email_subject",
              "hs_email_text", *HUBSPOT_CONTACT],
    "meeting": ["hs_timestamp", "hs_meeting_title", "hs_meeting_body", "hs_meeting_start_time",
                "hs_meeting_end_time", "hs_meeting_outcome", *HUBSPOT_CONTACT],
    "note": ["hs_timestamp", "hs_note_body", *HUBSPOT_CONTACT],
    "task": ["hs_timestamp", "hs_task_subject", "hs_task_body", "hs_task_status",
             "hs_task_priority", "hs_task_type", *HUBSPOT_CONTACT],
}  # fmt: skip
PIPEDRIVE = [
    "Activity - Subject", "Activity - Type", "Activity - Due date", "Activity - Due time",
    "Activity - Duration", "Activity - Done", "Activity - Note", "Note - Content",
    "Person - Name", "Person - Email", "Organization - Name",
]  # fmt: skip
SF_ID = re.compile(r"^[A-Za-z0-9]{18}$")
UTC_STAMP = "%Y-%m-%dT%H:%M:%SZ"


@pytest.fixture(autouse=True)
def _playbooks(monkeypatch: pytest.MonkeyPatch) -> None:
    use_test_playbooks(monkeypatch)


@pytest.fixture
def logged(salescoach_home: Path) -> None:
    """Two Salesforce leads and one added by hand, with a call, an e-mail, a meeting with an
    objection, a note to self, a done task and an open one."""
    assert run("lead", "import", str(FIXTURES / "crm" / "salesforce_report.csv"),
               "-p", "minimal", "--no-log").exit_code == 0  # fmt: skip
    assert (
        run("lead", "add", "Zed Hand", "--email", "zed@hand.example", "-p", "minimal").exit_code
        == 0
    )
    for args in (
        ["Ada", "--channel", "call", "--outcome", "demo booked", "--note", "=2+2 seats",
         "--duration", "25", "--at", "yesterday 14:30"],
        ["Bob", "--channel", "email", "--note", "sent the pricing sheet"],
        ["Bob", "--channel", "meeting", "--objection", "price", "--result", "partly",
         "--duration", "45"],
        ["Zed", "--note", "read their annual report"],
    ):  # fmt: skip
        assert run("log", *args).exit_code == 0, args
    assert run("tasks", "add", "Ada", "Send the case study", "--due", "friday",
               "--channel", "email", "--priority", "high").exit_code == 0  # fmt: skip
    assert run("tasks", "add", "Zed", "Call Zed", "--due", "tomorrow").exit_code == 0
    assert run("tasks", "done", "2", "--note", "no answer").exit_code == 0


def _export(*args: str) -> list[dict[str, str]]:
    result = run("export", "activities", *args)
    assert result.exit_code == 0, result.stderr
    return list(csv.DictReader(io.StringIO(result.stdout, newline="")))


def _header(*args: str) -> list[str]:
    return next(csv.reader(io.StringIO(run("export", "activities", *args).stdout)))


def _no_formulas(rows: list[dict[str, str]]) -> None:
    for row in rows:
        for value in row.values():
            assert not value.startswith(FORMULA_STARTS), value


@pytest.mark.usefixtures("logged")
def test_salesforce_task_import_file() -> None:
    header = _header("--for", "salesforce", "--again")
    assert header == SALESFORCE_TASK
    rows = _export("--for", "salesforce")
    assert len(rows) == 6  # call, e-mail, meeting, note, the done task, the open task
    _no_formulas(rows)
    for row in rows:
        date.fromisoformat(row["ActivityDate"])
        assert row["Status"] in ("Completed", "Not Started")
        assert row["Priority"] in ("High", "Normal", "Low")
        assert row["TaskSubtype"] in ("Task", "Email", "Call")
        assert row["Type"] in ("Call", "Email", "Meeting", "Other")
        assert row["WhoId"] == "" or SF_ID.match(row["WhoId"])
        assert len(row["Subject"]) <= 255
    call, email, meeting, note, done, todo = rows
    assert call["Subject"] == "Call: =2+2 seats"
    assert (call["TaskSubtype"], call["Type"], call["CallDurationInSeconds"]) == (
        "Call",
        "Call",
        "1500",
    )
    assert call["WhoId"] == "00Q5g00000AbCdEEAV" and call["Email"] == "ada@acme.example"
    assert call["ActivityDate"] == "2026-03-10" and "Result: demo booked" in call["Description"]
    assert call["Description"].startswith("'=2+2 seats")  # formula-safe
    assert (email["TaskSubtype"], email["Type"]) == ("Email", "Email")
    assert meeting["Subject"] == "Meeting: objection price (partly)"
    assert note["WhoId"] == "" and note["Email"] == "zed@hand.example"
    assert done["Subject"] == "Call Zed: no answer" and done["Status"] == "Completed"
    assert (todo["Subject"], todo["Status"], todo["Priority"]) == (
        "Send the case study", "Not Started", "High"
    )  # fmt: skip
    assert todo["ActivityDate"] == "2026-03-13"


@pytest.mark.usefixtures("logged")
def test_a_second_export_repeats_nothing_and_since_passes_over_the_past() -> None:
    assert len(_export("--for", "salesforce")) == 6
    assert _export("--for", "salesforce") == []
    assert run("log", "Ada", "--channel", "call", "--note", "follow-up call").exit_code == 0
    # logged now, but about the day before yesterday: a later id, an earlier time
    assert (
        run("log", "Bob", "--channel", "call", "--note", "late entry", "--at", "-2d").exit_code == 0
    )
    assert [r["Description"].splitlines()[0] for r in _export("--for", "salesforce")] == [
        "follow-up call", "late entry"
    ]  # fmt: skip
    assert _export("--for", "salesforce") == []
    assert run("log", "Bob", "--channel", "call", "--note", "older", "--at", "-3d").exit_code == 0
    assert run("log", "Bob", "--channel", "call", "--note", "today").exit_code == 0
    rows = _export("--for", "salesforce", "--since", "today")
    assert [r["Description"].splitlines()[0] for r in rows] == ["today"]
    assert _export("--for", "salesforce") == []  # "older" was passed over for good
    # Each CRM has its own record of what it was given; --again gives everything again.
    assert len(_export("--for", "pipedrive")) == 10
    assert len(_export("--for", "salesforce", "--again")) == 10


@pytest.mark.usefixtures("logged")
def test_hubspot_files_one_activity_type_each() -> None:
    refused = run("export", "activities", "--for", "hubspot")
    assert refused.exit_code == 2
    assert "to export: 1 call, 1 email, 1 meeting, 1 note, 2 tasks" in refused.stderr
    seen = 0
    for kind, columns in HUBSPOT.items():
        assert _header("--for", "hubspot", "--type", kind, "--again") == columns
        rows = _export("--for", "hubspot", "--type", kind)
        _no_formulas(rows)
        seen += len(rows)
        for row in rows:
            datetime.strptime(row["hs_timestamp"], UTC_STAMP)
            assert row["Email"].endswith(".example")
        if kind == "call":
            [call] = rows
            assert (call["hs_call_direction"], call["hs_call_status"]) == ("OUTBOUND", "COMPLETED")
            assert call["hs_call_duration"] == str(25 * 60 * 1000)
        if kind == "meeting":
            [meeting] = rows
            start = datetime.strptime(meeting["hs_meeting_start_time"], UTC_STAMP)
            end = datetime.strptime(meeting["hs_meeting_end_time"], UTC_STAMP)
            assert (end - start).total_seconds() == 45 * 60
        if kind == "task":
            assert sorted(r["hs_task_status"] for r in rows) == ["COMPLETED", "NOT_STARTED"]
            assert {r["hs_task_priority"] for r in rows} <= {"LOW", "MEDIUM", "HIGH"}
    assert seen == 6
    assert all(_export("--for", "hubspot", "--type", kind) == [] for kind in HUBSPOT)


@pytest.mark.usefixtures("logged")
def test_pipedrive_activities_import_file() -> None:
    assert _header("--for", "pipedrive", "--again") == PIPEDRIVE
    rows = _export("--for", "pipedrive")
    _no_formulas(rows)
    activities = [r for r in rows if r["Activity - Type"]]
    notes = [r for r in rows if r["Note - Content"]]
    assert len(activities) + len(notes) == len(rows) == 6
    for row in activities:
        assert row["Activity - Type"] in ("call", "meeting", "task", "email")
        date.fromisoformat(row["Activity - Due date"])
        assert re.match(r"^\d\d:\d\d$", row["Activity - Due time"])
        assert row["Activity - Done"] in ("Done", "To do")
        assert row["Note - Content"] == ""
    call = next(r for r in activities if r["Activity - Type"] == "call")
    assert (call["Activity - Due time"], call["Activity - Duration"]) == ("14:30", "00:25")
    assert all(r["Activity - Subject"] == "" and r["Person - Name"] for r in notes)


@pytest.mark.usefixtures("logged")
def test_an_export_to_a_file_records_only_what_was_written(tmp_path: Path) -> None:
    target = tmp_path / "tasks.csv"
    done = run("export", "activities", "--for", "salesforce", "-o", str(target))
    assert done.exit_code == 0 and "exported 6 activities for Salesforce" in done.stderr
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert len(list(csv.DictReader(target.open(newline="")))) == 6
    assert run("log", "Ada", "--channel", "call", "--note", "again").exit_code == 0
    refused = run("export", "activities", "--for", "salesforce", "-o", str(target))
    assert refused.exit_code == 2 and "exists" in refused.stderr
    assert len(_export("--for", "salesforce")) == 1  # the refused export moved nothing


@pytest.fixture
def new_york(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "America/New_York")
    monkeypatch.setenv("SALESCOACH_TODAY", "2026-01-15")  # winter there: UTC-5
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.usefixtures("new_york")
def test_local_days_and_times_and_utc_stamps(salescoach_home: Path) -> None:
    assert run("lead", "add", "Ada", "--email", "ada@x.example", "-p", "minimal").exit_code == 0
    # 21:30 in New York is 02:30 the next day in UTC: the CRM's day is the rep's day.
    assert run("log", "Ada", "--channel", "call", "--note", "late call", "--duration", "10",
               "--at", "2026-01-14 21:30").exit_code == 0  # fmt: skip
    assert run("tasks", "add", "Ada", "Send terms", "--due", "2026-01-16 10:00").exit_code == 0
    [call, task] = _export("--for", "salesforce", "--again")
    assert (call["ActivityDate"], task["ActivityDate"]) == ("2026-01-14", "2026-01-16")
    [hs_call] = _export("--for", "hubspot", "--type", "call")
    assert hs_call["hs_timestamp"] == "2026-01-15T02:30:00Z"
    [hs_task] = _export("--for", "hubspot", "--type", "task")
    assert hs_task["hs_timestamp"] == "2026-01-16T15:00:00Z"
    pd_call, pd_task = _export("--for", "pipedrive")
    assert (pd_call["Activity - Due date"], pd_call["Activity - Due time"]) == (
        "2026-01-14", "21:30"
    )  # fmt: skip
    assert (pd_task["Activity - Due date"], pd_task["Activity - Due time"]) == (
        "2026-01-16", "10:00"
    )  # fmt: skip


def test_the_description_a_lead_came_with_is_not_handed_back(salescoach_home: Path) -> None:
    crm_export = FIXTURES / "crm" / "salesforce_report.csv"
    assert run("lead", "import", str(crm_export), "-p", "minimal").exit_code == 0
    assert run("lead", "show", "Ada").stdout.count("Met at the fair.") == 1  # its first note
    for vendor in ("salesforce", "pipedrive"):
        assert _export("--for", vendor) == [], vendor  # the CRM has it already
    assert run("log", "Ada", "--note", "asked about SSO").exit_code == 0
    [note] = _export("--for", "salesforce")
    assert note["Description"].startswith("asked about SSO")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "needs --for salesforce, hubspot or pipedrive"),
        (["--for", "oracle"], "(not 'oracle')"),
        (["--for", "pipedrive", "--type", "fax"], "unknown activity type 'fax'"),
        (["--for", "pipedrive", "--since", "someday"], "cannot read 'someday' as a date"),
    ],
)
def test_bad_options_export_nothing(salescoach_home: Path, args: list[str], message: str) -> None:
    result = run("export", "activities", *args)
    assert result.exit_code == 2 and message in result.stderr and result.stdout == ""


def test_an_unknown_subject_is_refused(salescoach_home: Path) -> None:
    result = run("export", "phonebook")
    assert result.exit_code == 2 and "export has no subject 'phonebook'" in result.stderr
