"""Follow-up tasks from a playbook cadence.

Due dates count business days when the cadence says so (weekends skipped), and never land
before today: a touch whose day has already passed is due today. Each task carries a dedupe
key (cadence, touch, anchor date) so re-running the follow-up step never doubles tasks.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from salescoach.core.kernel.dates import add_business_days

if TYPE_CHECKING:
    from salescoach.core.playbook.parts import Cadence, Playbook


@dataclass(frozen=True)
class PlannedTask:
    title: str
    due: date
    channel: str
    cadence: str
    dedupe_key: str
    stop_on_reply: bool
    note: str | None = None
    priority: str = "normal"

    def with_due(self, due: date) -> PlannedTask:
        return replace(self, due=due)


def cadence_for(playbook: Playbook, outcome: str) -> Cadence | None:
    """The playbook's cadence for a call outcome (next_step, won, lost, no_decision)."""
    return next((c for c in playbook.cadences if c.outcome == outcome), None)


def due_date(anchor: date, days: int, *, business_days: bool) -> date:
    if business_days:
        return add_business_days(anchor, days)
    return anchor + timedelta(days=days)


def next_working_day(day: date) -> date:
    """`day`, or the Monday after when it falls on a weekend: a rep's task waits for a
    working day, whether its cadence counts business days or calendar days."""
    return day + timedelta(days=max(0, 7 - day.weekday())) if day.weekday() >= 5 else day


def schedule(cadence: Cadence, anchor: date, today: date) -> list[PlannedTask]:
    """The cadence's touches as tasks, counted from `anchor` (usually the call's date)."""
    tasks = []
    for index, touch in enumerate(cadence.touches):
        due = next_working_day(
            max(due_date(anchor, touch.day, business_days=cadence.business_days), today)
        )
        tasks.append(
            PlannedTask(
                title=touch.title,
                due=due,
                channel=touch.channel,
                cadence=cadence.id,
                dedupe_key=f"{cadence.id}:{index}:{anchor.isoformat()}",
                stop_on_reply=cadence.stop_on_reply,
                note=touch.note,
            )
        )
    return tasks
