"""Opening a walk on a lead: reopening a closed one, then a new walk session or the saved one.

Called once the walk's answers have passed their checks, so a walk that exits 2 on a bad
answers file leaves the lead as it was.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from salescoach.actions.interaction_log import InteractionLog
from salescoach.actions.stages import write_stage_change
from salescoach.actions.walk_recorder import WalkRecorder
from salescoach.core.kernel.records import Lead
from salescoach.core.kernel.slotted import HashedSlotted
from salescoach.core.leads.stages import StageChange
from salescoach.core.planning.cancellation import CancelledTask
from salescoach.core.walk.state import WalkState
from salescoach.store.db import transaction
from salescoach.store.leads import get_lead
from salescoach.store.sessions import start_session
from salescoach.store.sync_state import require_own_lead

if TYPE_CHECKING:
    from salescoach.core.playbook.parts import Playbook


class OpenedWalk(HashedSlotted):
    __slots__ = ("lead", "session_id", "recorder", "cancelled")  # noqa: RUF023

    def __init__(
        self,
        lead: Lead,
        session_id: int,
        recorder: WalkRecorder,
        cancelled: list[CancelledTask],
    ) -> None:
        self.lead = lead  # as it is now (reopened, if it was)
        self.session_id = session_id
        self.recorder = recorder
        self.cancelled = cancelled  # by reopening the lead


def open_walk(
    conn: sqlite3.Connection,
    log: InteractionLog,
    lead: Lead,
    state: WalkState,
    playbook: Playbook,
    *,
    session_id: int | None,
    reopening: StageChange | None,
    now: Callable[[], datetime],
) -> OpenedWalk:
    """Reopen `lead` when the walk planned it (`core.leads.stages.plan_walk_start`), then
    resume the walk session `session_id`, or start one (abandoning any other open walk on the
    lead), and return the recorder that writes the walk's facts."""
    require_own_lead(conn, lead.id)
    cancelled: list[CancelledTask] = []
    if reopening is not None:
        with transaction(conn):
            cancelled, _ = write_stage_change(conn, log, lead.id, reopening, now())
        lead = get_lead(conn, lead.id)
    if session_id is None:
        from salescoach.actions.hub_playbooks import playbook_version

        version = playbook_version(conn, state.playbook)
        session_id = start_session(conn, state, now(), replace_open=True, playbook_version=version)
    recorder = WalkRecorder(
        conn,
        session_id=session_id,
        lead_id=lead.id,
        playbook=playbook,
        now=now,
        log=log,
        channel=state.channel,
    )
    return OpenedWalk(lead, session_id, recorder, cancelled)
