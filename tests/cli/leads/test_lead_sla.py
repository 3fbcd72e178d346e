"""A lead added by hand gets its playbook's first-contact deadline by temperature, as an import
gives it; a deadline in the past is kept with a warning; the README states the shipped SLAs."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from tests.support.cli import run
from tests.support.paths import README, ROOT

SHIPPED = ("b2b-saas", "field-sales", "services")


def _due(*args: str) -> str:
    result = run("lead", "add", *args, "--json")
    assert result.exit_code == 0, result.stderr
    return str(json.loads(result.stdout)["sla_due"])


def test_a_hand_added_lead_gets_its_playbooks_sla_by_temperature() -> None:
    # today is Wednesday 2026-03-11 (tests/support/today.py); b2b-saas: qualified 0, warm 1, cold 3
    assert _due("Ada", "-t", "qualified") == "2026-03-11"
    assert _due("Bo", "-t", "warm") == "2026-03-12"
    assert _due("Cy") == "2026-03-16"  # over the weekend
    assert _due("Di", "-p", "field-sales") == "2026-03-25"  # cold 10 business days
    assert _due("Ed", "--sla", "+20d") == "2026-03-31"  # told otherwise


@pytest.mark.parametrize("args", [("lead", "add", "Ada", "--sla", "yesterday")])
def test_a_deadline_in_the_past_warns(args: tuple[str, ...]) -> None:
    result = run(*args)
    assert result.exit_code == 0
    assert "salescoach: warning: the first-contact deadline 2026-03-10 is in the past" in (
        result.stderr
    )
    edited = run("lead", "edit", "Ada", "--sla", "-3d")
    assert edited.exit_code == 0 and "is in the past" in edited.stderr


def test_the_readme_states_the_shipped_slas() -> None:
    text = " ".join(README.read_text().split())
    for name in SHIPPED:
        sla = yaml.safe_load((ROOT / "playbooks" / f"{name}.yaml").read_text())["sla"]
        stated = f"`{name}` {sla['qualified']} / {sla['warm']} / {sla['cold']}"
        assert stated in text, stated
    assert not re.search(r"by default qualified 1, warm 2, cold 5", text)
