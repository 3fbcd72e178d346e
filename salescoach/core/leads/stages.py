"""Moving a lead through the seven steps, and closing it as won, lost or archived.

Every status change is one `Transition`, whoever asks (`lead stage`, `lead archive`, the walk):
a `Move` to another step, a `Close` as won, lost or archived, or a `Reopen`. Each kind holds only
what it may: a reopening has no outcome, a move always names its step, and a lost deal closed
by hand carries its reason, so none of those mistakes can be built. `plan_stage_change` then
checks the transition against the lead and says what to write.

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
from typing import Any, Literal

from salescoach.core.kernel.records import CLOSED_STATUSES, ClosedStatus, Lead
from salescoach.core.kernel.safe_text import check_text
from salescoach.core.kernel.steps import STEP_IDS
from salescoach.core.walk.advance import step_after
from salescoach.errors import UsageError

WON_STEPS = ("closing", "follow_up")
By = Literal["walk"]  # who asks, when not the rep by hand


def _check_step(step: str) -> None:
    if step not in STEP_IDS:
        raise UsageError(f"unknown step {step!r}", hint="steps: " + ", ".join(STEP_IDS))


@dataclass(frozen=True)
class Move:
    """To `step`, the status kept."""

    step: str
    by: By | None = None

    def __post_init__(self) -> None:
        _check_step(self.step)


@dataclass(frozen=True)
class Close:
    """Won, lost or archived, at `step` (None: where the lead is), with why."""

    outcome: ClosedStatus
    reason: str | None = None
    step: str | None = None
    by: By | None = None

    def __post_init__(self) -> None:
        if self.step is not None:
            _check_step(self.step)
        if self.outcome not in CLOSED_STATUSES:
            raise UsageError(f"unknown outcome {self.outcome!r}")
        reason = check_text("reason", (self.reason or "").strip())
        object.__setattr__(self, "reason", reason or None)
        if self.outcome == "lost" and self.reason is None and self.by != "walk":
            raise UsageError("say why the deal was lost", hint='--lost "chose a competitor"')


@dataclass(frozen=True)
class Reopen:
    """Open again a won, lost or archived lead, at `step` (None: where it is)."""

    step: str | None = None
    by: By | None = None

    def __post_init__(self) -> None:
        if self.step is not None:
            _check_step(self.step)


Transition = Move | Close | Reopen


def transition(
    step: str | None,
    *,
    outcome: ClosedStatus | None = None,
    reason: str | None = None,
    reopen: bool = False,
) -> Transition:
    """The transition a command's options ask for (`lead stage STEP [--won|--lost|--reopen]`,
    `lead archive`); refuses the options that make none."""
    if step is not None:
        _check_step(step)
    if outcome is not None and reopen:
        raise UsageError("reopen and an outcome (won, lost, archive) do not go together")
    if outcome is not None:
        return Close(outcome, reason, step)
    if reopen:
        return Reopen(step)
    if step is None:
        raise UsageError("a move needs a step", hint="steps: " + ", ".join(STEP_IDS))
    return Move(step)


@dataclass(frozen=True)
class StageChange:
    """What to write: the lead columns, the log line, and whether to cancel cadence tasks."""

    changes: dict[str, Any]
    summary: str
    detail: dict[str, Any] = field(default_factory=dict)
    cancel_reason: str | None = None
    # The walk's own step-by-step advance never cancels anything and its log line has never
    # carried a count; every other change reports how many cadence tasks it cancelled.
    reports_cancelled: bool = True

    @property
    def to_step(self) -> str:
        return str(self.detail["to_step"])

    def log_text(self, cancelled: int) -> str:
        return self.summary + (f"; {cancelled} cadence task(s) cancelled" if cancelled else "")

    def log_detail(self, cancelled: int) -> dict[str, Any]:
        if not self.reports_cancelled:
            return dict(self.detail)
        return {**self.detail, "cancelled_tasks": cancelled}


def plan_stage_change(lead: Lead, asked: Transition) -> StageChange:
    """The change `asked` makes to `lead`. Raises UsageError when it breaks a rule above."""
    target = asked.step or lead.step
    _check_step(target)
    outcome = asked.outcome if isinstance(asked, Close) else None
    won_moving_on = lead.status == "won" and target in WON_STEPS
    moving = target != lead.step and not won_moving_on
    if lead.status in CLOSED_STATUSES and isinstance(asked, Move) and moving and asked.by is None:
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
        raise UsageError(
            f"{lead.label} is already {outcome}",
            hint="move it without --won/--lost" if target != lead.step else None,
        )

    changes: dict[str, Any] = {}
    if target != lead.step:
        changes["step"] = target
    if isinstance(asked, Close):
        changes.update(status=asked.outcome, status_reason=asked.reason)
    elif isinstance(asked, Reopen):
        if lead.status == "open":
            raise UsageError(f"{lead.label} is already open")
        changes.update(status="open", status_reason=None)
    if not changes:
        raise UsageError(f"{lead.label} is already at {target} and {lead.status}")

    moves = [f"{lead.step} → {target}"] if "step" in changes else []
    reason = asked.reason if isinstance(asked, Close) else None
    if isinstance(asked, Close):
        moves.append(asked.outcome + (f": {reason}" if reason else ""))
    elif isinstance(asked, Reopen):
        moves.append(f"reopened (was {lead.status})")
    detail = {"from_step": lead.step, "to_step": target, "from_status": lead.status}
    detail["to_status"] = changes.get("status", lead.status)
    if reason:
        detail["reason"] = reason
    if asked.by:
        detail["by"] = asked.by
    cancel = f"lead {outcome}" if outcome is not None else None
    if isinstance(asked, Reopen):
        # The won or lost follow-ups (onboarding, the 90-day revisit) no longer apply.
        cancel = "lead reopened"
    reports = not (isinstance(asked, Move) and asked.by == "walk")
    return StageChange(changes, "; ".join(moves), detail, cancel, reports)


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
    return plan_stage_change(lead, Reopen(by="walk"))


def plan_walk_outcome(lead: Lead, outcome: Mapping[str, Any]) -> StageChange | None:
    """The status change a walk's closing outcome makes, or None when the status stays:
    won or lost closes the lead (a win at closing unless it is already at follow-up); any
    other outcome on a closed lead means the buyer talks again, so it is reopened."""
    kind = str(outcome["outcome"])
    if kind in ("won", "lost"):
        closed: ClosedStatus = "won" if kind == "won" else "lost"
        if lead.status == closed:
            return None
        step = lead.step if closed == "lost" or lead.step in WON_STEPS else "closing"
        reason = outcome.get("loss_reason") if closed == "lost" else None
        return plan_stage_change(lead, Close(closed, reason, step, by="walk"))
    if lead.status in CLOSED_STATUSES:
        return plan_stage_change(lead, Reopen(by="walk"))
    return None


def plan_walk_advance(lead: Lead, finished: str) -> StageChange | None:
    """The walk's move to the step after `finished`, or None: after the last step, or when the
    lead is already there or further on (a walk never moves a lead backwards). It follows the
    same rules as every move; the walk that closed a lead may still take it to follow-up."""
    upcoming = step_after(finished, lead.step)
    return None if upcoming is None else plan_stage_change(lead, Move(upcoming, by="walk"))
