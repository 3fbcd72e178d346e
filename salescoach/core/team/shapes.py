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


class TeamPlanDrillJSON(TypedDict):
    gid: str
    rep: str
    drill: str  # objections or scenario
    target: str  # the objection family or the scenario id
    due: str | None
    overdue: bool
    assigned_at: str


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
    drills: list[TeamPlanDrillJSON]  # assigned and not done, overdue first


class TeamVersionJSON(TypedDict):
    playbook: str
    version: str | None  # the hub's number, "sha256:..." for a local playbook, null: unknown
    leads: Count
    won: Count
    lost: Count
    no_decision: Count
    win_rate: float | None  # null: no lead decided
    days_per_step: dict[str, float | None]  # step id -> average days to the next step reached
    moved_on: dict[str, Count]  # step id -> leads that moved on from it


class TeamVersionsJSON(TypedDict):
    """Win rate and days per step per playbook version: `team report --by-playbook-version`."""

    schema: Literal["team-playbook-versions"]
    version: Literal[1]
    period: TeamPeriodJSON
    today: str
    figures: list[TeamFigureJSON]  # what each figure counts, defined once
    versions: list[TeamVersionJSON]


class TeamImportLeadJSON(TypedDict):
    line: int
    label: str  # the lead's name (and company)
    owner: str | None  # the rep it goes to; null: unassigned (stays the manager's)


class TeamImportProblemJSON(TypedDict):
    line: int
    message: str


class TeamImportDuplicateJSON(TypedDict):
    line: int
    label: str
    same_as: str  # "a lead on the hub" or "line N", an earlier row of the file
    why: str  # "e-mail" or "name and company"


class TeamImportJSON(TypedDict):
    """What `team import` routed (or would route, with `dry_run`): `team import --json`."""

    schema: Literal["team-import"]
    version: Literal[1]
    file: str
    dry_run: bool
    method: str  # round-robin, by-owner or by-capacity
    routed: dict[str, Count]  # rep -> new leads routed to them
    unassigned: Count
    duplicates: Count  # rows the hub (or the file, earlier) already had
    duplicate_rows: list[TeamImportDuplicateJSON]  # each of them, in file order
    notes: Count  # descriptions turned into the lead's first note
    leads: list[TeamImportLeadJSON]
    problems: list[TeamImportProblemJSON]  # bad rows, skipped
