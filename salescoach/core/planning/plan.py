"""The daily plan as data: what to do today, in the order to do it, and why.

`build_plan` turns the small results of the plan queries (store.plan_queries) into a
`DailyPlan`; the renderers (ui.plan_view) and `plan_to_json` only show it. Each list keeps its
first items and the number left out, so a store with thousands of overdue tasks still gives a
plan that fits a screen, and scripts still learn the true totals.

Goal progress comes as `core.goals.GoalProgress` rows for the day and the week (computed by
store.goals from the log); no goals, nothing shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Generic, Literal, TypeVar

from salescoach.core.kernel.records import Channel, lead_label
from salescoach.core.planning.tasks import Task
from salescoach.core.planning.urgency import score, why
from salescoach.core.reporting.goals import GoalProgress

if TYPE_CHECKING:
    from salescoach.core.planning.shapes import LeadRefRecord, PlanCounts, PlanJSON

PLAN_VERSION: Literal[1] = 1
FAIL_ON = ("overdue", "sla")
# The tasks listed under "calls today", each with the command that prepares for it.
CALL_CHANNELS: tuple[Channel, ...] = ("call", "meeting")
T = TypeVar("T")


@dataclass(frozen=True)
class LeadRef:
    id: int
    name: str
    company: str | None

    @property
    def label(self) -> str:
        return lead_label(self.name, self.company)

    def to_json(self) -> LeadRefRecord:
        return {"id": self.id, "name": self.name, "company": self.company}


@dataclass(frozen=True)
class Section(Generic[T]):
    items: tuple[T, ...] = ()
    total: int = 0

    @property
    def more(self) -> int:
        return max(self.total - len(self.items), 0)


@dataclass(frozen=True)
class PlanTask:
    id: int
    lead: LeadRef
    title: str
    due: date
    channel: str | None
    priority: str
    days_late: int
    urgency: float
    why: str


@dataclass(frozen=True)
class SlaRow:
    """A lead not contacted yet whose first-contact deadline is today or gone."""

    lead: LeadRef
    temperature: str
    sla_due: date


@dataclass(frozen=True)
class StaleRow:
    """An open deal with no interaction (nor step change) since `idle_since`."""

    lead: LeadRef
    step: str
    idle_since: date
    limit_days: int


@dataclass(frozen=True)
class PlanInput:
    """What the plan queries found for `today`: first pages and true totals."""

    due_tasks: Sequence[Task] = ()
    overdue_count: int = 0
    due_today_count: int = 0
    sla: Sequence[SlaRow] = ()
    sla_broken_count: int = 0
    sla_today_count: int = 0
    stale: Sequence[StaleRow] = ()
    stale_count: int = 0
    calls: Sequence[Task] = ()
    calls_count: int = 0
    goals: Sequence[GoalProgress] = ()
    warnings: Sequence[str] = ()


@dataclass(frozen=True)
class DailyPlan:
    date: date
    tasks: Section[PlanTask]
    sla: Section[SlaRow]
    stale: Section[StaleRow]
    calls: Section[Task]
    goals: tuple[GoalProgress, ...]
    counts: PlanCounts
    warnings: tuple[str, ...] = field(default=())

    @property
    def is_empty(self) -> bool:
        return not (self.tasks.total or self.sla.total or self.stale.total or self.calls.total)


def lead_of(task: Task) -> LeadRef:
    return LeadRef(task.lead_id, task.lead_name, task.lead_company)


def plan_task(task: Task, today: date) -> PlanTask:
    urgency = score(task.urgency_input(), today)
    return PlanTask(
        id=task.id,
        lead=lead_of(task),
        title=task.title,
        due=task.due,
        channel=task.channel,
        priority=task.priority,
        days_late=(today - task.due).days,
        urgency=urgency.total,
        why=why(urgency),
    )


def build_plan(today: date, found: PlanInput) -> DailyPlan:
    sla = sorted(found.sla, key=lambda r: (r.sla_due, r.lead.id))  # broken (oldest) first
    return DailyPlan(
        date=today,
        tasks=Section(
            tuple(plan_task(t, today) for t in found.due_tasks),
            found.overdue_count + found.due_today_count,
        ),
        sla=Section(tuple(sla), found.sla_broken_count + found.sla_today_count),
        stale=Section(tuple(found.stale), found.stale_count),
        calls=Section(tuple(found.calls), found.calls_count),
        goals=tuple(found.goals),
        counts={
            "overdue": found.overdue_count,
            "due_today": found.due_today_count,
            "sla_broken": found.sla_broken_count,
            "sla_due_today": found.sla_today_count,
            "stale": found.stale_count,
            "calls_today": found.calls_count,
        },
        warnings=tuple(found.warnings),
    )


def alerts(plan: DailyPlan, fail_on: Sequence[str]) -> list[str]:
    """Why a script asked to be alerted (`plan --fail-on`): empty when all is well."""
    reasons = []
    if "overdue" in fail_on and plan.counts["overdue"]:
        count = plan.counts["overdue"]
        reasons.append(f"{count} overdue follow-up{'s' if count != 1 else ''}")
    if "sla" in fail_on and plan.counts["sla_broken"]:
        count = plan.counts["sla_broken"]
        reasons.append(f"{count} broken first-contact SLA{'s' if count != 1 else ''}")
    return reasons


def prep_command(lead_id: int) -> str:
    return f"salescoach prep {lead_id}"


def idle_days(row: StaleRow, today: date) -> int:
    return (today - row.idle_since).days


def plan_to_json(plan: DailyPlan, generated_at: datetime) -> PlanJSON:
    """The published shape (README, `<!-- section: plan -->`; core/planning/shapes.py)."""
    today = plan.date
    return {
        "schema": "plan",
        "version": PLAN_VERSION,
        "date": today.isoformat(),
        "generated_at": generated_at.isoformat(timespec="seconds"),
        "counts": plan.counts,
        "tasks": {
            "items": [
                {
                    "id": t.id,
                    "lead": t.lead.to_json(),
                    "title": t.title,
                    "due": t.due.isoformat(),
                    "channel": t.channel,
                    "priority": t.priority,
                    "days_overdue": max(t.days_late, 0),
                    "urgency": round(t.urgency, 2),
                    "why": t.why,
                }
                for t in plan.tasks.items
            ],
            "more": plan.tasks.more,
        },
        "sla": {
            "items": [
                {
                    "lead": r.lead.to_json(),
                    "temperature": r.temperature,
                    "sla_due": r.sla_due.isoformat(),
                    "state": "broken" if r.sla_due < today else "due_today",
                    "days_late": max((today - r.sla_due).days, 0),
                }
                for r in plan.sla.items
            ],
            "more": plan.sla.more,
        },
        "stale": {
            "items": [
                {
                    "lead": r.lead.to_json(),
                    "step": r.step,
                    "idle_since": r.idle_since.isoformat(),
                    "idle_days": idle_days(r, today),
                    "stale_after_days": r.limit_days,
                }
                for r in plan.stale.items
            ],
            "more": plan.stale.more,
        },
        "calls": {
            "items": [
                {
                    "task_id": c.id,
                    "lead": lead_of(c).to_json(),
                    "title": c.title,
                    "channel": c.channel,
                    "prep": prep_command(c.lead_id),
                }
                for c in plan.calls.items
            ],
            "more": plan.calls.more,
        },
        "goals": [
            {
                "metric": g.metric,
                "period": g.period,
                "target": g.target,
                "actual": g.actual,
                "percent": g.percent,
                "set_by_manager": g.by_manager,
            }
            for g in plan.goals
        ],
        "warnings": list(plan.warnings),
    }
