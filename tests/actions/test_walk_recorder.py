"""The walk's writes with the log silenced: no interactions, but the lead still moves on and
its contact steps stamp first contact, through the same code every contact uses."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from salescoach.actions.interaction_log import InteractionLog
from salescoach.actions.leads import add_lead
from salescoach.actions.walk import open_walk
from salescoach.core.leads.stages import plan_walk_start
from salescoach.core.walk.engine import Walk
from salescoach.core.walk.state import WalkState
from salescoach.store.db import open_store
from salescoach.store.interactions import lead_history
from salescoach.store.leads import get_lead
from salescoach.store.sessions import lead_sessions
from tests.support.today import TODAY
from tests.support.walk import FULL, Scripted, walkthrough

NOW = datetime(2026, 3, 11, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize("log", [InteractionLog(), InteractionLog("logs off")])
def test_contact_steps_stamp_first_contact_logged_or_not(log: InteractionLog) -> None:
    conn = open_store()
    lead_id = add_lead(conn, {"name": "Ada", "playbook": "walkthrough"}, NOW)
    state = WalkState.start("walkthrough", lead_id, "prospecting", TODAY.isoformat())
    opened = open_walk(
        conn,
        log,
        get_lead(conn, lead_id),
        state,
        walkthrough(),
        session_id=None,
        reopening=None,
        now=lambda: NOW,
    )
    Walk(walkthrough(), state, Scripted(answers=dict(FULL)), opened.recorder, TODAY, "Ada").run()
    lead = get_lead(conn, lead_id)
    assert (lead.first_contact_at, lead.last_interaction_at) == (NOW, NOW)
    assert lead.step == "follow_up"
    assert bool(lead_history(conn, lead_id)) is log.enabled
    conn.close()


def test_opening_a_walk_on_a_closed_lead_reopens_it_and_starts_a_session() -> None:
    conn = open_store()
    lead_id = add_lead(conn, {"name": "Bo", "playbook": "walkthrough", "status": "lost"}, NOW)
    lead = get_lead(conn, lead_id)
    state = WalkState.start("walkthrough", lead_id, "closing", TODAY.isoformat())
    reopening = plan_walk_start(lead, reopen=True, closed_by_this_walk=False)
    opened = open_walk(
        conn,
        InteractionLog(),
        lead,
        state,
        walkthrough(),
        session_id=None,
        reopening=reopening,
        now=lambda: NOW,
    )
    assert opened.lead.status == "open"
    assert [s.id for s in lead_sessions(conn, lead_id)] == [opened.session_id]
    (line,) = lead_history(conn, lead_id)
    assert (line.kind, line.text) == ("stage", "reopened (was lost)")
    assert line.detail is not None and line.detail["by"] == "walk"
    conn.close()
