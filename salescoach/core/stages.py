"""Moving a lead through the seven steps, and closing it as won, lost or archived.

Rules (documented in the README):
- Any step may follow any other: real deals jump back and forth.
- `won` needs the closing or follow-up step (a deal is won when the buyer commits).
- `lost` needs a reason and may happen at any step (the buyer chose a rival at presentation).
- A lost or archived lead only moves again with `reopen`; a won one may move between
  closing and follow-up (after the win comes the follow-up), elsewhere only with `reopen`.
- Becoming won, lost or archived cancels the lead's open cadence tasks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from salescoach.core.playbook import STEP_IDS
from salescoach.core.records import Lead
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
) -> StageChange:
    """The change that moves `lead` to `step` (None keeps its step) with an optional outcome
    (`won`, `lost`, `archived`). Raises UsageError when the move breaks a rule above."""
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
    if outcome == "lost" and not reason:
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
    cancel = f"lead {outcome}" if outcome in CLOSED_STATUSES else None
    return StageChange(changes, "; ".join(moves), detail, cancel)
