"""The drills the manager assigned, as `train` lists them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from salescoach.core.training.assignments import Assignment, in_plan_order

if TYPE_CHECKING:
    from salescoach.ui.console import Terminal


def assignment_line(assignment: Assignment) -> str:
    what = "objections drill on" if assignment.drill == "objections" else "role-play"
    return f"{what} {assignment.target}"


def command_for(assignment: Assignment) -> str:
    if assignment.drill == "objections":
        return f"salescoach train objections --family {assignment.target}"
    return f"salescoach train scenario {assignment.target}"


def show_assigned(term: Terminal, assigned: Sequence[Assignment], today: date) -> None:
    """One line per open assignment, overdue first, on stderr (stdout stays the run's)."""
    for assignment in in_plan_order(assigned, today):
        due = ""
        if assignment.due:
            due = f", {'overdue since' if assignment.overdue(today) else 'due'} {assignment.due}"
        term.say(
            f"assigned by your manager{due}: {assignment_line(assignment)} "
            f"(`{command_for(assignment)}`)"
        )
