"""`team report --by-playbook-version` in a terminal and as markdown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table

from salescoach.core.kernel.steps import STEP_IDS

if TYPE_CHECKING:
    from salescoach.core.team.shapes import TeamVersionJSON, TeamVersionsJSON

_HEADER = ("Playbook", "Version", "Leads walked", "Won", "Lost", "No decision", "Win rate",
           *(f"Days at {s}" for s in STEP_IDS[:-1]))  # fmt: skip


def _cells(row: TeamVersionJSON) -> list[str]:
    rate = "–" if row["win_rate"] is None else f"{row['win_rate']:.0%}"
    days = [
        "–" if row["days_per_step"][s] is None else f"{row['days_per_step'][s]:g}"
        for s in STEP_IDS[:-1]
    ]
    return [row["playbook"], row["version"] or "unknown", str(row["leads"]), str(row["won"]),
            str(row["lost"]), str(row["no_decision"]), rate, *days]  # fmt: skip


def _title(data: TeamVersionsJSON) -> str:
    period = data["period"]
    return f"Playbook versions, {period['start']} to {period['end']}"


def render_versions(console: Console, data: TeamVersionsJSON) -> None:
    table = Table(title=_title(data), header_style="bold")
    for name in _HEADER:
        table.add_column(name, justify="left" if name in ("Playbook", "Version") else "right")
    for row in data["versions"]:
        table.add_row(*_cells(row))
    console.print(table)
    for figure in data["figures"]:
        console.print(f"  {figure['label']}: {figure['definition']}", highlight=False)


def versions_markdown(data: TeamVersionsJSON) -> str:
    lines = [f"# {_title(data)}", "", "| " + " | ".join(_HEADER) + " |",
             "|" + "---|" * len(_HEADER)]  # fmt: skip
    lines += ["| " + " | ".join(_cells(row)) + " |" for row in data["versions"]]
    lines += ["", *(f"- **{f['label']}**: {f['definition']}" for f in data["figures"]), ""]
    return "\n".join(lines)
