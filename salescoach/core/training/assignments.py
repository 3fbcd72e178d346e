"""Drills the manager assigns (`team drill assign`), as data.

An assignment names one objection family (an objections drill) or one scenario (a role-play)
of a playbook, for one rep, with an optional due day. The rep does it by practising that item
in any `train` run: the run's results for the item become the assignment's outcome (score,
maximum, a one-line summary), and its `done_at` is the run's time, the `at` every training row
of that run carries, which links the assignment to them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from salescoach.errors import UsageError

if TYPE_CHECKING:  # annotations only: `team plan` reads assignments without the playbook model
    from salescoach.core.playbook.model import Playbook
    from salescoach.core.training.practice import ItemResult

DRILLS = ("objections", "scenario")


@dataclass(frozen=True, slots=True)
class Assignment:
    gid: str
    drill: str  # objections or scenario
    target: str  # the family id or the scenario id
    due: str | None  # ISO day
    assigned_at: str
    rep: str | None = None
    playbook: str | None = None

    @property
    def item(self) -> str:
        """The training item that does it (the review boxes' and training rows' key)."""
        return f"{self.drill}:{self.target}"

    def overdue(self, today: date) -> bool:
        return self.due is not None and self.due < today.isoformat()


@dataclass(frozen=True, slots=True)
class Outcome:
    score: float
    max_score: float
    summary: str


def drill_of(playbook: Playbook, text: str) -> tuple[str, str]:
    """(drill, target) for an objection family's id or a scenario's id in the playbook."""
    wanted = text.strip().lower()
    if playbook.objection(wanted) is not None:
        return "objections", wanted
    if any(s.id == wanted for s in playbook.scenarios):
        return "scenario", wanted
    families = ", ".join(o.id for o in playbook.objections) or "none"
    scenarios = ", ".join(s.id for s in playbook.scenarios) or "none"
    raise UsageError(
        f"{text!r} is neither an objection family nor a scenario of this playbook",
        hint=f"families: {families}; scenarios: {scenarios}",
    )


def check_due(due: date | None, today: date) -> str | None:
    if due is None:
        return None
    if due < today:
        raise UsageError(
            f"the due date {due.isoformat()} is in the past (today is {today.isoformat()})"
        )
    return due.isoformat()


def outcome_of(results: Iterable[ItemResult], item: str) -> Outcome | None:
    """The run's outcome on one item (all its attempts in the run), or None if not practised."""
    mine = [r for r in results if r.item == item]
    if not mine:
        return None
    score = sum(r.score for r in mine)
    top = sum(r.max_score for r in mine)
    share = f" ({score / top:.0%})" if top else ""
    passed = sum(1 for r in mine if r.passed)
    return Outcome(score, top, f"{score:g}/{top:g}{share}, {passed} of {len(mine)} passed")


def in_plan_order(assignments: Sequence[Assignment], today: date) -> list[Assignment]:
    """Overdue first (oldest due first), then by due day (none last), then as assigned."""
    return sorted(
        assignments,
        key=lambda a: (not a.overdue(today), a.due is None, a.due or "", a.assigned_at, a.gid),
    )
