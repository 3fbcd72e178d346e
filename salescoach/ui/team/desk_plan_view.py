"""`team plan` in a terminal: per rep counts, then each list that needs the manager (the text
is laid out in `desk_plan_text`; output that takes no styles is written without rich)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table

from salescoach.core.team.plan import PlanTotals
from salescoach.ui.plain_lines import print_lines
from salescoach.ui.team.desk_plan_text import HEADERS, RIGHT, sections, table_rows, title

if TYPE_CHECKING:
    from salescoach.core.team.shapes import TeamPlanJSON


def render_team_plan(
    console: Console,
    data: TeamPlanJSON,
    totals: PlanTotals | None = None,
    *,
    everything: bool = False,
) -> None:
    """`totals`: how many leads the SLA and unassigned lists have in all, when `data` carries
    only their oldest few (default: what it carries)."""
    table = Table(title=title(data), header_style="bold")
    for header, right in zip(HEADERS, RIGHT, strict=True):
        table.add_column(header, justify="right" if right else "left")
    for row in table_rows(data):
        table.add_row(*row)
    console.print(table)
    for name, count, lines in sections(data, totals, everything=everything):
        console.print(f"[bold]{name}[/bold]: {count}")
        print_lines(console, lines)
