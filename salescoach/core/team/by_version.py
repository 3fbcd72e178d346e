"""`team report --by-playbook-version`: win rate and days per step, per playbook version.

Every walk records the playbook and the version it ran (salescoach.actions.hub_playbooks).
Definitions, each given once here and printed with the figures:

- A lead counts for the version of its first walk started in the period (the process it was
  sold with); leads walked with no recorded version (walks from before versions were kept)
  count under version `null`.
- Won, lost, no decision: those leads whose last decisive result logged in the period is
  that one; the win rate is won / (won + lost + no decision), as in `team report`.
- Days per step: from a lead's first interaction at a step to its first interaction at the
  next step it reached, averaged over the leads that moved on: the funnel's definition, given
  once in salescoach.core.reporting.figures.days_per_step.

Pure: the hub's rows come in (salescoach.hub.coaching_report_queries).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Literal

from salescoach.core.kernel.periods import Span
from salescoach.core.kernel.steps import STEP_IDS
from salescoach.core.reporting.figures import days_per_step

if TYPE_CHECKING:
    from salescoach.core.team.shapes import TeamFigureJSON, TeamVersionJSON, TeamVersionsJSON

SCHEMA_VERSION: Literal[1] = 1
DECISIVE = ("won", "lost", "no_decision")

DEFINITIONS: tuple[TeamFigureJSON, ...] = (
    {"key": "leads", "label": "leads walked (leads)",
     "definition": "leads whose first walk started in the period ran this version"},
    {"key": "won", "label": "deals won (leads)",
     "definition": "those leads whose last decisive result logged in the period is won"},
    {"key": "lost", "label": "deals lost (leads)", "definition": "the same, lost"},
    {"key": "no_decision", "label": "no decision (leads)", "definition": "the same, no decision"},
    {"key": "win_rate", "label": "win rate (share)",
     "definition": "won / (won + lost + no decision)"},
    {"key": "days_per_step", "label": "days per step (days)",
     "definition": "from the first interaction at a step to the first at the next step "
                   "reached, averaged over the leads that moved on"},
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Walked:
    lead_gid: str
    playbook: str
    version: str | None
    started_at: str


def _moment(text: str) -> datetime:
    return datetime.fromisoformat(text[:19])  # local wall time, as every stamp is written


def first_walks(walks: Sequence[Walked]) -> dict[str, Walked]:
    first: dict[str, Walked] = {}
    for walk in sorted(walks, key=lambda w: (w.started_at, w.playbook, w.version or "")):
        first.setdefault(walk.lead_gid, walk)
    return first


def compare_versions(
    span: Span,
    today: date,
    walks: Sequence[Walked],
    results: Mapping[str, str],
    arrivals: Mapping[str, Mapping[str, str]],
) -> TeamVersionsJSON:
    """`results`: each lead's last decisive result in the period; `arrivals`: each lead's
    first interaction time at each step."""
    groups: dict[tuple[str, str | None], list[str]] = defaultdict(list)
    for walk in first_walks(walks).values():
        groups[(walk.playbook, walk.version)].append(walk.lead_gid)
    rows: list[TeamVersionJSON] = []
    for (playbook, version), leads in sorted(
        groups.items(), key=lambda g: (g[0][0], g[0][1] or "")
    ):
        counts = {name: sum(1 for lead in leads if results.get(lead) == name) for name in DECISIVE}
        decided = sum(counts.values())
        days, moved = _days_per_step([arrivals.get(lead, {}) for lead in leads])
        rows.append({
            "playbook": playbook, "version": version, "leads": len(leads),
            "won": counts["won"], "lost": counts["lost"], "no_decision": counts["no_decision"],
            "win_rate": round(counts["won"] / decided, 4) if decided else None,
            "days_per_step": days, "moved_on": moved,
        })  # fmt: skip
    return {
        "schema": "team-playbook-versions",
        "version": SCHEMA_VERSION,
        "period": {"label": span.label, "start": span.start.isoformat(),
                   "end": span.end.isoformat()},
        "today": today.isoformat(),
        "figures": list(DEFINITIONS),
        "versions": rows,
    }  # fmt: skip


def _days_per_step(
    leads: Sequence[Mapping[str, str]],
) -> tuple[dict[str, float | None], dict[str, int]]:
    moves = days_per_step({step: _moment(at) for step, at in steps.items()} for steps in leads)
    days = {s: round(moves[s][0], 2) if s in moves else None for s in STEP_IDS}
    return days, {s: moves[s][1] if s in moves else 0 for s in STEP_IDS}
