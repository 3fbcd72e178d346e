"""Which follow-ups a lead's news cancels, and how a cancelled one comes back.

A reply ends the chase of an open deal: the stop-on-reply cadences (the nudges that wait for an
answer) of a lead that is still open. The touches after a win or a loss (onboarding, the 90-day
revisit) are not a chase: a lost buyer saying "thanks" must not wipe them. A win, a loss, an
archive or a reopening cancels every open cadence task of the lead (`core.leads.stages`).

Every cancellation is told to the rep with what it cancelled, and `tasks reopen ID` undoes it:
the task is open again, due when it was due (today, if that day has passed). A dropped task
reopens the same way. A done task does not: its doing is already in the interaction log, which
is append-only, so a task done by mistake is added again instead.
"""

from __future__ import annotations

from datetime import date

from salescoach.core.kernel.cancelled import CancelledTask
from salescoach.errors import UsageError

__all__ = ["REPLY_REASON", "CancelledTask", "reopened_due", "reply_cancels", "require_reopenable"]

REPLY_REASON = "lead replied"
REOPENABLE = ("cancelled", "dropped")


def reply_cancels(lead_status: str) -> bool:
    """Whether a reply from a lead with this status stops its stop-on-reply cadences."""
    return lead_status == "open"


def require_reopenable(task_id: int, status: str, lead_status: str) -> None:
    if status == "open":
        raise UsageError(f"task {task_id} is already open")
    if status not in REOPENABLE:
        raise UsageError(
            f"task {task_id} is {status}; it is in the interaction log as done, so it stays done",
            hint="add it again: salescoach tasks add LEAD TITLE --due DATE",
        )
    if lead_status == "archived":
        raise UsageError(
            f"task {task_id}'s lead is archived; reopen the lead first",
            hint="salescoach lead stage LEAD STEP --reopen",
        )


def reopened_due(due: date, today: date) -> date:
    """A reopened task keeps its due date, or is due today when that date has passed."""
    return max(due, today)
