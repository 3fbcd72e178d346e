"""`team plan` in a terminal: per rep counts, then each list that needs the manager."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table

from salescoach.ui.plain_lines import print_lines
from salescoach.ui.plural import plural

if TYPE_CHECKING:
    from salescoach.core.team.shapes import TeamPlanJSON, TeamPlanLeadJSON


def _lead(row: TeamPlanLeadJSON) -> str:
    company = f" ({row['company']})" if row["company"] else ""
    return f"{row['name'] or row['gid'][:8]}{company}, {row['owner']}, {row['day'] or '–'}"


def _section(console: Console, title: str, rows: Sequence[TeamPlanLeadJSON]) -> None:
    console.print(f"[bold]{title}[/bold]: {len(rows)}")
    print_lines(console, [f"  {_lead(row)}" for row in rows])


def render_team_plan(console: Console, data: TeamPlanJSON) -> None:
    table = Table(title=f"Team plan for {data['today']}", header_style="bold")
    for column in ("Rep", "SLA breached", "SLA due by tomorrow", "Stale deals"):
        table.add_column(column, justify="left" if column == "Rep" else "right")
    for rep in data["reps"]:
        table.add_row(
            rep["rep"], str(rep["sla_breached"]), str(rep["sla_due_soon"]), str(rep["stale"])
        )
    console.print(table)
    _section(console, "SLA breached (never contacted; deadline day)", data["sla_breached"])
    _section(console, "SLA due today or tomorrow", data["sla_due_soon"])
    _section(console, "Unassigned (owned by no current rep; last logged)", data["unassigned"])
    _section(console, "Stale deals (last logged)", data["stale"])
    behind = data["behind_pace"]
    console.print(f"[bold]Behind pace on a goal[/bold]: {plural(len(behind), 'goal')}")
    for goal in behind:
        console.print(
            f"  {goal['rep']}: {goal['metric']} per {goal['period']} "
            f"{goal['actual']:g} of {goal['target']:g} (expected {goal['expected_by_today']:g} "
            "by today)",
            highlight=False,
        )
    drills = data["drills"]
    console.print(f"[bold]Drills assigned, not done[/bold]: {plural(len(drills), 'drill')}")
    for drill in drills:
        due = (
            f"{'overdue since' if drill['overdue'] else 'due'} {drill['due']}"
            if drill["due"]
            else "no due date"
        )
        console.print(f"  {drill['rep']}: {drill['drill']} {drill['target']}, {due}",
                      highlight=False)  # fmt: skip
