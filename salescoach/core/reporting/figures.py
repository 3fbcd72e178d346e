"""Figures the local report and the team's report share, each defined here once.

The stores count (SQLite for `report`, the hub's desk tables for `team report`); these turn
the counts into the published figures, so both reports mean the same by the same word:

- Funnel: a lead has reached a step when it got that far (its furthest step, as
  salescoach.core.reporting.report defines it); reaching a later step counts as passing every
  earlier one. Conversion is reached(step) / reached(previous step).
- Days per step: the mean (not the median) of the days from the lead's first interaction at a
  step to its first interaction at the next step it reached, over the leads that moved on.
- Objections: the resolution rate is resolved / (resolved + partly + not resolved); an
  objection logged without a result is `unrecorded` and counts in neither.
- Drill proficiency: the mean share of points (score / max score, a negative score as 0) over
  the drill items practised with a maximum above 0.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import datetime
from itertools import pairwise
from typing import TYPE_CHECKING

from salescoach.core.kernel.steps import STEP_IDS

if TYPE_CHECKING:
    from salescoach.core.reporting.shapes import FunnelStep, ObjectionRow

OBJECTION_RESULTS = ("resolved", "partly", "not_resolved")


def ratio(part: float, whole: float) -> float | None:
    """part / whole to four places; None when there is nothing to divide by."""
    return round(part / whole, 4) if whole else None


def reached_from_furthest(furthest: Mapping[int, int]) -> dict[str, int]:
    """Step id -> leads that got at least that far, from {furthest position (1-based): leads}."""
    reached = dict.fromkeys(STEP_IDS, 0)
    for position, leads in furthest.items():
        for step in STEP_IDS[:position]:
            reached[step] += leads
    return reached


def days_per_step(leads: Iterable[Mapping[str, datetime]]) -> dict[str, tuple[float, int]]:
    """Step id -> (mean days, leads that moved on), from each lead's first arrival at each
    step (`leads`: step id -> when). A lead moves on from a step to the step it reached next:
    the next by time, ties in the playbook's order; a step the playbook does not have counts
    in neither. The stores compute the same in SQL (the local report's and the hub's funnel)."""
    position = {step: n for n, step in enumerate(STEP_IDS)}
    spent: dict[str, list[float]] = defaultdict(list)
    for arrivals in leads:
        known = sorted((at, position[s], s) for s, at in arrivals.items() if s in position)
        for (here, _, step), (there, _, _) in pairwise(known):
            spent[step].append((there - here).total_seconds() / 86400)
    return {step: (sum(days) / len(days), len(days)) for step, days in spent.items()}


def funnel_steps(
    reached: Mapping[str, int], days: Mapping[str, tuple[float, int]]
) -> list[FunnelStep]:
    """Every step in order, with its conversion from the step before and its mean days
    (`days`: step id -> (mean days, leads that moved on))."""
    steps: list[FunnelStep] = []
    previous: int | None = None
    for position, step in enumerate(STEP_IDS, 1):
        count = reached.get(step, 0)
        mean, moved = days.get(step, (None, 0))
        steps.append(
            {
                "step": step,
                "position": position,
                "reached": count,
                "conversion": None if previous is None else ratio(count, previous),
                "average_days": None if mean is None else round(mean, 2),
                "moved_on": moved,
            }
        )
        previous = count
    return steps


def objection_row(family: str | None, counts: Mapping[str, int]) -> ObjectionRow:
    """One family's objections (`counts`: resolved, partly, not_resolved, unrecorded)."""
    recorded = sum(counts.get(r, 0) for r in OBJECTION_RESULTS)
    return {
        "family": family,
        "raised": recorded + counts.get("unrecorded", 0),
        "resolved": counts.get("resolved", 0),
        "partly": counts.get("partly", 0),
        "not_resolved": counts.get("not_resolved", 0),
        "unrecorded": counts.get("unrecorded", 0),
        "resolution_rate": ratio(counts.get("resolved", 0), recorded),
    }
