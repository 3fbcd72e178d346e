"""The record of one walk, as `walk --json` prints it: typed by `WalkRecordJSON`
(core/walk/shapes.py), which `salescoach schema walk` publishes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal

from salescoach.core.planning.followup import describe_outcome
from salescoach.core.walk.state import WalkState

if TYPE_CHECKING:
    from salescoach.core.playbook.parts import Playbook
    from salescoach.core.walk.shapes import WalkLead, WalkOutcome, WalkRecordJSON

RECORD_VERSION: Literal[1] = 1


def session_record(
    state: WalkState,
    playbook: Playbook,
    *,
    session_id: int | None,
    lead: WalkLead,
    practice: bool = False,
    task_status: Mapping[int, str] | None = None,
) -> WalkRecordJSON:
    """What the walk recorded; `task_status` is each saved task's status in the store now (the
    state only knows what the walk saved, not what was done since)."""
    status = task_status or {}
    titles = {s.id: s.title for s in playbook.steps}
    objection_titles = {o.id: o.title for o in playbook.objections}
    return {
        "schema": "walk",
        "version": RECORD_VERSION,
        "session": session_id,
        "practice": practice,
        "status": state.status,
        "lead": lead,
        "playbook": state.playbook,
        "started_on": state.started_on,
        "stopped_at": None if state.finished else {"step": state.step_id, "phase": state.phase},
        "steps": [
            {
                "step": s.step,
                "title": titles.get(s.step, s.step),
                "answers": s.answers,
                "criteria": [
                    {"text": c.text, "met": c.met, "how": c.how, "applies": c.applies}
                    for c in s.criteria
                ],
                "criteria_skipped": s.criteria_skipped,
            }
            for s in state.steps
        ],
        "pending_answers": state.pending_answers(playbook),
        "objections": [
            {
                "step": o.step,
                "objection": o.objection,
                "said": o.said,
                "result": o.result,
                "title": objection_titles.get(o.objection or "", "not in the playbook"),
            }
            for o in state.objections
        ],
        "notes": [{"step": n.step, "text": n.text} for n in state.notes],
        "outcome": outcome_record(state.outcome) if state.outcome else None,
        "tasks": [
            {
                "id": t.id,
                "title": t.title,
                "due": t.due,
                "channel": t.channel,
                "cadence": t.cadence,
                "kept": t.kept,
                "edited": t.edited,
                "status": status.get(t.id) if t.id is not None else None,
            }
            for t in state.tasks
        ],
    }


def outcome_record(outcome: Mapping[str, Any]) -> WalkOutcome:
    """The outcome as recorded (only the answers given), with its one-line description."""
    record: WalkOutcome = {
        "outcome": outcome["outcome"],
        "on": outcome["on"],
        "text": describe_outcome(outcome),
    }
    if "loss_reason" in outcome:
        record["loss_reason"] = outcome["loss_reason"]
    if "next_step_date" in outcome:
        record["next_step_date"] = outcome["next_step_date"]
    if "deal_value" in outcome:
        record["deal_value"] = outcome["deal_value"]
    return record
