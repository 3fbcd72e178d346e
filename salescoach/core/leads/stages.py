"""Moving a lead through the seven steps, and closing it as won, lost or archived.

Rules (documented in the README):
- Any step may follow any other: real deals jump back and forth.
- `won` needs the closing or follow-up step (a deal is won when the buyer commits).
- `lost` needs a reason and may happen at any step (the buyer chose a rival at presentation).
- A lost or archived lead only moves again with `reopen`; a won one may move between
  closing and follow-up (after the win comes the follow-up), elsewhere only with `reopen`.
- Becoming won, lost or archived cancels the lead's open cadence tasks.
- Closing a lead again as what it already is (won twice, archived twice) is refused.
- A walk on a won, lost or archived lead needs `--reopen`, which reopens it as above; only
  the walk that closed the lead may go on to its follow-up step without it.
- A walk's closing outcome changes the status by these same rules (a lost lead without a
  reason is allowed there: the playbook decides what it asks).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from salescoach.core.kernel.records import Lead
from salescoach.core.kernel.steps import STEP_IDS
from salescoach.errors import UsageError

WON_STEPS = ("closing", "follow_up")
CLOSED_STATUSES = ("won", "lost", "archived")


@dataclass(frozen=True)
class StageChange:
    """What to write: the lead columns, the log line, and whether to cancel cadence tasks."""

    changes: dict[str, Any]
    summary: str
    detail: dict[str, Any] = field(default_factory=dict)
    cancel_reason: str | None = None


def plan_stage_change(
    lead: Lead,
    step: str | None,
    *,
    outcome: str | None = None,
    reason: str | None = None,
    reopen: bool = False,
    by: str | None = None,
) -> StageChange:
    """The change that moves `lead` to `step` (None keeps its step) with an optional outcome
    (`won`, `lost`, `archived`). `by` names who asks when not the rep by hand (`walk`).
    Raises UsageError when the move breaks a rule above."""
    target = step or lead.step
    if target not in STEP_IDS:
        raise UsageError(f"unknown step {target!r}", hint="steps: " + ", ".join(STEP_IDS))
    reason = (reason or "").strip() or None
    if outcome is not None and reopen:
        raise UsageError("reopen and an outcome (won, lost, archive) do not go together")
    won_moving_on = lead.status == "won" and target in WON_STEPS
    moving = target != lead.step and not won_moving_on
    if lead.status in CLOSED_STATUSES and not reopen and outcome is None and moving:
        raise UsageError(
            f"{lead.label} is {lead.status}; reopen it to move it",
            hint="add --reopen",
        )
    if outcome == "won" and target not in WON_STEPS:
        raise UsageError(
            f"a deal is won at closing or follow-up, not at {target}",
            hint=f"salescoach lead stage {lead.id} closing --won",
        )
    if outcome is not None and outcome == lead.status:
        verb = "archived" if outcome == "archived" else outcome
        raise UsageError(
            f"{lead.label} is already {verb}",
            hint="move it without --won/--lost" if target != lead.step else None,
        )
    if outcome == "lost" and not reason and by != "walk":
        raise UsageError("say why the deal was lost", hint='--lost "chose a competitor"')
    if outcome is not None and outcome not in CLOSED_STATUSES:
        raise UsageError(f"unknown outcome {outcome!r}")

    changes: dict[str, Any] = {}
    if target != lead.step:
        changes["step"] = target
    if outcome is not None:
        changes.update(status=outcome, status_reason=reason)
    elif reopen:
        if lead.status == "open":
            raise UsageError(f"{lead.label} is already open")
        changes.update(status="open", status_reason=None)
    if not changes:
        raise UsageError(f"{lead.label} is already at {target} and {lead.status}")

    moves = [f"{lead.step} → {target}"] if "step" in changes else []
    if outcome is not None:
        moves.append(outcome + (f": {reason}" if reason else ""))
    elif reopen:
        moves.append(f"reopened (was {lead.status})")
    detail = {"from_step": lead.step, "to_step": target, "from_status": lead.status}
    detail["to_status"] = changes.get("status", lead.status)
    if reason:
        detail["reason"] = reason
    if by:
        detail["by"] = by
    cancel = f"lead {outcome}" if outcome in CLOSED_STATUSES else None
    if reopen and outcome is None:
        # The won or lost follow-ups (onboarding, the 90-day revisit) no longer apply.
        cancel = "lead reopened"
    return StageChange(changes, "; ".join(moves), detail, cancel)


def plan_walk_start(lead: Lead, *, reopen: bool, closed_by_this_walk: bool) -> StageChange | None:
    """The change a walk makes before it starts: None for an open lead (and for resuming the
    walk that closed it), the reopening of a closed one when `reopen`; otherwise refused, so
    a walk never silently talks to a closed deal."""
    if lead.status not in CLOSED_STATUSES or (closed_by_this_walk and not reopen):
        return None
    if not reopen:
        raise UsageError(
            f"{lead.label} is {lead.status}; walking it would reopen it",
            hint=f"add --reopen to reopen it: salescoach walk {lead.id} --reopen",
        )
    return plan_stage_change(lead, None, reopen=True, by="walk")


def plan_walk_outcome(lead: Lead, outcome: Mapping[str, Any]) -> StageChange | None:
    """The status change a walk's closing outcome makes, or None when the status stays:
    won or lost closes the lead (a win at closing unless it is already at follow-up); any
    other outcome on a closed lead means the buyer talks again, so it is reopened."""
    kind = str(outcome["outcome"])
    if kind in ("won", "lost"):
        if lead.status == kind:
            return None
        step = lead.step if kind == "lost" or lead.step in WON_STEPS else "closing"
        reason = outcome.get("loss_reason") if kind == "lost" else None
        return plan_stage_change(lead, step, outcome=kind, reason=reason, by="walk")
    if lead.status in CLOSED_STATUSES:
        return plan_stage_change(lead, None, reopen=True, by="walk")
    return None
