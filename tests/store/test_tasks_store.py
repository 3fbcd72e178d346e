"""Task changes in the store: stop on reply, logging opt-out, archived leads."""

from __future__ import annotations

from datetime import timedelta

import pytest

from salescoach.actions.interaction_log import interaction_log
from salescoach.actions.interactions import log_interaction
from salescoach.actions.tasks import add_task, complete_task
from salescoach.core.kernel.records import NewInteraction
from salescoach.core.planning.cadence import schedule
from salescoach.core.planning.tasks import REPLY_RESULT, is_reply
from salescoach.core.playbook.loader import load_file
from salescoach.core.playbook.model import Cadence
from salescoach.errors import UsageError
from salescoach.store.db import transaction
from salescoach.store.interactions import lead_history
from salescoach.store.task_queries import TaskFilter, list_tasks
from salescoach.store.tasks import get_task, insert_tasks
from tests.support.plan import FIXTURE_PLAYBOOKS, at, lead, store, task
from tests.support.today import TODAY


def test_a_reply_cancels_only_the_stop_on_reply_cadence() -> None:
    conn = store()
    playbook = load_file(FIXTURE_PLAYBOOKS / "planning.yaml", []).playbook
    ada = lead(conn, "Ada")
    nudge = next(c for c in playbook.cadences if c.id == "nudge")
    recap = next(c for c in playbook.cadences if c.id == "after_call")
    with transaction(conn):
        insert_tasks(conn, ada, schedule(nudge, TODAY, TODAY), at(TODAY))
        insert_tasks(conn, ada, schedule(recap, TODAY, TODAY), at(TODAY))
    manual = add_task(conn, ada, "Birthday card", TODAY + timedelta(days=9), at(TODAY))

    reply = NewInteraction(
        lead_id=ada,
        at=at(TODAY, 15),
        kind="note",
        channel="email",
        text="Sounds good, call me Friday",
        result=REPLY_RESULT,
    )
    assert is_reply(reply)
    logged = log_interaction(conn, interaction_log(conn), reply)  # one transaction: both
    assert [t.title for t in logged.cancelled] == ["Nudge by e-mail", "Nudge by phone"]
    rows = conn.execute("SELECT title, status, reason FROM tasks ORDER BY id").fetchall()
    assert [tuple(r) for r in rows] == [
        ("Nudge by e-mail", "cancelled", "lead replied"),
        ("Nudge by phone", "cancelled", "lead replied"),
        ("Send the recap", "open", None),
        ("Check in", "open", None),
        ("Birthday card", "open", None),
    ]
    assert get_task(conn, manual.id).status == "open"
    again = log_interaction(conn, interaction_log(conn), reply)
    assert again.cancelled == []  # nothing left to cancel


def test_not_every_interaction_is_a_reply() -> None:
    assert not is_reply(NewInteraction(lead_id=1, at=at(TODAY), kind="note", channel="email"))


def test_done_logs_nothing_when_logging_is_off() -> None:
    conn = store()
    ada = lead(conn, "Ada")
    task_id = task(conn, ada, "Call", TODAY)
    with transaction(conn):
        conn.execute("INSERT INTO settings (key, value) VALUES ('logging', 'off')")
    assert complete_task(conn, interaction_log(conn), task_id, at(TODAY)).status == "done"
    assert lead_history(conn, ada) == []


def test_tasks_cannot_be_added_to_an_archived_lead() -> None:
    conn = store()
    gone = lead(conn, "Gone", status="archived")
    with pytest.raises(UsageError, match="archived"):
        add_task(conn, gone, "Call", TODAY, at(TODAY))
    assert list_tasks(conn, TaskFilter(status="all"), TODAY) == ([], 0)


def test_a_task_done_by_hand_on_a_won_lead_is_logged_on_its_step() -> None:
    conn = store()
    won = lead(conn, "Won", status="won", step="follow_up")
    task_id = task(conn, won, "Ask for a referral", TODAY, channel="meeting")
    complete_task(conn, interaction_log(conn), task_id, at(TODAY, 11), note="two names given")
    (logged,) = lead_history(conn, won)
    assert (logged.step, logged.channel, logged.text) == (
        "follow_up",
        "meeting",
        "Ask for a referral: two names given",
    )


def test_log_reply_stops_a_stop_on_reply_cadence() -> None:
    from tests.support.cli import run

    conn = store()
    ada = lead(conn, "Ada")
    nudge = Cadence.model_validate(
        {
            "id": "nudge",
            "title": "Nudge",
            "outcome": "no_decision",
            "stop_on_reply": True,
            "touches": [{"day": 2, "channel": "email", "title": "Nudge by e-mail"}],
        }
    )
    with transaction(conn):
        insert_tasks(conn, ada, schedule(nudge, TODAY, TODAY), at(TODAY))
    result = run("log", str(ada), "--channel", "email", "--reply", "--note", "Call me Friday")
    assert result.exit_code == 0, result.stderr
    row = conn.execute("SELECT status, reason FROM tasks").fetchone()
    assert tuple(row) == ("cancelled", "lead replied")
    clash = run("log", str(ada), "--channel", "email", "--reply", "--outcome", "won")
    assert clash.exit_code == 2 and "--reply records the outcome 'replied'" in clash.stderr
