"""What a guided walk writes: the engine's `Recorder` backed by the store.

Each settled fact is written in one transaction together with the walk's state, so the state
always says exactly what is recorded (a resumed walk never records anything twice):
- a finished step: its answers on the lead (`answers`) and one `answer` interaction each, one
  `criteria` interaction (every exit criterion, met or not, and whether the rep moved on
  anyway), for closing an `outcome` interaction (won/lost also set the lead's status and cancel
  its open cadence tasks, through `core.stages` like `lead stage`, with a `stage` interaction),
  and the lead's step moved forward with a `stage` interaction;
- an objection: one `objection` interaction (family id, what was said, how it went);
- the follow-up tasks: one row each in `tasks` (a dropped one is kept as `dropped`, so running
  the follow-up step again does not propose it again).
With logging off (`--no-log` or `logs off`) no interaction is written; the lead's answers, step,
status and tasks still are, and contact steps still stamp first and last contact.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from salescoach.core.kernel.records import NewInteraction
from salescoach.core.kernel.steps import STEP_IDS
from salescoach.core.leads.stages import plan_walk_outcome
from salescoach.core.planning.cadence import PlannedTask
from salescoach.core.playbook.model import Playbook
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
from salescoach.store.interactions import insert_interaction
from salescoach.store.leads import get_lead, set_answer, update_lead
from salescoach.store.sessions import save_state
from salescoach.store.stages import write_outcome, write_stage_change
from salescoach.store.tasks import insert_tasks


class StoreRecorder:
    def __init__(
        self,
        conn: sqlite3.Connection,
        *,
        session_id: int,
        lead_id: int,
        playbook: Playbook,
        now: Callable[[], datetime],
        channel: str = "call",
        log: bool = True,
    ) -> None:
        self.conn = conn
        self.session_id = session_id
        self.lead_id = lead_id
        self.playbook = playbook
        self.now = now
        self.channel = channel
        self.log = log

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
            self._move_on(at, record.step)
            if channel and not self.log:
                self._touch_contact(at)
            save_state(self.conn, self.session_id, state, at)

    def tasks_saved(self, state: WalkState, tasks: list[TaskRecord]) -> None:
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
                    self.conn.execute(
                        "UPDATE tasks SET status = 'dropped', reason = ?, closed_at = ? "
                        "WHERE id = ?",
                        ("dropped during the walk", at.isoformat(timespec="seconds"), ids[0]),
                    )
                task.id = ids[0] if ids else self._task_id(task.dedupe_key)
            save_state(self.conn, self.session_id, state, at)

    # -- helpers (inside the caller's transaction) -------------------------------------------

    def _log(self, at: datetime, kind: str, step: str, **fields: Any) -> None:
        if self.log:
            item = NewInteraction(
                lead_id=self.lead_id,
                at=at,
                kind=kind,
                step=step,
                session_id=self.session_id,
                **fields,
            )
            insert_interaction(self.conn, item)

    def _log_criteria(self, at: datetime, record: StepRecord, channel: str | None) -> None:
        met = sum(c.met for c in record.criteria)
        unmet = [c.text for c in record.criteria if not c.met]
        text = f"{met} of {len(record.criteria)} exit criteria met"
        if unmet:
            text += "; moved on without: " + "; ".join(unmet)
        self._log(
            at,
            "criteria",
            record.step,
            text=text,
            result="skipped" if record.criteria_skipped else "met",
            detail={
                "criteria": [{"text": c.text, "met": c.met, "how": c.how} for c in record.criteria],
                "skipped": unmet,
            },
        )

    def _outcome(self, at: datetime, outcome: dict[str, Any], channel: str | None) -> None:
        """The `outcome` line, then the status it implies through the same stage rules as
        `salescoach lead stage` (won/lost close the lead and cancel its cadence tasks; another
        outcome on a closed lead reopens it), with its own `stage` line."""
        write_outcome(
            self.conn,
            self.lead_id,
            outcome,
            at,
            channel=channel,
            session_id=self.session_id,
            log=self.log,
        )
        change = plan_walk_outcome(get_lead(self.conn, self.lead_id), outcome)
        if change is not None:
            write_stage_change(
                self.conn, self.lead_id, change, at, log=self.log, session_id=self.session_id
            )

    def _move_on(self, at: datetime, finished: str) -> None:
        """Move the lead to the step after `finished`, never backwards. The `stage` line has
        the same shape as `salescoach lead stage` writes, plus `"by": "walk"`."""
        index = STEP_IDS.index(finished)
        if index + 1 >= len(STEP_IDS):
            return
        row = self.conn.execute(
            "SELECT step, status FROM leads WHERE id = ?", (self.lead_id,)
        ).fetchone()
        current, upcoming = row["step"], STEP_IDS[index + 1]
        if current in STEP_IDS and STEP_IDS.index(current) >= index + 1:
            return
        update_lead(self.conn, self.lead_id, {"step": upcoming}, at)
        detail = {
            "from_step": current,
            "to_step": upcoming,
            "from_status": row["status"],
            "to_status": row["status"],
            "by": "walk",
        }
        self._log(at, "stage", upcoming, text=f"{current} → {upcoming}", detail=detail)

    def _touch_contact(self, at: datetime) -> None:
        stamp = at.isoformat(timespec="seconds")
        self.conn.execute(
            "UPDATE leads SET first_contact_at = coalesce(first_contact_at, ?), "
            "last_interaction_at = max(coalesce(last_interaction_at, ''), ?) WHERE id = ?",
            (stamp, stamp, self.lead_id),
        )

    def _task_id(self, dedupe_key: str) -> int | None:
        row = self.conn.execute(
            "SELECT id FROM tasks WHERE lead_id = ? AND dedupe_key = ?",
            (self.lead_id, dedupe_key),
        ).fetchone()
        return int(row["id"]) if row else None
