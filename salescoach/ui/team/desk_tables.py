"""The team report's per-step and per-family tables as rows of text cells, reps side by side
with the team's total: one layout for the terminal, markdown and HTML. What each table
counts is defined in the report itself (`tables`, written once in core/team/report_rows.py);
the titles here say how a cell reads ("2 (50%)": raised, then the resolution rate)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from salescoach.core.kernel.steps import STEP_TITLES

if TYPE_CHECKING:
    from salescoach.core.team.shapes import TeamRepJSON, TeamReportJSON

NO_FAMILY = "(no family)"
NO_REASON = "(no reason given)"


@dataclass(frozen=True, slots=True)
class Grid:
    title: str
    head: str  # what the rows are: step, family, reason
    rows: list[tuple[str, list[str]]]


def share(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def _grid(
    title: str,
    head: str,
    columns: Sequence[TeamRepJSON],
    table: str,
    key: Callable[[Any], str | None],
    cell: Callable[[Any], str],
    name: Callable[[str | None], str],
) -> Grid:
    """One row per key the team's total has (it has every rep's), one cell per column."""
    indexed = [{key(row): row for row in column[table]} for column in columns]  # type: ignore[literal-required]
    rows = [
        (name(k), [cell(found[k]) if k in found else "–" for found in indexed]) for k in indexed[-1]
    ]
    return Grid(title, head, rows)


def _step(step: str | None) -> str:
    return STEP_TITLES.get(step or "", step or "none")


def _family(family: str | None) -> str:
    return family if family is not None else NO_FAMILY


def _reached(row: Any) -> str:
    return str(row["reached"]) + (
        "" if row["conversion"] is None else f" ({share(row['conversion'])})"
    )


def _days(row: Any) -> str:
    days = row["average_days"]
    return "–" if days is None else f"{days:g} ({row['moved_on']})"


def grids(data: TeamReportJSON) -> list[Grid]:
    columns = [*data["reps"], data["total"]]
    label = {t["key"]: t["label"] for t in data["tables"]}
    step: Callable[[Any], str | None] = lambda r: r["step"]  # noqa: E731
    family: Callable[[Any], str | None] = lambda r: r["family"]  # noqa: E731
    return [
        _grid("Funnel: leads that reached each step (conversion from the step before)",
              "Step", columns, "funnel", step, _reached, _step),
        _grid("Days at each step (mean; leads that moved on)",
              "Step", columns, "funnel", step, _days, _step),
        _grid(f"{label['pipeline_value'].capitalize()}: value (valued of open leads)",
              "Step", columns, "pipeline_value", step,
              lambda r: f"{number(r['value'])} ({r['valued_leads']} of {r['open_leads']})", _step),
        _grid("Playbook adherence by step: share met (skipped of ended; criteria skipped)",
              "Step", columns, "adherence", step,
              lambda r: f"{share(r['adherence'])} ({r['skipped']} of {r['ended']}; "
                        f"{r['criteria_skipped']})", _step),
        _grid("Objections by family: raised (resolution rate)", "Family", columns,
              "objections", family,
              lambda r: f"{r['raised']} ({share(r['resolution_rate'])})", _family),
        _grid("Drill proficiency by family: share of points (items)", "Family", columns,
              "drills", family, lambda r: f"{share(r['share'])} ({r['attempts']})", _family),
        _grid(label["loss_reasons"].capitalize(), "Reason", columns, "loss_reasons",
              lambda r: r["reason"], lambda r: str(r["leads"]),
              lambda k: k if k is not None else NO_REASON),
    ]  # fmt: skip


def weakest_title(data: TeamReportJSON) -> str:
    label = next(t["label"] for t in data["tables"] if t["key"] == "weakest")
    return label[0].upper() + label[1:]


def weakest_lines(data: TeamReportJSON) -> list[str]:
    """Per rep: the families to coach first, live resolution rate next to drill share."""
    lines = []
    for rep in [*data["reps"], data["total"]]:
        spots = [
            f"{w['family']} (live {share(w['resolution_rate'])} of {w['raised']}, "
            f"drills {share(w['drill_share'])} of {w['drill_attempts']})"
            for w in rep["weakest"]
        ]
        lines.append(
            f"{rep['rep']}: " + ("; ".join(spots) if spots else "nothing raised or drilled")
        )
    return lines


def definitions(data: TeamReportJSON) -> list[tuple[str, str]]:
    """Every figure and table with what it counts, in the report's order."""
    return [(f["label"], f["definition"]) for f in (*data["figures"], *data["tables"])]
