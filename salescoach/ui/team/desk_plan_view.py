"""`team plan` in a terminal: per rep counts, then each list that needs the manager.

The counts per rep are the whole picture; each list shows its SHOWN oldest leads and how many
more there are (a 50-rep team has tens of thousands of SLA breaches: one screen, not 20,000
lines). `--all` lists every lead; `--json` always carries them all."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table

from salescoach.core.team.plan import LISTED, PlanTotals
from salescoach.ui.plain_lines import print_lines
from salescoach.ui.plural import plural

if TYPE_CHECKING:
    from salescoach.core.team.shapes import TeamPlanJSON, TeamPlanLeadJSON


def _lead(row: TeamPlanLeadJSON) -> str:
    company = f" ({row['company']})" if row["company"] else ""
    return f"{row['name'] or row['gid'][:8]}{company}, {row['owner']}, {row['day'] or '–'}"


SHOWN = 10  # leads listed per section unless --all


def _section(
    console: Console,
    title: str,
    rows: Sequence[TeamPlanLeadJSON],
    total: int | None = None,
    *,
    everything: bool,
) -> None:
    total = len(rows) if total is None else total
    console.print(f"[bold]{title}[/bold]: {total}")
    oldest = sorted(rows, key=lambda row: (row["day"] or "", row["name"] or "", row["gid"]))
    shown = oldest if everything else oldest[:SHOWN]
    print_lines(console, [f"  {_lead(row)}" for row in shown])
    if total > len(shown):
        console.print(
            f"  … and {total - len(shown)} more (`team plan --all` lists them)",
            highlight=False,
        )


def render_team_plan(
    console: Console,
    data: TeamPlanJSON,
    totals: PlanTotals | None = None,
    *,
    everything: bool = False,
) -> None:
    """`totals`: how many leads the SLA and unassigned lists have in all, when `data` carries
    only their oldest few (default: what it carries)."""
    table = Table(title=f"Team plan for {data['today']}", header_style="bold")
    for column in ("Rep", "SLA breached", "SLA due by tomorrow", "Stale deals"):
        table.add_column(column, justify="left" if column == "Rep" else "right")
    for rep in data["reps"]:
        table.add_row(
            rep["rep"], str(rep["sla_breached"]), str(rep["sla_due_soon"]), str(rep["stale"])
        )
    console.print(table)
    if totals is None:
        totals = PlanTotals(
            len(data["sla_breached"]), len(data["sla_due_soon"]), len(data["unassigned"])
        )
    sections = (
        ("SLA breached (never contacted; deadline day)", data["sla_breached"],
         totals.sla_breached),
        ("SLA due today or tomorrow", data["sla_due_soon"], totals.sla_due_soon),
        ("Unassigned (owned by no current rep; last logged)", data["unassigned"],
         totals.unassigned),
        (f"Stale deals (last logged; up to {LISTED} per rep, all counted above)", data["stale"],
         len(data["stale"])),
    )  # fmt: skip
    for title, rows, total in sections:
        _section(console, title, rows, total, everything=everything)
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
