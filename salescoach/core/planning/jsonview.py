"""A task as `tasks --json` prints it (typed in core/planning/shapes.py)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING

from salescoach.core.kernel.jsonview import moment
from salescoach.core.planning.tasks import Task
from salescoach.core.planning.urgency import score, why

if TYPE_CHECKING:
    from salescoach.core.planning.shapes import TaskJSON


def task_json(task: Task, today: date, *, explain: bool = False) -> TaskJSON:
    """A task for scripts (documented in the README, `tasks --json`)."""
    urgency = score(task.urgency_input(), today)
    data: TaskJSON = {
        "schema": "task",
        "version": 1,
        "id": task.id,
        "lead": {"id": task.lead_id, "name": task.lead_name, "company": task.lead_company},
        "title": task.title,
        "due": task.due.isoformat(),
        "due_time": task.due_time.strftime("%H:%M") if task.due_time else None,
        "channel": task.channel,
        "priority": task.priority,
        "status": task.status,
        "cadence": task.cadence,
        "note": task.note,
        "reason": task.reason,
        "created_at": moment(task.created_at),
        "closed_at": moment(task.closed_at) if task.closed_at else None,
        "urgency": round(urgency.total, 2),
        "why": why(urgency),
    }
    if explain:
        data["terms"] = [
            {
                "name": t.name,
                "value": round(t.value, 4),
                "coefficient": t.coefficient,
                "contribution": round(t.contribution, 4),
                "detail": t.detail,
            }
            for t in urgency.terms
        ]
    return data


def tasks_json(tasks: Iterable[Task], today: date, *, explain: bool) -> Iterator[TaskJSON]:
    return (task_json(t, today, explain=explain) for t in tasks)
