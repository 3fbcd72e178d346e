"""`team plan`'s text, laid out once for both of its forms: the rich view
(`desk_plan_view.render_team_plan`) and, on output that takes no styles, the same text
written without rich (`plain_team_plan`; see `salescoach.ui.plain_text`).

The counts per rep are the whole picture; each list shows its SHOWN oldest leads and how many
more there are (a 50-rep team has tens of thousands of SLA breaches: one screen, not 20,000
lines). `--all` lists every lead; `--json` always carries them all."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from salescoach.core.team.plan import LISTED, PlanTotals
from salescoach.ui.plain_text import table_text, unchanged
from salescoach.ui.plural import plural

if TYPE_CHECKING:
    from salescoach.core.team.shapes import TeamPlanJSON, TeamPlanLeadJSON

SHOWN = 10  # leads listed per section unless --all
HEADERS = ("Rep", "SLA breached", "SLA due by tomorrow", "Stale deals")
RIGHT = (False, True, True, True)
# A section: its title, its count, and the lines under it.
Section = tuple[str, str, list[str]]


def title(data: TeamPlanJSON) -> str:
    return f"Team plan for {data['today']}"


def table_rows(data: TeamPlanJSON) -> list[tuple[str, str, str, str]]:
    return [
        (rep["rep"], str(rep["sla_breached"]), str(rep["sla_due_soon"]), str(rep["stale"]))
        for rep in data["reps"]
    ]


def _lead(row: TeamPlanLeadJSON) -> str:
    company = f" ({row['company']})" if row["company"] else ""
    return f"{row['name'] or row['gid'][:8]}{company}, {row['owner']}, {row['day'] or '–'}"


def _leads(rows: Sequence[TeamPlanLeadJSON], total: int, everything: bool) -> list[str]:
    oldest = sorted(rows, key=lambda row: (row["day"] or "", row["name"] or "", row["gid"]))
    shown = oldest if everything else oldest[:SHOWN]
    lines = [f"  {_lead(row)}" for row in shown]
    if total > len(shown):
        lines.append(f"  … and {total - len(shown)} more (`team plan --all` lists them)")
    return lines


def sections(
    data: TeamPlanJSON, totals: PlanTotals | None = None, *, everything: bool = False
) -> list[Section]:
    """`totals`: how many leads the SLA and unassigned lists have in all, when `data` carries
    only their oldest few (default: what it carries)."""
    if totals is None:
        totals = PlanTotals(
            len(data["sla_breached"]), len(data["sla_due_soon"]), len(data["unassigned"])
        )
    listed = (
        ("SLA breached (never contacted; deadline day)", data["sla_breached"],
         totals.sla_breached),
        ("SLA due today or tomorrow", data["sla_due_soon"], totals.sla_due_soon),
        ("Unassigned (owned by no current rep; last logged)", data["unassigned"],
         totals.unassigned),
        (f"Stale deals (last logged; up to {LISTED} per rep, all counted above)", data["stale"],
         len(data["stale"])),
    )  # fmt: skip
    found: list[Section] = [
        (name, str(total), _leads(rows, total, everything)) for name, rows, total in listed
    ]
    behind = data["behind_pace"]
    goals = [
        f"  {goal['rep']}: {goal['metric']} per {goal['period']} "
        f"{goal['actual']:g} of {goal['target']:g} (expected {goal['expected_by_today']:g} "
        "by today)"
        for goal in behind
    ]
    found.append(("Behind pace on a goal", plural(len(behind), "goal"), goals))
    drills = data["drills"]
    lines = []
    for drill in drills:
        due = (
            f"{'overdue since' if drill['overdue'] else 'due'} {drill['due']}"
            if drill["due"]
            else "no due date"
        )
        lines.append(f"  {drill['rep']}: {drill['drill']} {drill['target']}, {due}")
    found.append(("Drills assigned, not done", plural(len(drills), "drill"), lines))
    return found


def plain_team_plan(
    data: TeamPlanJSON, totals: PlanTotals | None, *, everything: bool, width: int
) -> str | None:
    """The text `render_team_plan` prints on a console `width` cells wide that takes no
    styles, or None when some piece of it needs rich."""
    table = table_text(title(data), HEADERS, RIGHT, table_rows(data), width)
    if table is None:
        return None
    out = [table]
    for name, count, lines in sections(data, totals, everything=everything):
        heading = f"{name}: {count}"
        if not (unchanged(name, width) and unchanged(heading, width)):
            return None
        if not all(unchanged(line, width) for line in lines):
            return None
        out.append(heading + "\n")
        out.extend(line + "\n" for line in lines)
    return "".join(out)
