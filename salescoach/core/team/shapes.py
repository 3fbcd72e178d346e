"""The shape of `team report --json`.

Only TypedDicts: the commands import this for type checking only; core/published.py imports it
to generate the schema.
"""

from __future__ import annotations

from typing import Literal

from typing_extensions import TypedDict

from salescoach.core.kernel.jsonshape import Count
from salescoach.core.reporting.shapes import FamilyRow, FunnelStep, ObjectionRow, Ratio


class TeamFigureJSON(TypedDict):
    key: str
    label: str  # what is counted, with its unit (lead-days, leads, share)
    definition: str


class TeamStepValueJSON(TypedDict):
    step: str
    open_leads: Count
    valued_leads: Count  # open leads with a recorded deal_value answer
    value: float  # the sum of those deal values, in the currency they were recorded in


class TeamLossJSON(TypedDict):
    reason: str | None  # lower-cased; null: lost without a reason
    leads: Count


class TeamAdherenceJSON(TypedDict):
    step: str
    ended: Count  # leads whose step ended in the period (its last ending counts)
    skipped: Count  # of which moved on with exit criteria unmet
    criteria_skipped: Count  # exit criteria that applied and were not met
    adherence: Ratio  # (ended - skipped) / ended


class TeamWeakSpotJSON(TypedDict):
    family: str
    raised: Count  # objections of the family logged live in the period
    resolution_rate: Ratio  # as in `objections`
    drill_attempts: Count
    drill_share: Ratio  # as in `drills`


class TeamRepJSON(TypedDict):
    rep: str  # the rep's role name; "team" for the team's total
    current: bool  # False: a removed rep (or an owner that is no rep) still holding rows
    figures: dict[str, float | None]  # figure key -> value (null: a share of nothing)
    pipeline: dict[str, Count]  # step id -> open leads at that step now
    funnel: list[FunnelStep]  # every step in order, as in `report`'s funnel
    pipeline_value: list[TeamStepValueJSON]
    loss_reasons: list[TeamLossJSON]  # the most frequent first
    objections: list[ObjectionRow]  # as in `report`, the most raised first
    drills: list[FamilyRow]  # objection-drill items by family, the weakest first
    adherence: list[TeamAdherenceJSON]  # by step, in order
    weakest: list[TeamWeakSpotJSON]  # the families to coach first


class TeamPeriodJSON(TypedDict):
    label: str
    start: str
    end: str


class TeamReportJSON(TypedDict):
    """Every rep side by side and the team's total: `team report --json`."""

    schema: Literal["team-report"]
    version: Literal[1]
    period: TeamPeriodJSON
    today: str
    figures: list[TeamFigureJSON]  # in display order; each figure defined once, here
    tables: list[TeamFigureJSON]  # each per-rep table (key: its field in a rep), defined once
    reps: list[TeamRepJSON]
    total: TeamRepJSON


class TeamPlanLeadJSON(TypedDict):
    gid: str
    name: str | None
    company: str | None
    owner: str
    day: str | None  # the SLA deadline's day, or the day of the last thing logged


class TeamPlanGoalJSON(TypedDict):
    rep: str
    metric: str
    period: str
    target: float
    actual: float
    expected_by_today: float


class TeamPlanRepJSON(TypedDict):
    rep: str
    sla_breached: Count  # open, never contacted, SLA deadline's day before today
    sla_due_soon: Count  # the same, deadline today or tomorrow
    stale: Count


class TeamPlanJSON(TypedDict):
    """What needs the manager today: `team plan --json`."""

    schema: Literal["team-plan"]
    version: Literal[1]
    today: str
    reps: list[TeamPlanRepJSON]
    sla_breached: list[TeamPlanLeadJSON]
    sla_due_soon: list[TeamPlanLeadJSON]
    unassigned: list[TeamPlanLeadJSON]  # open leads owned by no current rep
    stale: list[TeamPlanLeadJSON]  # the oldest first, at most LISTED per rep
    behind_pace: list[TeamPlanGoalJSON]
