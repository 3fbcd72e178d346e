"""`log`, `history` and the privacy switch `logs on|off|status`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.cli import run
from tests.support.leads import add, count, rows, use_test_playbooks


@pytest.fixture(autouse=True)
def _playbooks(monkeypatch: pytest.MonkeyPatch) -> None:
    use_test_playbooks(monkeypatch)


def test_log_records_every_field_and_stamps_the_lead(salescoach_home: Path) -> None:
    add("Ada", "--company", "ACME")
    result = run(
        "log", "ACME", "--step", "approach", "--channel", "call", "--outcome", "demo booked",
        "--note", "liked the pricing page", "--duration", "25", "--at", "yesterday 14:30",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "1\n"
    [row] = rows(salescoach_home, "SELECT * FROM interactions")
    assert row["at"].startswith("2026-03-10T14:30:00")
    assert (row["kind"], row["step"], row["channel"]) == ("outcome", "approach", "call")
    assert (row["result"], row["text"], row["duration_minutes"]) == (
        "demo booked",
        "liked the pricing page",
        25,
    )
    [lead] = rows(salescoach_home, "SELECT first_contact_at, last_interaction_at FROM leads")
    assert lead["first_contact_at"] == row["at"] == lead["last_interaction_at"]


def test_note_to_self_is_not_a_first_contact(salescoach_home: Path) -> None:
    add("Ada")
    assert run("log", "Ada", "--note", "read their annual report").exit_code == 0
    [row] = rows(salescoach_home, "SELECT kind, step, channel FROM interactions")
    assert row == {"kind": "note", "step": "prospecting", "channel": None}
    [lead] = rows(salescoach_home, "SELECT first_contact_at FROM leads")
    assert lead["first_contact_at"] is None


def test_log_an_objection_and_how_it_went(salescoach_home: Path) -> None:
    add("Ada")
    result = run("log", "Ada", "-c", "call", "--objection", "price", "--result", "partly", "--json")
    assert result.exit_code == 0
    logged = json.loads(result.stdout)
    assert (logged["kind"], logged["objection"], logged["result"]) == (
        "objection",
        "price",
        "partly",
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["Ada"], "nothing to log"),
        (["Ada", "--channel", "fax"], "unknown channel 'fax'"),
        (["Ada", "--note", "x", "--at", "tomorrow"], "is in the future"),
        (["Ada", "--note", "x", "--at", "25:00"], "cannot read"),
        (["Ada", "--note", "x", "--step", "ninth"], "unknown step"),
        (["Ada", "--result", "partly", "--note", "x"], "--result goes with --objection"),
        (["Ada", "--objection", "price", "--result", "great"], "unknown result"),
        (["Ada", "--note", "bell\x07"], "control character"),
        (["Nobody", "--note", "x"], "no lead matches"),
        (["Ad", "--note", "x"], "matches several leads"),
    ],
)
def test_bad_log_input_writes_nothing(salescoach_home: Path, args: list[str], message: str) -> None:
    add("Ada")
    add("Adam")
    result = run("log", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert count(salescoach_home, "interactions") == 0


def test_history_of_one_lead_and_of_everyone() -> None:
    add("Ada", "--company", "ACME")
    add("Bob", "--company", "Bolt")
    run("log", "ACME", "-c", "call", "-m", "first call", "--at", "2026-03-02 10:00")
    run("log", "Bolt", "-c", "email", "-m", "intro mail", "--at", "2026-03-05 09:00")
    run("log", "ACME", "-c", "meeting", "-m", "demo", "--step", "presentation", "--at", "-1d")
    one = run("history", "ACME")
    assert one.exit_code == 0
    assert one.stdout.splitlines()[0].startswith("2026-03-02 10:00  note by call at prospecting")
    assert "intro mail" not in one.stdout
    everyone = run("history").stdout.splitlines()
    assert [line.split(": ")[0][18:] for line in everyone] == [
        "Ada (ACME)",
        "Bob (Bolt)",
        "Ada (ACME)",
    ]
    since = json.loads(run("history", "--since", "2026-03-05", "--json").stdout)
    assert [i["text"] for i in since] == ["intro mail", "demo"]
    by_step = json.loads(run("history", "--step", "presentation", "--json").stdout)
    assert [(i["text"], i["lead_label"]) for i in by_step] == [("demo", "Ada (ACME)")]
    newest = run("history", "--limit", "1")
    assert "demo" in newest.stdout and "first call" not in newest.stdout
    assert "showing the newest 1" in newest.stderr


def test_history_bad_dates_and_empty_log() -> None:
    assert "cannot read 'soon'" in run("history", "--since", "soon").stderr
    empty = run("history")
    assert empty.exit_code == 0 and "nothing logged yet" in empty.stderr


def test_logs_off_stops_the_log_until_on(salescoach_home: Path) -> None:
    add("Ada")
    assert run("logs", "status").stdout == "on\n"
    assert run("logs", "off").exit_code == 0
    status = json.loads(run("logs", "status", "--json").stdout)
    assert status == {"schema": "logs-status", "version": 1, "logging": False}
    muted = run("log", "Ada", "-c", "call", "-m", "sensitive")
    assert muted.exit_code == 0 and "logging is off" in muted.stderr
    assert run("lead", "stage", "Ada", "approach").exit_code == 0
    assert count(salescoach_home, "interactions") == 0
    assert rows(salescoach_home, "SELECT step FROM leads")[0]["step"] == "approach"
    assert run("logs", "on").exit_code == 0
    assert run("log", "Ada", "-c", "call", "-m", "back").exit_code == 0
    assert count(salescoach_home, "interactions") == 1


def test_no_log_checks_input_and_writes_nothing(salescoach_home: Path) -> None:
    add("Ada")
    result = run("log", "Ada", "-c", "call", "--no-log")
    assert result.exit_code == 0 and "not logged (--no-log)" in result.stderr
    assert count(salescoach_home, "interactions") == 0
    assert run("log", "Ada", "-c", "fax", "--no-log").exit_code == 2


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--reply", "--channel", "email", "--note", "thanks"], "logged the lead's reply (email)"),
        (["--channel", "call", "--outcome", "demo booked"], "logged outcome 'demo booked' (call)"),
        (
            ["--channel", "meeting", "--objection", "price", "--result", "partly"],
            "logged objection price, partly (meeting)",
        ),
        (["--channel", "sms"], "logged sms"),
        (["--note", "read their report"], "logged note to self"),
    ],
)
def test_log_says_what_it_logged(args: list[str], said: str) -> None:
    add("Ada", "--company", "ACME")
    result = run("log", "ACME", *args)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith(f"{said} for lead 1 Ada (ACME) at ")
