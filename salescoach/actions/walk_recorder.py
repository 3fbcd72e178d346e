"""What a guided walk writes: the engine's `Recorder`, applying each settled fact to the store.

Each settled fact is written in one transaction together with the walk's state, so the state
always says exactly what is recorded (a resumed walk never records anything twice):
- a finished step: its answers on the lead (`answers`) and one `answer` interaction each, one
  `criteria` interaction (every exit criterion, met or not, and whether the rep moved on
  anyway), for closing an `outcome` interaction (won/lost also set the lead's status and cancel
  its open cadence tasks, through `core.leads.stages` like `lead stage`, with a `stage`
  interaction), and the lead's step moved forward by the same rules, with a `stage` line;
- an objection: one `objection` interaction (family id, what was said, how it went);
- the follow-up tasks: one row each in `tasks` (a dropped one is kept as `dropped`, so running
  the follow-up step again does not propose it again).
With the log silenced (`--no-log` or `logs off`) no interaction is written; the lead's answers,
step, status and tasks still are, and contact steps still stamp first and last contact.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from salescoach.actions.interaction_log import InteractionLog
from salescoach.actions.stages import write_outcome, write_stage_change
from salescoach.core.kernel.records import InteractionKind, NewInteraction
from salescoach.core.leads.stages import StageChange, plan_walk_advance, plan_walk_outcome
from salescoach.core.planning.cancellation import CancelledTask
from salescoach.core.walk.answers import lead_column_value, show
from salescoach.core.walk.protocol import CONTACT_STEPS
from salescoach.core.walk.state import (
    NoteRecord,
    ObjectionRecord,
    StepRecord,
    TaskRecord,
    WalkState,
)
from salescoach.store.db import transaction
from salescoach.store.leads import get_lead, set_answer, touch_lead, update_lead
from salescoach.store.sessions import save_state
from salescoach.store.tasks import close_task, insert_tasks, task_id_for_key

if TYPE_CHECKING:
    from salescoach.core.playbook.parts import Playbook

DROPPED_REASON = "dropped during the walk"


class WalkRecorder:
    def __init__(
        self,
        conn: sqlite3.Connection,
        *,
        session_id: int,
        lead_id: int,
        playbook: Playbook,
        now: Callable[[], datetime],
        log: InteractionLog,
        channel: str = "call",
    ) -> None:
        self.conn = conn
        self.session_id = session_id
        self.lead_id = lead_id
        self.playbook = playbook
        self.now = now
        self.log = log
        self.channel = channel
        self.cancelled: list[CancelledTask] = []  # by the walk's closing outcome, to announce

    def progress(self, state: WalkState) -> None:
        with transaction(self.conn):
            save_state(self.conn, self.session_id, state, self.now())

    def objection(self, state: WalkState, record: ObjectionRecord) -> None:
        family = self.playbook.objection(record.objection) if record.objection else None
        with transaction(self.conn):
            at = self.now()
            self._log(
                at,
                "objection",
                record.step,
                channel=self.channel,
                text=record.said or None,
                objection=record.objection,
                result=record.result,
                detail={"title": family.title if family else "not in the playbook"},
            )
            save_state(self.conn, self.session_id, state, at)

    def note(self, state: WalkState, record: NoteRecord) -> None:
        with transaction(self.conn):
            at = self.now()
            self._log(at, "note", record.step, text=record.text)
            save_state(self.conn, self.session_id, state, at)

    def step_finished(self, state: WalkState, record: StepRecord) -> None:
        step = self.playbook.step(record.step)
        questions = {q.id: q for q in step.questions}
        channel = self.channel if record.step in CONTACT_STEPS else None
        with transaction(self.conn):
            at = self.now()
            for qid, value in record.answers.items():
                question = questions[qid]
                column = lead_column_value(question.field, value)
                if column is not None:
                    update_lead(self.conn, self.lead_id, {question.field: column}, at)
                set_answer(
                    self.conn,
                    self.lead_id,
                    question.field,
                    value,
                    step=record.step,
                    question=qid,
                    now=at,
                )
                self._log(
                    at,
                    "answer",
                    record.step,
                    channel=channel,
                    text=f"{question.text} {show(value, question)}",
                    detail={"question": qid, "field": question.field, "value": value},
                )
            if record.criteria:
                self._log_criteria(at, record, channel)
            if record.step == "closing" and state.outcome and "outcome" in record.answers:
                self._outcome(at, state.outcome, channel)
            self._stage(at, plan_walk_advance(get_lead(self.conn, self.lead_id), record.step))
            if channel and not self.log.enabled:
                touch_lead(self.conn, self.lead_id, at, contact=True)
            save_state(self.conn, self.session_id, state, at)

    def tasks_saved(self, state: WalkState, tasks: list[TaskRecord]) -> None:
        from salescoach.core.planning.cadence import PlannedTask  # the follow-up step's

        with transaction(self.conn):
            at = self.now()
            for task in tasks:
                planned = PlannedTask(
                    title=task.title,
                    due=date.fromisoformat(task.due),
                    channel=task.channel,
                    cadence=task.cadence,
                    dedupe_key=task.dedupe_key,
                    stop_on_reply=task.stop_on_reply,
                    note=task.note,
                    priority=task.priority,
                )
                ids = insert_tasks(
                    self.conn, self.lead_id, [planned], at, session_id=self.session_id
                )
                if ids and not task.kept:
                    close_task(self.conn, ids[0], "dropped", at, reason=DROPPED_REASON)
                task.id = (
                    ids[0] if ids else task_id_for_key(self.conn, self.lead_id, task.dedupe_key)
                )
            save_state(self.conn, self.session_id, state, at)

    # -- helpers (inside the caller's transaction) -------------------------------------------

    def _log(self, at: datetime, kind: InteractionKind, step: str, **fields: Any) -> None:
        item = NewInteraction(
            lead_id=self.lead_id, at=at, kind=kind, step=step, session_id=self.session_id, **fields
        )
        self.log.write(self.conn, item)

    def _log_criteria(self, at: datetime, record: StepRecord, channel: str | None) -> None:
        met = sum(c.met for c in record.criteria)
        unmet = [c.text for c in record.criteria if c.missed]
        applicable = sum(c.applies for c in record.criteria)
        text = f"{met} of {applicable} exit criteria met"
        if unmet:
            text += "; moved on without: " + "; ".join(unmet)
        self._log(
            at,
            "criteria",
            record.step,
            text=text,
            result="skipped" if record.criteria_skipped else "met",
            detail={
                "criteria": [
                    {"text": c.text, "met": c.met, "how": c.how, "applies": c.applies}
                    for c in record.criteria
                ],
                "skipped": unmet,
            },
        )

    def _outcome(self, at: datetime, outcome: dict[str, Any], channel: str | None) -> None:
        """The `outcome` line, then the status it implies through the same stage rules as
        `salescoach lead stage` (won/lost close the lead and cancel its cadence tasks; another
        outcome on a closed lead reopens it), with its own `stage` line."""
        write_outcome(
            self.conn,
            self.log,
            self.lead_id,
            outcome,
            at,
            channel=channel,
            session_id=self.session_id,
        )
        self._stage(at, plan_walk_outcome(get_lead(self.conn, self.lead_id), outcome))

    def _stage(self, at: datetime, change: StageChange | None) -> None:
        if change is not None:
            cancelled, _ = write_stage_change(
                self.conn, self.log, self.lead_id, change, at, session_id=self.session_id
            )
            self.cancelled += cancelled
