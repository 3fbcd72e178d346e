"""The published JSON of `report --json` and `goal list --json`.

`build_report` (core/reporting/report.py) builds the report and documents how each figure is
counted; `GoalProgress.to_dict` (core/reporting/goals.py) builds a goal's progress.
"""

from __future__ import annotations

from typing import Annotated, Literal

from typing_extensions import TypedDict

from salescoach.core.kernel.jsonshape import Count, Day, Keywords, Share, one_of
from salescoach.core.kernel.periods import PERIODS
from salescoach.core.kernel.steps import STEP_IDS
from salescoach.core.reporting.metrics import METRICS

# A ratio that is null when there was nothing to divide by.
Ratio = Annotated[float, Keywords(minimum=0)] | None
Metric = Annotated[str, Keywords(enum=list(METRICS))]


class GoalProgressRecord(TypedDict):
    """A goal's progress over its own period that contains the day measured."""

    metric: Metric
    label: str
    period: Annotated[str, one_of(PERIODS)]
    start: Day
    end: Day
    target: Annotated[float, Keywords(exclusiveMinimum=0)]
    actual: float
    share: float
    remaining: float
    expected_by_today: float
    on_pace: bool
    met: bool


class GoalJSON(GoalProgressRecord):
    """One goal with its progress: `goal list --json` prints an array of them."""

    schema: Literal["goal"]
    version: Literal[1]


class ReportPeriod(TypedDict):
    label: str
    start: Day
    end: Day
    today: Day


class StepChannelRow(TypedDict):
    step: str  # a step id, or "none"
    channel: str  # a channel, or "none" for notes to self
    interactions: Count
    leads: Count


class StepRow(TypedDict):
    step: str
    interactions: Count


class ChannelRow(TypedDict):
    channel: str
    interactions: Count


class ReportActivity(TypedDict):
    interactions: Count
    leads: Count
    by_step_channel: list[StepChannelRow]
    by_step: list[StepRow]
    by_channel: list[ChannelRow]


class FunnelStep(TypedDict):
    step: Annotated[str, one_of(STEP_IDS)]
    position: Annotated[int, Keywords(minimum=1, maximum=len(STEP_IDS))]
    reached: Count
    conversion: Ratio
    average_days: Ratio
    moved_on: Count


class ReportFunnel(TypedDict):
    leads: Count
    steps: Annotated[list[FunnelStep], Keywords(minItems=len(STEP_IDS), maxItems=len(STEP_IDS))]
    won: Count
    lost: Count
    no_decision: Count
    win_rate: Ratio


class ReportSla(TypedDict):
    leads: Count
    met: Count
    late: Count
    missed: Count
    pending: Count
    compliance: Ratio
    median_hours_to_first_contact: float | None


class ObjectionRow(TypedDict):
    family: str | None  # null: logged without a family
    raised: Count
    resolved: Count
    partly: Count
    not_resolved: Count
    unrecorded: Count
    resolution_rate: Ratio


class DrillRow(TypedDict):
    drill: str
    runs: Count
    items: Count
    share: Ratio


class FamilyRow(TypedDict):
    family: str
    attempts: Count
    share: Ratio


class ReportTraining(TypedDict):
    items: Count
    by_drill: list[DrillRow]
    by_family: list[FamilyRow]


class ReportJSON(TypedDict):
    """Activity, funnel, SLA, objections, training and goals for a period: `report --json`.

    `schema_version` repeats `version` for scripts written before `version` was added."""

    schema: Literal["report"]
    version: Literal[1]
    schema_version: Literal[1]
    period: ReportPeriod
    activity: ReportActivity
    metrics: Annotated[
        dict[str, Share], Keywords(required=list(METRICS), propertyNames={"enum": list(METRICS)})
    ]
    funnel: ReportFunnel
    sla: ReportSla
    objections: list[ObjectionRow]
    training: ReportTraining
    goals: list[GoalProgressRecord]
