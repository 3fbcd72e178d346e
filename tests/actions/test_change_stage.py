"""`change_stage`: one transaction for the lead, its cadence tasks, the log and the deal's
follow-ups, with the log silenced or the playbook unreadable."""

from __future__ import annotations

from salescoach.actions.interaction_log import InteractionLog
from salescoach.actions.stages import change_stage
from salescoach.core.leads.stages import Close, Move, Reopen
from salescoach.core.playbook.loader import load_file
from salescoach.core.playbook.model import Playbook
from salescoach.errors import NotFoundError
from salescoach.store.interactions import lead_history
from salescoach.store.leads import get_lead
from tests.support.plan import FIXTURE_PLAYBOOKS, at, lead, store, task
from tests.support.today import TODAY


def _walkthrough(name: str) -> Playbook:
    return load_file(FIXTURE_PLAYBOOKS / f"{name}.yaml", []).playbook


def _missing(name: str) -> Playbook:
    raise NotFoundError(f"no playbook named {name!r}")


def test_a_win_logs_the_stage_and_outcome_and_schedules_the_won_cadence() -> None:
    conn = store()
    ada = lead(conn, "Ada", playbook="walkthrough", step="closing")
    task(conn, ada, "Check in", TODAY, cadence="after_call")
    result = change_stage(
        conn,
        InteractionLog(),
        get_lead(conn, ada),
        Close("won", step="closing"),
        at(TODAY),
        load_playbook=_walkthrough,
        value=900,
    )
    assert (result.lead.status, result.cancelled_tasks, result.added_tasks) == ("won", 1, 1)
    assert result.change.summary == "won" and result.unscheduled is None
    kinds = [(i.kind, i.result) for i in reversed(lead_history(conn, ada))]
    assert kinds == [("stage", None), ("outcome", "won")]
    assert result.interaction_id == lead_history(conn, ada)[-1].id


def test_a_silenced_log_still_changes_the_lead_and_its_tasks() -> None:
    conn = store()
    ada = lead(conn, "Ada", playbook="walkthrough")
    task(conn, ada, "Check in", TODAY, cadence="after_call")
    result = change_stage(
        conn,
        InteractionLog("--no-log"),
        get_lead(conn, ada),
        Close("lost", "budget"),
        at(TODAY),
        load_playbook=_walkthrough,
    )
    assert result.interaction_id is None and lead_history(conn, ada) == []
    assert (result.lead.status, result.lead.status_reason) == ("lost", "budget")
    assert (result.cancelled_tasks, result.added_tasks) == (1, 1)


def test_an_unreadable_playbook_closes_the_deal_without_follow_ups() -> None:
    conn = store()
    ada = lead(conn, "Ada", playbook="gone", step="closing")
    result = change_stage(
        conn, InteractionLog(), get_lead(conn, ada), Close("won"), at(TODAY), load_playbook=_missing
    )
    assert result.lead.status == "won" and result.added_tasks == 0
    assert result.unscheduled == "no playbook named 'gone'"


def test_moves_and_reopening_never_load_the_playbook() -> None:
    conn = store()
    ada = lead(conn, "Ada", playbook="gone", status="archived")
    reopened = change_stage(
        conn, InteractionLog(), get_lead(conn, ada), Reopen(), at(TODAY), load_playbook=_missing
    )
    assert reopened.lead.status == "open" and reopened.unscheduled is None
    moved = change_stage(
        conn,
        InteractionLog(),
        reopened.lead,
        Move("approach"),
        at(TODAY, 10),
        load_playbook=_missing,
    )
    assert moved.lead.step == "approach" and moved.unscheduled is None
