"""The report in a terminal (rich tables with bar charts) and as markdown; goal tables."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table

from salescoach.core.kernel import steps
from salescoach.core.kernel.amounts import grouped
from salescoach.core.reporting.goals import GoalProgress
from salescoach.core.reporting.metrics import UNITS
from salescoach.ui.bars import bar, percent, scaled
from salescoach.ui.plural import plural

if TYPE_CHECKING:
    from salescoach.core.reporting.shapes import (
        ObjectionRow,
        ReportActivity,
        ReportFunnel,
        ReportJSON,
        ReportSla,
        ReportTraining,
    )

STEP_TITLES = {**steps.STEP_TITLES, "none": "(no step)"}


def _days(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def behind_pace(goal: GoalProgress) -> str:
    """Why a goal is behind: where it is against where a steady pace would be by today."""
    return (
        f"behind pace: {grouped(goal.actual)} of {grouped(goal.target)} "
        f"(expected {grouped(round(goal.expected, 1))} by today)"
    )


def goals_table(rows: Sequence[GoalProgress]) -> Table:
    table = Table(title="Goals", header_style="bold")
    for column in ("Goal", "Period", "Progress", "", "Pace"):
        table.add_column(column, justify="right" if column == "Progress" else "left")
    for row in rows:
        pace = "met" if row.met else ("on pace" if row.on_pace else behind_pace(row))
        table.add_row(
            row.label,
            f"{row.period} from {row.span.start.isoformat()}",
            f"{grouped(row.actual)}/{grouped(row.target)}",
            bar(row.share, 20),
            pace,
        )
    return table


def render_report(console: Console, data: ReportJSON) -> None:
    period = data["period"]
    console.print(f"[bold]Report {period['label']}[/bold]: {period['start']} to {period['end']}")
    activity = data["activity"]
    console.print(
        f"{plural(activity['interactions'], 'interaction')} logged with "
        f"{plural(activity['leads'], 'lead')}"
    )
    console.print(_metrics(data["metrics"]))
    if activity["by_step"]:
        console.print(_activity(activity))
    console.print(_funnel(data["funnel"]))
    console.print(_sla(data["sla"]))
    if data["objections"]:
        console.print(_objections(data["objections"]))
    if data["training"]["by_drill"]:
        console.print(_training(data["training"]))
    if data["goals"]:
        table = Table(title="Goals", header_style="bold")
        for column in ("Goal", "Period", "Progress", ""):
            table.add_column(column)
        for g in data["goals"]:
            table.add_row(
                g["label"],
                g["period"],
                f"{grouped(g['actual'])}/{grouped(g['target'])}",
                bar(g["share"], 20),
            )
        console.print(table)


def metric_label(name: str) -> str:
    """A metric as a column or row names it, with what it counts: `calls (lead-days)`."""
    unit = UNITS.get(name)
    return name.replace("_", " ") + (f" ({unit})" if unit else "")


def _metrics(metrics: dict[str, float]) -> Table:
    table = Table(title="Activity totals (the goal metrics)", header_style="bold")
    for name in metrics:
        table.add_column(metric_label(name), justify="right")
    table.add_row(*(grouped(v) for v in metrics.values()))
    return table


def _activity(activity: ReportActivity) -> Table:
    table = Table(
        title="Interactions logged by step and channel (log rows: a walked call logs several)",
        header_style="bold",
    )
    channels = [c["channel"] for c in activity["by_channel"]]
    table.add_column("Step")
    for channel in channels:
        table.add_column(channel, justify="right")
    table.add_column("Total", justify="right")
    table.add_column("")
    cells = {(r["step"], r["channel"]): r["interactions"] for r in activity["by_step_channel"]}
    largest = max(s["interactions"] for s in activity["by_step"])
    for step in activity["by_step"]:
        name = step["step"]
        table.add_row(
            STEP_TITLES.get(name, name),
            *(str(cells.get((name, c), "")) for c in channels),
            str(step["interactions"]),
            scaled(step["interactions"], largest),
        )
    return table


def _funnel(funnel: ReportFunnel) -> Table:
    table = Table(title=f"Funnel ({plural(funnel['leads'], 'active lead')})", header_style="bold")
    for column in ("Step", "Reached", "", "Conversion", "Avg days"):
        table.add_column(column, justify="left" if column in ("Step", "") else "right")
    largest = max((s["reached"] for s in funnel["steps"]), default=0)
    for step in funnel["steps"]:
        table.add_row(
            f"{step['position']}. {STEP_TITLES[step['step']]}",
            str(step["reached"]),
            scaled(step["reached"], largest),
            percent(step["conversion"]) if step["conversion"] is not None else "",
            _days(step["average_days"]),
        )
    table.caption = (
        f"won {funnel['won']} · lost {funnel['lost']} · no decision {funnel['no_decision']} · "
        f"win rate {percent(funnel['win_rate'])}"
    )
    return table


def _sla(sla: ReportSla) -> Table:
    title = "First-contact SLA (imported leads due in the period, archived left out)"
    table = Table(title=title, header_style="bold")
    for column in ("Leads", "Met", "Late", "Missed", "Pending", "Compliance", "", "Median wait"):
        table.add_column(column, justify="right")
    median = sla["median_hours_to_first_contact"]
    table.add_row(
        str(sla["leads"]),
        str(sla["met"]),
        str(sla["late"]),
        str(sla["missed"]),
        str(sla["pending"]),
        percent(sla["compliance"]),
        bar(sla["compliance"], 15),
        "–" if median is None else f"{median:.1f} h",
    )
    return table


def _family(family: str | None) -> str:
    return family or "(no family)"


def _objections(rows: list[ObjectionRow]) -> Table:
    table = Table(title="Objections", header_style="bold")
    columns = ("Family", "Raised", "Resolved", "Partly", "Not", "No result", "Resolution", "")
    # At 80 columns rich shrank every column alike and cut the ids (`authori…`): the family is
    # what the row is about, so it keeps its width and the bar gives way.
    widest = max((len(_family(r["family"])) for r in rows), default=6)
    for column in columns:
        table.add_column(
            column,
            justify="left" if column in ("Family", "") else "right",
            min_width=min(widest, 24) if column == "Family" else None,
        )
    for r in rows:
        table.add_row(
            _family(r["family"]),
            str(r["raised"]),
            str(r["resolved"]),
            str(r["partly"]),
            str(r["not_resolved"]),
            str(r["unrecorded"]),
            percent(r["resolution_rate"]),
            bar(r["resolution_rate"], 15),
        )
    return table


def _training(training: ReportTraining) -> Table:
    table = Table(title="Training", header_style="bold")
    for column in ("Drill or family", "Items", "Score", ""):
        table.add_column(column)
    for r in training["by_drill"]:
        table.add_row(r["drill"], str(r["items"]), percent(r["share"]), bar(r["share"], 15))
    for f in training["by_family"]:
        table.add_row(
            f"  objections: {f['family']}",
            str(f["attempts"]),
            percent(f["share"]),
            bar(f["share"], 15),
        )
    return table


def report_markdown(data: ReportJSON) -> str:
    """The report as markdown, for e-mail or a wiki."""
    period, funnel, sla = data["period"], data["funnel"], data["sla"]
    lines = [
        f"# Sales report {period['label']} ({period['start']} to {period['end']})",
        "",
        f"{plural(data['activity']['interactions'], 'interaction')} logged with "
        f"{plural(data['activity']['leads'], 'lead')}.",
        "",
        "| Metric | Value |",
        "|---|---:|",
        *(f"| {metric_label(m)} | {grouped(v)} |" for m, v in data["metrics"].items()),
        "",
        "## Interactions logged by step",
        "",
        "Log rows, not calls: a walked call logs several.",
        "",
        "| Step | Interactions |",
        "|---|---:|",
        *(
            f"| {STEP_TITLES.get(s['step'], s['step'])} | {s['interactions']} |"
            for s in data["activity"]["by_step"]
        ),
        "",
        "## Interactions logged by channel",
        "",
        "| Channel | Interactions |",
        "|---|---:|",
        *(f"| {c['channel']} | {c['interactions']} |" for c in data["activity"]["by_channel"]),
        "",
        f"## Funnel ({funnel['leads']} active leads)",
        "",
        "| Step | Reached | Conversion | Avg days |",
        "|---|---:|---:|---:|",
        *(
            f"| {s['position']}. {STEP_TITLES[s['step']]} | {s['reached']} | "
            f"{percent(s['conversion']) if s['conversion'] is not None else ''} | "
            f"{_days(s['average_days'])} |"
            for s in funnel["steps"]
        ),
        "",
        f"Won {funnel['won']}, lost {funnel['lost']}, no decision {funnel['no_decision']}: "
        f"win rate {percent(funnel['win_rate'])}.",
        "",
        "## First-contact SLA",
        "",
        f"{sla['leads']} imported leads due (archived left out): {sla['met']} met, "
        f"{sla['late']} late, "
        f"{sla['missed']} missed, {sla['pending']} pending; compliance "
        f"{percent(sla['compliance'])}; median wait "
        + (
            "–"
            if sla["median_hours_to_first_contact"] is None
            else f"{sla['median_hours_to_first_contact']:.1f} h"
        )
        + ".",
    ]
    if data["objections"]:
        lines += [
            "",
            "## Objections",
            "",
            "| Family | Raised | Resolved | Resolution |",
            "|---|---:|---:|---:|",
        ]
        lines += [
            f"| {_family(r['family'])} | {r['raised']} | {r['resolved']} "
            f"| {percent(r['resolution_rate'])} |"
            for r in data["objections"]
        ]
    if data["training"]["by_drill"]:
        lines += ["", "## Training", "", "| Drill | Items | Score |", "|---|---:|---:|"]
        lines += [
            f"| {r['drill']} | {r['items']} | {percent(r['share'])} |"
            for r in data["training"]["by_drill"]
        ]
    if data["goals"]:
        lines += ["", "## Goals", "", "| Goal | Period | Progress |", "|---|---|---:|"]
        lines += [
            f"| {g['label']} | {g['period']} | {grouped(g['actual'])}/{grouped(g['target'])} "
            f"({percent(g['share'])}) |"
            for g in data["goals"]
        ]
    return "\n".join(lines) + "\n"
