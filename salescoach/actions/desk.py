"""The manager's desk: reports and plans read from the hub's current-state tables.

A rep running one is refused by PostgreSQL (the desk tables are granted to managers only);
the message says so, and nothing is changed.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING, Any

from salescoach.actions.team import Prompt, _manager_connection, joined
from salescoach.core.kernel.periods import Span
from salescoach.errors import UsageError
from salescoach.hub.errors import HubPermissionError

if TYPE_CHECKING:
    from salescoach.core.team.plan import PlanTotals
    from salescoach.core.team.shapes import TeamPlanJSON, TeamReportJSON


@contextmanager
def desk_connection(command: str, prompt: Prompt, *, pushes: bool = False) -> Iterator[Any]:
    """A connection to the hub as the recorded role, for a manager's command.

    A command that pushes to the feed checks the role first: the feed takes a rep's own rows
    (their goals, say), so PostgreSQL alone would let a rep set a quota on themselves."""
    from salescoach.hub.connect import translated_errors

    config = joined()
    with _manager_connection(config, prompt) as connection:
        if pushes:
            with translated_errors():
                _require_manager(connection, command, config.rep)
        try:
            with translated_errors():
                yield connection
        except HubPermissionError as error:
            raise HubPermissionError(
                f"`team {command}` is a manager's command and the hub refused role "
                f"{config.rep}, which is not one of its managers ({_reason(error)}); "
                "nothing was changed",
                hint="run it from the data home of the role that ran `team init`",
            ) from None


def _require_manager(connection: Any, command: str, role: str) -> None:
    from salescoach.hub.admin import require_manager

    try:
        require_manager(connection)
    except HubPermissionError:
        raise HubPermissionError(
            f"`team {command}` is a manager's command and role {role} is not one of this "
            "hub's managers; nothing was changed",
            hint="run it from the data home of the role that ran `team init`",
        ) from None


def _reason(error: HubPermissionError) -> str:
    return error.message.removeprefix("the hub refused: ").removesuffix("; nothing was changed")


def checked_span(span: Span, today: date) -> Span:
    if span.start > today:
        raise UsageError(
            f"the period starts on {span.start.isoformat()}, after today "
            f"({today.isoformat()}): nothing has happened in it yet"
        )
    return span


def team_report(span: Span, today: date, only: Sequence[str], *, prompt: Prompt) -> TeamReportJSON:
    from salescoach.core.team.report import build_team_report
    from salescoach.hub.desk_queries import team_counts

    checked_span(span, today)
    with desk_connection("report", prompt) as connection:
        counts = team_counts(connection, span, today)
    known = {c.rep for c in counts}
    unknown = [name for name in only if name not in known]
    if unknown:
        raise UsageError(
            f"no rep of this hub is called {', '.join(unknown)}",
            # Only the current reps: other owners (a removed rep, the manager holding
            # unassigned leads) are accepted too, but are not whom a manager looks for.
            hint="reps: " + (", ".join(sorted(c.rep for c in counts if c.current)) or "none yet"),
        )
    if only:
        counts = [c for c in counts if c.rep in only]
    return build_team_report(span, today, counts)


def team_plan(
    today: date, *, prompt: Prompt, shown: int | None = None
) -> tuple[TeamPlanJSON, PlanTotals]:
    """The plan, and how many leads each list has in all; with `shown`, the SLA and
    unassigned lists carry only their `shown` oldest leads each (a 50-rep team has 20,000
    SLA breaches; the screen shows a few)."""
    from salescoach.core.team.plan import PlanTotals, build_team_plan
    from salescoach.hub.desk_plan_queries import plan_rows

    with desk_connection("plan", prompt) as connection:
        rows = plan_rows(connection, today, shown)
    data = build_team_plan(
        today,
        rows["reps"],
        rows["sla"],
        rows["unassigned"],
        rows["stale"],
        rows["stale_counts"],
        rows["goals"],
        rows["drills"],
        rows["sla_counts"],
    )
    sla = rows["sla_counts"].values()
    totals = PlanTotals(
        sla_breached=sum(breached for breached, _ in sla),
        sla_due_soon=sum(soon for _, soon in sla),
        unassigned=rows["unassigned_count"],
    )
    return data, totals
