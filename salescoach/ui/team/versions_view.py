"""`team report --by-playbook-version` in a terminal and as markdown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table

from salescoach.core.kernel.steps import STEP_IDS, STEP_TITLES

if TYPE_CHECKING:
    from salescoach.core.team.shapes import TeamVersionJSON, TeamVersionsJSON


_HEADER = ("Playbook", "Version", "Leads walked", "Won", "Lost", "No decision", "Win rate",
           *(f"Days at {s}" for s in STEP_IDS[:-1]))  # fmt: skip
_RESULTS = len(_HEADER) - len(STEP_IDS[:-1])  # the columns before the days per step


def _cells(row: TeamVersionJSON) -> list[str]:
    rate = "–" if row["win_rate"] is None else f"{row['win_rate']:.0%}"
    days = [
        "–" if row["days_per_step"][s] is None else f"{row['days_per_step'][s]:g}"
        for s in STEP_IDS[:-1]
    ]
    return [row["playbook"], row["version"] or "unknown", str(row["leads"]), str(row["won"]),
            str(row["lost"]), str(row["no_decision"]), rate, *days]  # fmt: skip


def _days(row: TeamVersionJSON, step: str) -> str:
    days = row["days_per_step"][step]
    return "–" if days is None else f"{days:g} ({row['moved_on'][step]})"


def _title(data: TeamVersionsJSON) -> str:
    period = data["period"]
    return f"Playbook versions, {period['start']} to {period['end']}"


def render_versions(console: Console, data: TeamVersionsJSON) -> None:
    """The results per version, then the days per step with a column per version: thirteen
    columns side by side would cut every figure to "2.…" in an 80-column terminal."""
    results = Table(title=_title(data), header_style="bold")
    results.add_column("Playbook", overflow="fold")
    results.add_column("Version", overflow="fold")
    for name in _HEADER[2:_RESULTS]:
        results.add_column(name, justify="right", overflow="fold")
    days = Table(title="Days at each step (mean; leads that moved on)", header_style="bold")
    days.add_column("Step", overflow="fold")
    for row in data["versions"]:
        results.add_row(*_cells(row)[:_RESULTS])
        days.add_column(f"{row['playbook']} {row['version'] or 'unknown'}", justify="right",
                        overflow="fold")  # fmt: skip
    for step in STEP_IDS[:-1]:
        days.add_row(STEP_TITLES.get(step, step), *(_days(r, step) for r in data["versions"]))
    console.print(results)
    if data["versions"]:
        console.print(days)
    for figure in data["figures"]:
        console.print(f"  {figure['label']}: {figure['definition']}", highlight=False)


def versions_markdown(data: TeamVersionsJSON) -> str:
    lines = [f"# {_title(data)}", "", "| " + " | ".join(_HEADER) + " |",
             "|" + "---|" * len(_HEADER)]  # fmt: skip
    lines += ["| " + " | ".join(_cells(row)) + " |" for row in data["versions"]]
    lines += ["", *(f"- **{f['label']}**: {f['definition']}" for f in data["figures"]), ""]
    return "\n".join(lines)
