"""The published JSON of `plan --format json` and of tasks (`tasks --json`, `tasks add ...
--json`). `plan_to_json` (core/planning/plan.py) builds the plan's, core/planning/jsonview.py
a task's; the README's plan section explains each field.
"""

from __future__ import annotations

from typing import Annotated, Literal, NotRequired

from typing_extensions import TypedDict

from salescoach.core.kernel.jsonshape import Count, Day, Keywords, Moment, one_of
from salescoach.core.kernel.leadfields import TEMPERATURES
from salescoach.core.kernel.shapes import Channel
from salescoach.core.planning.tasks import PRIORITIES, TASK_STATUSES

Priority = Annotated[str, one_of(PRIORITIES)]
ClockTime = Annotated[str, Keywords(pattern=r"^\d{2}:\d{2}$")]
"""A time of day on the local clock, 14:30."""


class LeadRefRecord(TypedDict):
    id: int
    name: str
    company: str | None


class UrgencyTerm(TypedDict):
    """One term of the urgency score (README: how urgency is computed)."""

    name: str
    value: float
    coefficient: float
    contribution: float
    detail: str


class TaskBasics(TypedDict):
    id: int
    lead: LeadRefRecord
    title: str
    due: Day
    channel: Channel | None
    priority: Priority


class TaskJSON(TaskBasics):
    """One follow-up task; `terms` only with `--explain`. `tasks --json` prints an array."""

    schema: Literal["task"]
    version: Literal[1]
    due_time: ClockTime | None  # a time of day on the due date; null: any time that day
    status: Annotated[str, one_of(TASK_STATUSES)]
    cadence: str | None
    note: str | None
    reason: str | None
    created_at: Moment
    closed_at: Moment | None
    urgency: float
    why: str
    terms: NotRequired[list[UrgencyTerm]]


class PlanCounts(TypedDict):
    """True totals, however many items each section lists."""

    overdue: Count
    due_today: Count
    sla_broken: Count
    sla_due_today: Count
    stale: Count
    calls_today: Count


class PlanTaskRecord(TaskBasics):
    days_overdue: Count
    urgency: float
    why: str


class PlanTasks(TypedDict):
    items: list[PlanTaskRecord]
    more: Count


class SlaRecord(TypedDict):
    lead: LeadRefRecord
    temperature: Annotated[str, one_of(TEMPERATURES)]
    sla_due: Day
    state: Literal["broken", "due_today"]
    days_late: Count


class PlanSla(TypedDict):
    items: list[SlaRecord]
    more: Count


class StaleRecord(TypedDict):
    lead: LeadRefRecord
    step: str
    idle_since: Day
    idle_days: Count
    stale_after_days: Annotated[int, Keywords(minimum=1)]


class PlanStale(TypedDict):
    items: list[StaleRecord]
    more: Count


class CallRecord(TypedDict):
    task_id: int
    lead: LeadRefRecord
    title: str
    channel: Channel | None
    prep: str


class PlanCalls(TypedDict):
    items: list[CallRecord]
    more: Count


class PlanGoal(TypedDict):
    metric: str
    period: Annotated[str, Keywords(enum=["day", "week"])]
    target: Annotated[float, Keywords(exclusiveMinimum=0)]
    actual: Annotated[float, Keywords(minimum=0)]
    percent: Count
    set_by_manager: bool  # the team's manager set it (`team goal set`); not the rep's to change


class PlanJSON(TypedDict):
    """Today's plan: `plan --format json`. Each section lists its first items and how many
    more there are."""

    schema: Literal["plan"]
    version: Literal[1]
    date: Day
    generated_at: Moment
    counts: PlanCounts
    tasks: PlanTasks
    sla: PlanSla
    stale: PlanStale
    calls: PlanCalls
    goals: list[PlanGoal]
    warnings: list[str]
