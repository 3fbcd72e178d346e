"""Activity goals: which metrics exist, how targets are checked, and progress as data.

A goal is a target for one metric per period (day, week, month or quarter; one goal per
metric and period). Progress is measured over the calendar period containing the given day
(see salescoach.core.kernel.periods), by a `measure(metric, span)` function the store provides.
What each metric counts (all from the interaction log and the leads' contact stamps):

- calls: lead-days with an interaction on the `call` channel (several rows about one lead
  on one day, as a guided walk writes, are one call);
- meetings, emails: the same on the `meeting` and `email` channels;
- contacts: new leads contacted, i.e. leads whose first contact falls in the period;
- proposals: lead-days with a contact (any channel) at the presentation step;
- deals_won: leads with an interaction whose result is `won` in the period;
- revenue_won: the value of those deals: `deal_value` in the won row's detail, else the
  lead's recorded `deal_value` answer.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from salescoach.core.kernel.amounts import parse_amount
from salescoach.core.kernel.periods import PERIODS, Span, period_span
from salescoach.core.reporting.metrics import METRICS as METRICS
from salescoach.errors import UsageError

if TYPE_CHECKING:
    from salescoach.core.reporting.shapes import GoalJSON, GoalProgressRecord

ALIASES = {
    "call": "calls",
    "meeting": "meetings",
    "email": "emails",
    "contacted": "contacts",
    "contact": "contacts",
    "new_leads": "contacts",
    "new_leads_contacted": "contacts",
    "leads_contacted": "contacts",
    "proposal": "proposals",
    "presentations": "proposals",
    "presentation": "proposals",
    "won": "deals_won",
    "deals": "deals_won",
    "wins": "deals_won",
    "revenue": "revenue_won",
}
MAX_TARGET = 1e12
ADJECTIVES = {"day": "daily", "week": "weekly", "month": "monthly", "quarter": "quarterly"}


@dataclass(frozen=True)
class Goal:
    metric: str
    target: float
    period: str


@dataclass(frozen=True)
class GoalProgress:
    metric: str
    period: str
    target: float
    actual: float
    span: Span
    today: date
    by_manager: bool = False  # set by the team's manager (pulled from the hub), not the rep

    @property
    def label(self) -> str:
        return METRICS[self.metric]

    @property
    def share(self) -> float:
        return self.actual / self.target

    @property
    def percent(self) -> int:
        return round(100 * self.share)

    @property
    def remaining(self) -> float:
        return max(self.target - self.actual, 0.0)

    @property
    def expected(self) -> float:
        """Where a steady pace would be by the end of `today`."""
        return self.target * self.span.elapsed_days(self.today) / self.span.days

    @property
    def met(self) -> bool:
        return self.actual >= self.target

    @property
    def on_pace(self) -> bool:
        return self.actual >= self.expected

    def to_dict(self) -> GoalProgressRecord:
        return {
            "metric": self.metric,
            "label": self.label,
            "period": self.period,
            "start": self.span.start.isoformat(),
            "end": self.span.end.isoformat(),
            "target": self.target,
            "actual": self.actual,
            "share": round(self.share, 4),
            "remaining": self.remaining,
            "expected_by_today": round(self.expected, 2),
            "on_pace": self.on_pace,
            "met": self.met,
        }

    def to_json(self) -> GoalJSON:
        return {"schema": "goal", "version": 1, **self.to_dict()}


def resolve_metric(text: str) -> str:
    word = text.strip().lower().replace("-", "_").replace(" ", "_")
    word = ALIASES.get(word, word)
    if word not in METRICS:
        raise UsageError(f"unknown metric {text!r}", hint="metrics: " + ", ".join(METRICS))
    return word


def resolve_period(text: str) -> str:
    word = text.strip().lower()
    word = {adjective: period for period, adjective in ADJECTIVES.items()}.get(word, word)
    if word not in PERIODS:
        raise UsageError(f"unknown period {text!r}", hint="periods: " + ", ".join(PERIODS))
    return word


def check_target(text: str) -> float:
    """A target as typed: a positive number (1,500, $1,500 and 1_500 are read as 1500)."""
    try:
        value = float(parse_amount(text))
    except ValueError:
        raise UsageError(f"the target {text!r} is not a number") from None
    if not math.isfinite(value) or value <= 0:
        raise UsageError(f"the target must be a number above zero, not {text!r}")
    if value > MAX_TARGET:
        raise UsageError(f"the target {text!r} is too large")
    return value


def progress(
    goals: Sequence[Goal],
    today: date,
    measure: Callable[[str, Span], float],
    periods: Sequence[str] = PERIODS,
) -> list[GoalProgress]:
    """Progress of each goal whose period is in `periods`, in period then metric order."""
    wanted = [g for g in goals if g.period in periods]
    wanted.sort(key=lambda g: (PERIODS.index(g.period), list(METRICS).index(g.metric)))
    rows = []
    for goal in wanted:
        span = period_span(goal.period, today)
        rows.append(
            GoalProgress(
                goal.metric, goal.period, goal.target, measure(goal.metric, span), span, today
            )
        )
    return rows
