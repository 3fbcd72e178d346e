"""An objection logged from the coach on a lead is contact with the buyer: it has a channel
(call unless told), so first contact and the SLA see it."""

from __future__ import annotations

import json
from pathlib import Path

from tests.support.cli import run
from tests.support.leads import rows


def _lead() -> str:
    result = run("lead", "add", "Ada", "--company", "ACME", "--sla", "2026-03-11")
    assert result.exit_code == 0, result.stderr
    return result.stdout.strip()


def test_an_objection_on_a_lead_is_first_contact_by_call(salescoach_home: Path) -> None:
    lead = _lead()
    result = run("objection", "too pricey", "--lead", lead, "--outcome", "partly")
    assert result.exit_code == 0, result.stderr
    assert "(call)" in result.stderr
    [logged] = rows(salescoach_home, "SELECT channel, result FROM interactions")
    assert logged == {"channel": "call", "result": "partly"}
    [ada] = rows(salescoach_home, "SELECT first_contact_at FROM leads")
    assert ada["first_contact_at"] is not None
    plan = json.loads(run("plan", "--format", "json").stdout)
    assert plan["sla"]["items"] == [] and plan["counts"]["sla_due_today"] == 0


def test_the_channel_can_be_given_and_is_checked(salescoach_home: Path) -> None:
    lead = _lead()
    said = run("objection", "too pricey", "--lead", lead, "--channel", "Email")
    assert said.exit_code == 0, said.stderr
    assert rows(salescoach_home, "SELECT channel FROM interactions") == [{"channel": "email"}]
    bad = run("objection", "too pricey", "--lead", lead, "--channel", "fax")
    assert bad.exit_code == 2 and "unknown channel 'fax'" in bad.stderr
    alone = run("objection", "too pricey", "--channel", "call")
    assert alone.exit_code == 2 and "--lead" in alone.stderr
