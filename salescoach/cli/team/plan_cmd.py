"""`salescoach team plan`: what needs the manager today, from the hub.

`team plan` with `--json` and `--all` starts without Typer (`cli.team.plan_entry`); this
command reads every other argument list (help, errors) and runs the same `run_plan`."""

from __future__ import annotations

import typer


def register(team: typer.Typer) -> None:
    team.command("plan")(plan)


def plan(
    as_json: bool = typer.Option(False, "--json", help="Print the documented JSON shape."),
    everything: bool = typer.Option(
        False, "--all", help="List every lead of each section, not only the oldest few."
    ),
) -> None:
    """SLA breaches and leads about to breach per rep, unassigned leads, stale deals per rep,
    reps behind pace on a goal (a manager's command; reads the hub)."""
    from salescoach.cli.team.plan_run import run_plan

    run_plan(as_json, everything)
