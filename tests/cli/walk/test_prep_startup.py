"""`salescoach prep LEAD` briefs from the compiled plain playbook: once the cache is warm it
imports neither pydantic nor the playbook model, and prints the brief the model gives."""

from __future__ import annotations

import json

import pytest

from salescoach import clock
from salescoach.actions.leads import add_lead
from salescoach.cli.common import load_playbook
from salescoach.core.walk.brief import build_brief
from salescoach.store.briefing import brief_inputs
from salescoach.store.db import open_store
from salescoach.store.leads import find_lead
from tests.support.importtime import run_importing

pytestmark = pytest.mark.slow
MODEL = {"pydantic", "yaml", "salescoach.core.playbook.model", "salescoach.core.playbook.loader"}


def test_a_warm_prep_imports_no_pydantic_and_briefs_as_the_model_does() -> None:
    conn = open_store()
    add_lead(conn, {"name": "Ada", "company": "ACME", "playbook": "b2b-saas"}, clock.now())
    conn.close()
    cold, cold_imported = run_importing("prep", "ACME", "--json")
    assert cold.returncode == 0, cold.stderr
    assert "salescoach.core.playbook.model" in cold_imported  # the first run compiles it
    warm, imported = run_importing("prep", "ACME", "--json")
    assert warm.returncode == 0, warm.stderr
    assert not MODEL & imported
    assert "salescoach.core.playbook.plain" in imported
    conn = open_store()
    lead = find_lead(conn, "ACME")
    loaded = load_playbook(lead.playbook)
    from_model = build_brief(
        loaded.playbook, loaded.name, brief_inputs(conn, lead), today=clock.today()
    )
    conn.close()
    assert json.loads(warm.stdout) == json.loads(cold.stdout) == from_model
