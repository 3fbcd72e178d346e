"""What a walk writes, checked in the store: sessions, the recorder's transactions, the log."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime

import pytest

from salescoach.actions.interaction_log import InteractionLog
from salescoach.actions.leads import add_lead
from salescoach.actions.walk_recorder import WalkRecorder
from salescoach.core.walk.engine import Walk
from salescoach.core.walk.state import StepRecord, WalkState
from salescoach.errors import StoreError
from salescoach.store.db import open_store, transaction
from salescoach.store.interactions import lead_history
from salescoach.store.leads import get_lead
from salescoach.store.sessions import lead_sessions, open_session, save_state, start_session
from tests.support.today import TODAY
from tests.support.walk import FULL, Scripted, walkthrough

NOW = datetime(2026, 3, 11, 10, 0, tzinfo=UTC)
ALWAYS = InteractionLog()


@pytest.fixture
def conn() -> sqlite3.Connection:
    connection = open_store()
    yield connection
    connection.close()


def _recorder(
    conn: sqlite3.Connection,
    session: int,
    lead: int,
    log: InteractionLog = ALWAYS,
    *,
    kind: type[WalkRecorder] = WalkRecorder,
) -> WalkRecorder:
    return kind(
        conn, session_id=session, lead_id=lead, playbook=walkthrough(), now=lambda: NOW, log=log
    )


def walk_lead(
    conn: sqlite3.Connection, answers: dict[str, object] | None = None, *, log: bool = True
) -> tuple[int, WalkState]:
    lead = add_lead(conn, {"name": "Ada", "company": "ACME", "playbook": "walkthrough"}, NOW)
    state = WalkState.start("walkthrough", lead, "prospecting", TODAY.isoformat())
    session = start_session(conn, state, NOW)
    recorder = _recorder(
        conn, session, lead, InteractionLog() if log else InteractionLog("logs off")
    )
    script = Scripted(answers=dict(answers or FULL))
    Walk(walkthrough(), state, script, recorder, TODAY, "Ada (ACME)").run()
    return lead, state


def test_every_step_leaves_a_criteria_interaction_lead_show_can_read(
    conn: sqlite3.Connection,
) -> None:
    lead, _ = walk_lead(conn, {**FULL, "fit": False})
    criteria = [i for i in lead_history(conn, lead) if i.kind == "criteria"]
    by_step = {i.step: i for i in criteria}
    assert set(by_step) == {"prospecting", "preparation", "approach", "closing"}
    first = by_step["prospecting"]
    assert first.result == "skipped"
    assert first.text == "0 of 1 exit criteria met; moved on without: The lead fits"
    assert first.detail == {
        "criteria": [{"text": "The lead fits", "met": False, "how": "condition", "applies": True}],
        "skipped": ["The lead fits"],
    }
    assert by_step["approach"].detail == {
        "criteria": [
            {
                "text": "They agreed to a conversation",
                "met": True,
                "how": "confirmed",
                "applies": True,
            }
        ],
        "skipped": [],
    }
    assert by_step["approach"].result == "met"


def test_the_lead_moves_forward_step_by_step_and_each_move_is_logged(
    conn: sqlite3.Connection,
) -> None:
    lead, state = walk_lead(conn)
    stages = [i.detail for i in reversed(lead_history(conn, lead)) if i.kind == "stage"]
    assert [(d or {})["to_step"] for d in stages] == [
        "preparation", "approach", "presentation", "objections", "closing", "follow_up",
    ]  # fmt: skip
    assert get_lead(conn, lead).step == "follow_up"
    assert all(i.session_id == 1 for i in lead_history(conn, lead))
    assert open_session(conn, lead) is None and lead_sessions(conn, lead)[0].status == "finished"
    assert json.loads(json.dumps(lead_sessions(conn, lead)[0].state)) == state.to_dict()


def test_the_walk_never_moves_a_lead_backwards(conn: sqlite3.Connection) -> None:
    lead = add_lead(conn, {"name": "Bo", "playbook": "walkthrough", "step": "closing"}, NOW)
    state = WalkState.start("walkthrough", lead, "prospecting", TODAY.isoformat())
    recorder = _recorder(conn, start_session(conn, state, NOW), lead)
    Walk(walkthrough(), state, Scripted(follow_up=False), recorder, TODAY, "Bo").run()
    stages = [i for i in lead_history(conn, lead) if i.kind == "stage"]
    assert [i.text for i in stages] == ["closing → follow_up"]


def test_logging_turned_off_writes_no_interactions(conn: sqlite3.Connection) -> None:
    lead, _ = walk_lead(conn, log=False)
    assert lead_history(conn, lead) == []
    assert get_lead(conn, lead).answers["pain"] == "Quotes take a week"


def test_a_lost_lead_that_talks_again_is_reopened(conn: sqlite3.Connection) -> None:
    lead, _ = walk_lead(conn, {**FULL, "outcome": "lost", "loss_reason": "budget"})
    assert get_lead(conn, lead).status == "lost"
    state = WalkState.start("walkthrough", lead, "closing", TODAY.isoformat())
    recorder = _recorder(conn, start_session(conn, state, NOW), lead)
    Walk(walkthrough(), state, Scripted(), recorder, TODAY, "Ada").run()
    revived = get_lead(conn, lead)
    assert (revived.status, revived.status_reason) == ("open", None)
    cancelled = conn.execute(
        "SELECT title, reason FROM tasks WHERE status = 'cancelled' AND cadence = 'after_loss'"
    ).fetchall()
    assert [tuple(c) for c in cancelled] == [("Revisit", "lead reopened")]  # they talk now


def test_two_terminals_on_one_walk_cannot_overwrite_each_other(conn: sqlite3.Connection) -> None:
    lead = add_lead(conn, {"name": "Ada", "playbook": "walkthrough"}, NOW)
    state = WalkState.start("walkthrough", lead, "prospecting", TODAY.isoformat())
    session = start_session(conn, state, NOW)
    mine = WalkState.from_dict(open_session(conn, lead).state)  # type: ignore[union-attr]
    theirs = WalkState.from_dict(open_session(conn, lead).state)  # type: ignore[union-attr]
    with transaction(conn):
        save_state(conn, session, mine, NOW)
    theirs.answers["fit"] = True
    with (
        pytest.raises(StoreError, match="continued or abandoned in another terminal"),
        transaction(conn),
    ):
        save_state(conn, session, theirs, NOW)
    saved = open_session(conn, lead)
    assert saved is not None and saved.state["answers"] == {} and saved.state["revision"] == 1


def test_a_second_walk_cannot_start_beside_an_open_one_unless_it_replaces_it(
    conn: sqlite3.Connection,
) -> None:
    lead = add_lead(conn, {"name": "Ada", "playbook": "walkthrough"}, NOW)
    state = WalkState.start("walkthrough", lead, "prospecting", TODAY.isoformat())
    start_session(conn, state, NOW)
    with pytest.raises(StoreError):
        start_session(conn, state, NOW)
    start_session(conn, state, NOW, replace_open=True)
    assert [s.status for s in lead_sessions(conn, lead)] == ["open", "abandoned"]


class AbandonedMeanwhile(WalkRecorder):
    """Another terminal abandons the walk just as a step is about to be recorded."""

    def step_finished(self, state: WalkState, record: StepRecord) -> None:
        with transaction(self.conn):
            self.conn.execute("UPDATE sessions SET status = 'abandoned'")
        super().step_finished(state, record)


def test_a_failed_step_write_leaves_nothing_half_recorded(conn: sqlite3.Connection) -> None:
    lead = add_lead(conn, {"name": "Ada", "playbook": "walkthrough"}, NOW)
    state = WalkState.start("walkthrough", lead, "prospecting", TODAY.isoformat())
    session = start_session(conn, state, NOW)
    recorder = _recorder(conn, session, lead, kind=AbandonedMeanwhile)
    with pytest.raises(StoreError):
        Walk(walkthrough(), state, Scripted(), recorder, TODAY, "Ada").run()
    # the answers, their interactions and the step move were all rolled back together
    assert lead_history(conn, lead) == [] and get_lead(conn, lead).answers == {}
    assert get_lead(conn, lead).step == "prospecting"
    saved = lead_sessions(conn, lead)[0].state
    assert saved["answers"] == {"fit": True, "size": 40} and saved["steps"] == []
