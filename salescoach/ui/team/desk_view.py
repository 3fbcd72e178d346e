"""The team report in a terminal (one rich table, reps side by side) and as markdown."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table

from salescoach.core.kernel.steps import STEP_TITLES
from salescoach.ui.plural import plural
from salescoach.ui.team.desk_tables import (
    definitions,
    grids,
    number,
    share,
    weakest_lines,
    weakest_title,
)

if TYPE_CHECKING:
    from salescoach.core.leads.duplicates import Duplicate
    from salescoach.core.leads.import_rows import RowProblem
    from salescoach.core.team.shapes import TeamRepJSON, TeamReportJSON


def _value(value: float | None, label: str) -> str:
    if value is None:
        return "–"
    return share(value) if label.endswith("(share)") else number(value)


def _columns(data: TeamReportJSON) -> list[TeamRepJSON]:
    return [*data["reps"], data["total"]]


def rep_name(rep: TeamRepJSON) -> str:
    # Not "(removed)": the manager holds the rows of a lead imported unassigned too.
    return rep["rep"] if rep["current"] else f"{rep['rep']} (not a rep)"


def _steps(data: TeamReportJSON) -> list[str]:
    return list(data["total"]["pipeline"])


def report_rows(data: TeamReportJSON) -> list[tuple[str, list[str]]]:
    columns = _columns(data)
    rows = [
        (f["label"], [_value(c["figures"].get(f["key"]), f["label"]) for c in columns])
        for f in data["figures"]
    ]
    for step in _steps(data):
        label = f"open at {STEP_TITLES.get(step, step)} (leads)"
        rows.append((label, [str(c["pipeline"].get(step, 0)) for c in columns]))
    return rows


def report_title(data: TeamReportJSON) -> str:
    period = data["period"]
    if ".." in period["label"]:
        return f"Team report: {period['start']} to {period['end']}"
    return f"Team report, this {period['label']}: {period['start']} to {period['end']}"


def render_team_report(console: Console, data: TeamReportJSON) -> None:
    names = [rep_name(c) for c in _columns(data)]
    console.print(_table(report_title(data), "Figure", names, report_rows(data)))
    for grid in grids(data):
        console.print(_table(grid.title, grid.head, names, grid.rows))
    console.print(f"{weakest_title(data)}:")
    for line in weakest_lines(data):
        console.print(f"  {line}", highlight=False)
    console.print("What each figure counts:")
    for label, definition in definitions(data):
        console.print(f"  {label}: {definition}", highlight=False)


def _table(title: str, head: str, names: list[str], rows: list[tuple[str, list[str]]]) -> Table:
    table = Table(title=title, header_style="bold", title_justify="left")
    table.add_column(head)
    for name in names:
        table.add_column(name, justify="right")
    for label, values in rows:
        table.add_row(label, *values)
    return table


def team_report_markdown(data: TeamReportJSON) -> str:
    names = [rep_name(c) for c in _columns(data)]
    lines = [f"# {report_title(data)}", ""]
    lines += _markdown_table("Figure", names, report_rows(data))
    for grid in grids(data):
        lines += [f"## {grid.title}", "", *_markdown_table(grid.head, names, grid.rows)]
    lines += [f"## {weakest_title(data)}", ""] + [f"- {line}" for line in weakest_lines(data)]
    lines += ["", "## What each figure counts", ""]
    lines += [f"- **{label}**: {definition}" for label, definition in definitions(data)]
    return "\n".join(lines) + "\n"


def _markdown_table(head: str, names: list[str], rows: list[tuple[str, list[str]]]) -> list[str]:
    lines = [f"| {head} | " + " | ".join(names) + " |", "|---|" + "---:|" * len(names)]
    lines += [f"| {label} | " + " | ".join(values) + " |" for label, values in rows]
    return [*lines, ""]


def moved_line(names: Sequence[str], open_tasks: int, to: str) -> str:
    """What a move did: which leads (the first few), their open tasks, to whom."""
    if not names:
        return f"nothing to move: those leads are {to}'s already"
    shown = ", ".join(names[:5]) + (", ..." if len(names) > 5 else "")
    return (
        f"moved {plural(len(names), 'lead')} ({shown}) with "
        f"{plural(open_tasks, 'open task')} to {to}; they reach {to} at the next sync"
    )


def imported_line(
    routed: dict[str, int],
    unassigned: int,
    duplicates: int,
    *,
    notes: int = 0,
    dry_run: bool = False,
) -> str:
    """What `team import` did (or would do): leads per rep, unassigned, duplicates skipped."""
    total = sum(routed.values()) + unassigned
    per_rep = ", ".join(f"{rep} {count}" for rep, count in sorted(routed.items()))
    verb = "would import" if dry_run else "imported"
    parts = [f"{verb} {plural(total, 'lead')}" + (f" ({per_rep})" if per_rep else "")]
    if unassigned:
        parts.append(f"{unassigned} unassigned")
    if duplicates:
        parts.append(f"{plural(duplicates, 'duplicate')} skipped")
    if notes:
        parts.append(f"{plural(notes, 'description')} as first notes")
    if dry_run:
        return "; ".join(parts) + "; dry run: nothing was written"
    return "; ".join(parts) + "; reps receive theirs at their next sync"


def row_lines(
    problems: Sequence[RowProblem],
    duplicates: Sequence[Duplicate],
    routed: Sequence[tuple[int, str, str | None]] = (),
) -> list[str]:
    """`team import`'s lines about the file's rows, in file order: the rows skipped (worded as
    `lead import` words them) and, on a dry run, where each new lead would go."""
    lines = [(p.line, f"skipped: {p.message}") for p in problems]
    lines += [(d.line, f"duplicate of {d.same_as} (same {d.why}): {d.label}") for d in duplicates]
    lines += [(line, f"{label} -> {owner or 'unassigned'}") for line, label, owner in routed]
    return [f"line {number}: {text}" for number, text in sorted(lines)]
