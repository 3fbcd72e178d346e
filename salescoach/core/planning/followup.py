"""What a call's outcome means for the follow-up: the outcome as data, and the tasks to propose.

The closing step's conventional questions (`outcome`, `loss_reason`, `next_step_date`,
`deal_value`) make the outcome. The tasks are the playbook's cadence for that outcome, counted
from the day the outcome was recorded (so re-running the follow-up step on another day proposes
the same tasks, which the store then de-duplicates), plus the next step the buyer agreed to.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from salescoach.core.kernel.amounts import grouped

if TYPE_CHECKING:
    from salescoach.core.planning.cadence import PlannedTask
    from salescoach.core.playbook.parts import Playbook

OUTCOME_QUESTIONS = ("outcome", "loss_reason", "next_step_date", "deal_value")
CLOSED_STATUSES = {"won": "won", "lost": "lost"}


def outcome_of(answers: Mapping[str, Any], on: date) -> dict[str, Any] | None:
    """The call's outcome from the closing answers (question id -> value), or None."""
    if not answers.get("outcome"):
        return None
    found = {k: answers[k] for k in OUTCOME_QUESTIONS if answers.get(k) not in (None, "")}
    return {**found, "on": on.isoformat()}


def stage_outcome(
    status: str | None, reason: str | None, value: float | None, on: date
) -> dict[str, Any] | None:
    """The outcome `lead stage --won/--lost` records when it sets `status`: the same record as
    the walk's closing step makes (None for any other status)."""
    if status not in CLOSED_STATUSES:
        return None
    answers = {
        "outcome": status,
        "loss_reason": reason if status == "lost" else None,
        "deal_value": value if status == "won" else None,
    }
    return outcome_of(answers, on)


def describe_outcome(outcome: Mapping[str, Any]) -> str:
    """One line for the log, e.g. "next step agreed for 2026-03-18"."""
    kind = str(outcome["outcome"])
    if kind == "lost":
        reason = outcome.get("loss_reason")
        return f"lost: {reason}" if reason else "lost"
    if kind == "won":
        value = outcome.get("deal_value")
        return f"won (value {grouped(value)})" if isinstance(value, int | float) else "won"
    if kind == "next_step":
        when = outcome.get("next_step_date")
        return f"next step agreed for {when}" if when else "next step agreed"
    return kind.replace("_", " ")


def propose_tasks(
    playbook: Playbook, outcome: Mapping[str, Any], lead_label: str, today: date
) -> list[PlannedTask]:
    """The follow-up tasks for `outcome`: the agreed next step first, then the cadence."""
    # Imported here, at the follow-up step: the walk's first question comes sooner.
    from salescoach.core.planning.cadence import PlannedTask, cadence_for, schedule

    anchor = date.fromisoformat(outcome["on"])
    cadence = cadence_for(playbook, outcome["outcome"])
    tasks: list[PlannedTask] = []
    agreed = outcome.get("next_step_date")
    if outcome["outcome"] == "next_step" and agreed:
        due = max(date.fromisoformat(agreed), today)
        tasks.append(
            PlannedTask(
                title=f"Agreed next step with {lead_label}",
                due=due,
                channel="call",
                cadence=cadence.id if cadence else "next_step",
                dedupe_key=f"next_step:{agreed}",
                stop_on_reply=False,
                note="Agreed on the call; run `salescoach prep` before it.",
                priority="high",
            )
        )
    if cadence is not None:
        tasks += schedule(cadence, anchor, today)
    return tasks
