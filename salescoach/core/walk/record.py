"""The record of one walk, as `walk --json` prints it (version 1 of this shape).

{"version": 1, "session": 12, "practice": false, "status": "finished" | "open",
 "lead": {"id": 3, "name": ..., "company": ..., "step": ..., "status": ...},
 "playbook": "b2b-saas", "started_on": "2026-03-11",
 "stopped_at": null | {"step": "approach", "phase": "questions"},
 "steps": [{"step": "prospecting", "title": ..., "answers": {question id: value},
            "criteria": [{"text": ..., "met": true, "how": "condition"}],
            "criteria_skipped": false}],
 "pending_answers": {question id: value},   # given in the unfinished step, not yet recorded
 "objections": [{"step": ..., "objection": "price", "title": ..., "said": ..., "result": ...}],
 "notes": [{"step": ..., "text": ...}],
 "outcome": null | {"outcome": "next_step", "next_step_date": ..., "on": ..., "text": ...},
 "tasks": [{"id": 7, "title": ..., "due": "2026-03-12", "channel": "email",
            "cadence": "after_call", "kept": true, "edited": false}]}
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from salescoach.core.planning.followup import describe_outcome
from salescoach.core.playbook.model import Playbook
from salescoach.core.walk.state import WalkState

RECORD_VERSION = 1


def session_record(
    state: WalkState,
    playbook: Playbook,
    *,
    session_id: int | None,
    lead: dict[str, Any],
    practice: bool = False,
) -> dict[str, Any]:
    titles = {s.id: s.title for s in playbook.steps}
    objection_titles = {o.id: o.title for o in playbook.objections}
    return {
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
                "criteria": [asdict(c) for c in s.criteria],
                "criteria_skipped": s.criteria_skipped,
            }
            for s in state.steps
        ],
        "pending_answers": state.pending_answers(playbook),
        "objections": [
            {
                **asdict(o),
                "title": objection_titles.get(o.objection or "", "not in the playbook"),
            }
            for o in state.objections
        ],
        "notes": [asdict(n) for n in state.notes],
        "outcome": {**state.outcome, "text": describe_outcome(state.outcome)}
        if state.outcome
        else None,
        "tasks": [
            {
                "id": t.id,
                "title": t.title,
                "due": t.due,
                "channel": t.channel,
                "cadence": t.cadence,
                "kept": t.kept,
                "edited": t.edited,
            }
            for t in state.tasks
        ],
    }
