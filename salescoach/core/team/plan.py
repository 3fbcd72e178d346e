"""What needs the manager today, as data: SLA breaches and leads about to breach per rep,
unassigned leads, stale deals per rep, reps behind pace on a goal.

- SLA breached: an open lead never contacted whose SLA deadline's day is before today; due
  soon: the same with the deadline today or tomorrow.
- Unassigned: an open lead owned by no current rep (the manager's own, or a removed rep's).
- Stale: an open lead with nothing logged for STALE_DAYS (the report's definition).
- Behind pace: a goal whose count so far is under a steady pace to its target by today (the
  goal's own period containing today; see salescoach.core.reporting.goals).
- Drills: assigned by the manager and not done yet, overdue first (then by due day).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Literal

from salescoach.core.reporting.goals import GoalProgress
from salescoach.core.training.assignments import Assignment, in_plan_order

if TYPE_CHECKING:
    from salescoach.core.team.shapes import TeamPlanJSON, TeamPlanLeadJSON

SCHEMA_VERSION: Literal[1] = 1
LISTED = 20  # stale leads listed per rep (all are counted)


def due_soon_until(today: date) -> date:
    return today + timedelta(days=1)


@dataclass(frozen=True, slots=True)
class PlanTotals:
    """How many leads each list has in all, when the plan carries only the oldest few."""

    sla_breached: int
    sla_due_soon: int
    unassigned: int


def build_team_plan(
    today: date,
    reps: Sequence[str],
    sla: Sequence[TeamPlanLeadJSON],
    unassigned: Sequence[TeamPlanLeadJSON],
    stale: Sequence[TeamPlanLeadJSON],
    stale_counts: Mapping[str, int],
    goals: Sequence[tuple[str, GoalProgress]],
    drills: Sequence[Assignment] = (),
    sla_counts: Mapping[str, tuple[int, int]] | None = None,
) -> TeamPlanJSON:
    """`stale`: each owner's first LISTED stale leads (by last logged day, then name);
    `stale_counts`: how many stale leads each owner has in all; `sla_counts`: per owner, how
    many SLA leads are breached and due soon in all (by default, those `sla` lists)."""
    day = today.isoformat()
    breached = [row for row in sla if (row["day"] or "") < day]
    soon = [row for row in sla if (row["day"] or "") >= day]
    if sla_counts is None:
        counts = {
            name: Counter(row["owner"] for row in rows)
            for name, rows in (("breached", breached), ("soon", soon))
        }
    else:
        counts = {
            "breached": Counter({owner: n for owner, (n, _) in sla_counts.items()}),
            "soon": Counter({owner: n for owner, (_, n) in sla_counts.items()}),
        }
    counts["stale"] = Counter(stale_counts)
    listed: Counter[str] = Counter()
    shown_stale = []
    for row in stale:
        listed[row["owner"]] += 1
        if listed[row["owner"]] <= LISTED:
            shown_stale.append(row)
    return {
        "schema": "team-plan",
        "version": SCHEMA_VERSION,
        "today": today.isoformat(),
        "reps": [
            {
                "rep": rep,
                "sla_breached": counts["breached"][rep],
                "sla_due_soon": counts["soon"][rep],
                "stale": counts["stale"][rep],
            }
            for rep in reps
        ],
        "sla_breached": breached,
        "sla_due_soon": soon,
        "unassigned": list(unassigned),
        "stale": shown_stale,
        "behind_pace": [
            {
                "rep": rep,
                "metric": g.metric,
                "period": g.period,
                "target": g.target,
                "actual": g.actual,
                "expected_by_today": round(g.expected, 2),
            }
            for rep, g in goals
            if not g.met and not g.on_pace
        ],
        "drills": [
            {
                "gid": a.gid,
                "rep": a.rep or "",
                "drill": a.drill,
                "target": a.target,
                "due": a.due,
                "overdue": a.overdue(today),
                "assigned_at": a.assigned_at,
            }
            for a in in_plan_order(drills, today)
        ],
    }
