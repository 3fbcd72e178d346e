"""`salescoach prep`: the pre-call brief, as a screen and as JSON."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from salescoach.actions.interaction_log import InteractionLog
from salescoach.actions.interactions import log_interaction
from salescoach.core.kernel.records import Lead, NewInteraction
from salescoach.core.walk.brief import sla_status
from salescoach.store.db import open_store
from salescoach.store.leads import get_lead
from tests.support.cli import run
from tests.support.today import TODAY
from tests.support.walk import FIXTURES, FULL_ANSWERS, new_lead, write

NOW = datetime(2026, 3, 9, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def playbooks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SALESCOACH_PLAYBOOK_PATH", str(FIXTURES / "playbooks"))


def note(lead: int, text: str) -> None:
    conn = open_store()
    log_interaction(
        conn, InteractionLog(), NewInteraction(lead_id=lead, at=NOW, kind="note", text=text)
    )
    conn.close()


def walked(tmp_path: Path, until: str = "objections") -> int:
    lead = new_lead(email="ada@acme.test", sla_due="2026-03-10", temperature="warm")
    result = run("walk", "ACME", "-a", str(write(tmp_path, FULL_ANSWERS)), "--until", until)
    assert result.exit_code == 0, result.stderr
    return lead


def test_the_brief_shows_the_deal_the_next_step_and_what_to_expect(tmp_path: Path) -> None:
    lead = walked(tmp_path)
    note(lead, "They keep quotes in Excel today")
    result = run("prep", "ACME")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    for expected in [
        "Ada Lovelace · ACME",
        "warm · 6/7 Closing",
        "ada@acme.test",
        "SLA missed by 1 business day:",  # due on the 10th, first contact on the 11th
        "6/7 Closing  Ask for the commitment.",
        "How did the call end? (required)",
        "Talking pts",
        "(finance)",
        "Payback within a year.",
        "vs Acme CRM",
        "(named as a competitor)",
        "vs Spreadsheets",
        "(mentioned in notes)",
        "Count the hours lost to copy and paste.",
        "pain: Quotes take a week",
        "Price or budget ×1 (partly)",
        "Timing ×1 (resolved)",
        "note: They keep quotes in Excel today",
    ]:
        assert expected in out, expected
    assert len(out.splitlines()) < 50  # one screen


def test_the_brief_as_json(tmp_path: Path) -> None:
    lead = walked(tmp_path, until="approach")
    result = run("prep", str(lead), "--json")
    brief = json.loads(result.stdout)
    assert brief["version"] == 1 and brief["playbook"] == "walkthrough"
    assert brief["lead"]["step"] == "presentation" and brief["lead"]["days_idle"] == 0
    assert brief["sla"] == {
        "state": "late",
        "due": "2026-03-10",
        "first_contact": "2026-03-11",
        "business_days": 1,
    }
    assert brief["step"]["title"] == "Presentation" and brief["step"]["questions"] == []
    assert [o["id"] for o in brief["likely_objections"]] == ["price"]
    assert brief["likely_objections"][0]["raised_before"] == 1
    assert brief["likely_objections"][0]["last_result"] == "partly"
    assert brief["persona"]["id"] == "finance"
    assert brief["open_walk"]["step"] == "presentation"
    assert {a["field"]: a["value"] for a in brief["answers"]}["employees"] == 40


def test_open_tasks_come_from_the_task_list(tmp_path: Path) -> None:
    walked(tmp_path, until="follow_up")
    brief = json.loads(run("prep", "ACME", "--json").stdout)
    assert [(t["title"], t["due"], t["overdue"]) for t in brief["tasks"]] == [
        ("Check in", "2026-03-13", False),  # the answers file moved it to Friday
        ("Agreed next step with Ada Lovelace (ACME)", "2026-03-18", False),
    ]
    assert "Open tasks" in run("prep", "ACME").stdout


def test_a_new_lead_gets_a_short_brief() -> None:
    new_lead(sla_due="2026-03-11")
    result = run("prep", "ACME")
    assert result.exit_code == 0, result.stderr
    assert "SLA: first contact due TODAY" in result.stdout
    assert "never contacted" in result.stdout
    assert "Next            1/7 Prospecting" in result.stdout


def test_prep_needs_a_known_lead() -> None:
    result = run("prep", "Nobody")
    assert result.exit_code == 2 and "no lead matches" in result.stderr


def lead_with(**fields: object) -> Lead:
    base = get_lead.__globals__["Lead"]  # the same record the store makes
    values = dict(
        id=1, name="A", company=None, email=None, phone=None, source=None,
        temperature="warm", playbook="p", owner=None, step="prospecting", status="open",
        status_reason=None, sla_due=None, first_contact_at=None, last_interaction_at=None,
        step_entered_at=NOW, created_at=NOW, updated_at=NOW,
    )  # fmt: skip
    values.update(fields)
    lead: Lead = base(**values)
    return lead


@pytest.mark.parametrize(
    ("due", "contacted", "state", "days"),
    [
        (None, None, "none", None),
        (date(2026, 3, 12), None, "due", 1),
        (TODAY, None, "due", 0),
        (date(2026, 3, 9), None, "broken", -2),
        (date(2026, 3, 12), NOW, "met", -3),
        (date(2026, 3, 6), NOW, "late", 1),
    ],
)
def test_sla_status(
    due: date | None, contacted: datetime | None, state: str, days: int | None
) -> None:
    status = sla_status(lead_with(sla_due=due, first_contact_at=contacted), TODAY)
    assert (status["state"], status["business_days"]) == (state, days)


def test_an_objection_logged_without_a_result_reads_no_result() -> None:
    assert run("lead", "add", "Ada Lovelace", "--company", "ACME").exit_code == 0
    assert run("lead", "stage", "ACME", "objections").exit_code == 0
    assert run("objection", "that's way over our budget", "--lead", "ACME").exit_code == 0
    shown = run("prep", "ACME")
    assert shown.exit_code == 0, shown.stderr
    assert "(no result)" in shown.stdout and "before: no result" in shown.stdout
