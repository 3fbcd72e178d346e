"""The privacy switch resolved once into an `InteractionLog`, and the one way interactions and
contact stamps are written."""

from __future__ import annotations

from datetime import timedelta

from salescoach.actions.interaction_log import InteractionLog, interaction_log, switch_logging
from salescoach.actions.interactions import log_interaction
from salescoach.core.kernel.records import NewInteraction
from salescoach.store.db import transaction
from salescoach.store.interactions import lead_history
from salescoach.store.leads import get_lead, touch_lead
from tests.support.plan import at, lead, store
from tests.support.today import TODAY


def test_no_log_wins_over_the_saved_switch_and_the_switch_is_read_once() -> None:
    conn = store()
    assert interaction_log(conn) == InteractionLog()
    assert interaction_log(conn).enabled
    switch_logging(conn, False)
    assert interaction_log(conn) == InteractionLog("logs off")
    assert interaction_log(conn, no_log=True) == InteractionLog("--no-log")
    log = interaction_log(conn)
    switch_logging(conn, True)
    assert not log.enabled  # a command keeps what it resolved when it started
    assert interaction_log(conn).enabled


def test_a_silenced_log_writes_nothing_and_says_so_with_none() -> None:
    conn = store()
    ada = lead(conn, "Ada")
    item = NewInteraction(lead_id=ada, at=at(TODAY), kind="note", channel="call", text="hi")
    assert log_interaction(conn, InteractionLog("--no-log"), item).id is None
    assert log_interaction(conn, InteractionLog("logs off"), item).id is None
    assert lead_history(conn, ada) == []
    assert get_lead(conn, ada).first_contact_at is None
    logged = log_interaction(conn, InteractionLog(), item).id
    assert logged is not None and [i.id for i in lead_history(conn, ada)] == [logged]


def test_first_contact_is_the_earliest_contact_whatever_order_they_come_in() -> None:
    conn = store()
    ada = lead(conn, "Ada")
    log = InteractionLog()
    late, early = at(TODAY, 15), at(TODAY - timedelta(days=1), 10)
    log_interaction(conn, log, NewInteraction(lead_id=ada, at=late, kind="note", channel="call"))
    log_interaction(conn, log, NewInteraction(lead_id=ada, at=early, kind="note", channel="sms"))
    note = NewInteraction(lead_id=ada, at=at(TODAY, 16), kind="note", text="to self")
    log_interaction(conn, log, note)  # a note to self is no contact
    stamped = get_lead(conn, ada)
    assert (stamped.first_contact_at, stamped.last_interaction_at) == (early, at(TODAY, 16))


def test_touching_a_lead_without_a_contact_keeps_its_first_contact_empty() -> None:
    conn = store()
    ada = lead(conn, "Ada")
    with transaction(conn):
        touch_lead(conn, ada, at(TODAY, 9), contact=False)
    assert get_lead(conn, ada).first_contact_at is None
    with transaction(conn):
        touch_lead(conn, ada, at(TODAY, 11), contact=True)
        touch_lead(conn, ada, at(TODAY, 10), contact=True)
        touch_lead(conn, ada, at(TODAY, 8), contact=False)
    stamped = get_lead(conn, ada)
    assert stamped.first_contact_at is not None and stamped.first_contact_at.hour == 10
    assert stamped.last_interaction_at is not None and stamped.last_interaction_at.hour == 11
